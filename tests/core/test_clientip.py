import pytest
from django.test import RequestFactory

from core.clientip import client_ip


def request(forwarded=None, remote="10.0.0.1"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_proxy_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("198.51.100.7")) == "10.0.0.1"


@pytest.mark.parametrize("forwarded, expected", [
    ("198.51.100.7", "198.51.100.7"),
    # nginx's $proxy_add_x_forwarded_for appends: what is left of the last entry is the client's.
    ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
    ("6.6.6.6,198.51.100.7", "198.51.100.7"),
    ("2001:db8::1", "2001:db8::1"),
    ("", "10.0.0.1"),
    ("not-an-address", "10.0.0.1"),
])
def test_behind_one_proxy_the_last_entry_counts(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded)) == expected


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("6.6.6.6, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    # Fewer entries than proxies: the request did not come through them; trust none.
    assert client_ip(request("198.51.100.7")) == "10.0.0.1"


def test_no_header_gives_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request()) == "10.0.0.1"
