"""Where to send someone after a form: the one check for a user-supplied `next`."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback, *, field: str = "next") -> str:
    """The `next` URL of the request if it stays on this site, otherwise `fallback`.

    `next` comes from the address bar or a form, so anyone can send a link with
    `?next=https://evil.example/login`; following it would make the portal's own login page
    hand staff over to a look-alike (an open redirect). Only a URL on the host the request came
    to is followed, and only over HTTPS when the request itself is secure, the same check
    Django's own login and logout views make. `fallback` is a URL or a URL name.
    """
    url = request.POST.get(field) or request.GET.get(field)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(fallback)
