"""Helpers the tests of every app share."""

import time

from django import forms
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import bump_content_version


def count_queries(client, url: str) -> int:
    """How many SQL queries one GET of `url` runs when the page is rendered, as right after an
    edit (a stale page cache), not served from the page cache (the response must be 200)."""
    bump_content_version()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def assert_constant_queries(client, url: str, add_items, *, few: int = 1, many: int = 30,
                            maximum: int = 8) -> None:
    """The page runs the same number of queries with `few` and `many` items, and no more than
    `maximum`: the guard against N+1 queries on every list page."""
    add_items(few)
    count_queries(client, url)  # warm the site-wide caches (municipality settings) first
    with_few = count_queries(client, url)
    add_items(many - few)
    with_many = count_queries(client, url)
    assert with_few == with_many, f"{url}: {with_few} queries with {few}, {with_many} with {many}"
    assert with_many <= maximum, f"{url}: {with_many} queries (at most {maximum})"


def public_form_data(data: dict | None = None, *, seconds_ago: float = 10) -> dict:
    """POST data for a form built on intake.forms.PublicForm: the fields plus a signed start
    time `seconds_ago` in the past (the honeypot left empty), as a browser sends it."""
    started = signing.dumps(round(time.time() - seconds_ago, 3), salt="intake.forms.started")
    return {**(data or {}), "started": started}


def deliver_queued() -> int:
    """Send every e-mail waiting in the intake's queue now, as the worker would, into Django's
    test outbox; returns how many were sent."""
    from intake.mail import deliver
    from intake.models import Delivery

    waiting = list(Delivery.objects.filter(status=Delivery.Status.QUEUED).values_list("pk", flat=True))
    for pk in waiting:
        deliver(pk, attempt=1)
    return len(waiting)


def admin_form_data(response, *, inline_rows: bool = False) -> dict:
    """What a browser sends back for the admin change form shown in `response`: each field as
    shown (a file field is never sent back) and each inline's management form. With
    `inline_rows` the inlines' rows go back as shown too; without, none do, so the save leaves
    them as they are."""
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    shown = [response.context["adminform"].form]
    if inline_rows:
        shown += [form for formset in formsets for form in formset.forms]
    data = {}
    for form in shown:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField) or value is None:
                continue
            if isinstance(value, (list, tuple)):
                value = [getattr(item, "pk", item) for item in value]
            data[form.add_prefix(name)] = value
    for formset in formsets:
        management = formset.management_form
        if inline_rows:
            data.update({management.add_prefix(name): management[name].value()
                         for name in management.fields})
        else:
            data.update({f"{formset.prefix}-{name}": value for name, value in (
                ("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0), ("MIN_NUM_FORMS", 0),
                ("MAX_NUM_FORMS", 1000))})
    return data
