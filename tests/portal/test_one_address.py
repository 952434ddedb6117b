"""Issue 18 §6 on the demo site: one address per page (a canonical link), a distinct <title> per
page and one search box per page, over every page of the sitemap in both languages."""

import functools
import html
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.browser.test_every_page import EXTRA_PATHS
from tests.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
SEARCH_FORM = re.compile(r"<form\b[^>]*\brole=\"search\"")
# Pages the sitemap leaves out that readers still open (list filters, page 2, search).
MORE_PATHS = [
    "/vaerktoejskasse/soeg/", "/en/toolbox/search/",
    "/vaerktoejskasse/vejledninger/?topic=forsikring", "/en/toolbox/guides/?topic=forsikring",
    "/bliv-frivillig/?page=2", "/en/volunteer/?page=2",
]


PRINT = ("/udskriv/", "/print/")
CURRENT_POLICY = {"/politik/frivillighedspolitik/", "/en/policy/frivillighedspolitik/"}


def _pages():
    """Every page as a reader's browser gets it; print views (for paper: no search box, no
    canonical link) are checked for their titles only."""
    return dict(_fetched())


# Fetched by the first test of this module that asks: the demo is the same for every test (each
# runs in a savepoint of its loading), so the other reads them from here instead of rendering
# all ~120 pages again.
@functools.cache
def _fetched() -> dict[str, str]:
    client = Client()
    pages = {}
    for path in sitemap_paths(client) + EXTRA_PATHS + MORE_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


def _canonical(path, page):
    found = CANONICAL.findall(page)
    assert len(found) == 1, (path, found)
    return urlsplit(found[0]).path


def test_every_page_names_one_canonical_address_without_parameters(client, demo):
    for path, page in _pages().items():
        if any(part in path for part in PRINT):
            continue
        canonical = _canonical(path, page)
        assert "?" not in canonical
        if "?" not in path:
            # A page without parameters is its own address, unless it shows another page.
            assert canonical == path or path in CURRENT_POLICY, path


def test_the_current_policy_has_one_address(client, demo):
    """/politik/ shows the policy in force; its own page says /politik/ is the address."""
    for path in ("/politik/frivillighedspolitik/", "/politik/"):
        assert _canonical(path, client.get(path).content.decode()) == "/politik/"
    english = client.get("/en/policy/frivillighedspolitik/").content.decode()
    assert _canonical("en", english) == "/en/policy/"


def test_every_page_has_a_title_of_its_own_and_one_search_box(client, demo):
    """Pages with the same canonical address are one page (filters, page 2, the current
    policy); between different pages of one language no two titles are the same (a Danish
    and an English page may share a proper name: "Boldklubben Nordlyset")."""
    titles = defaultdict(set)
    for path, page in _pages().items():
        title = (path.startswith("/en/"),
                 " ".join(html.unescape(TITLE.search(page).group(1)).split()))
        if any(part in path for part in PRINT):
            titles[title].add(path)
            continue
        assert len(SEARCH_FORM.findall(page)) == 1, path
        titles[title].add(_canonical(path, page))
    assert {title: sorted(addresses) for title, addresses in titles.items()
            if len(addresses) > 1} == {}
