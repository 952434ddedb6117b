"""Helpers for the public-form tests: fill a form as a reader would (GET it, keep its hidden
fields, POST), and read what the intake queued."""

import re

from intake.models import Delivery

HIDDEN = re.compile(r'<input type="hidden" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)"')


def hidden_fields(html: str) -> dict:
    """The hidden inputs of a page (the signed start time, a chosen organisation)."""
    return {m["name"]: m["value"].replace("&amp;", "&") for m in HIDDEN.finditer(html)
            if m["name"] != "csrfmiddlewaretoken"}


def fill(client, url: str, data: dict, *, get_url: str | None = None):
    """GET the form page (as the reader sees it), then POST the data with its hidden fields."""
    page = client.get(get_url or url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**hidden_fields(page.content.decode()), "website": "", **data})


def deliveries(purpose: str) -> list[Delivery]:
    return list(Delivery.objects.filter(purpose=purpose).order_by("id"))
