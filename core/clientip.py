"""The client's address, for login throttling, the form limiter and logs: one rule for all.

Without a proxy in front it is the socket's address, which a client cannot forge. Behind
proxies (DJANGO_BEHIND_PROXY=1) each proxy appends the address it received the request from to
X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), so everything left of what our own proxies
wrote is whatever the client chose to send. The address is therefore read from the right:
with TRUSTED_PROXY_COUNT proxies, the TRUSTED_PROXY_COUNT-th entry from the right is the one our
outermost proxy saw.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < proxies:
        # Fewer entries than proxies: the header did not come through all of them (a request
        # that reached the server some other way). Nothing in it can be trusted.
        return remote
    address = entries[-proxies]
    return address if _valid(address) else remote
