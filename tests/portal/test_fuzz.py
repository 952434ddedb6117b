"""No query parameter, however odd, may cause a server error on a public page."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.models import Policy
from tests.factories import PolicyFactory, ThemeFactory
from tests.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db

ALLOWED = {200, 400, 404}
# The planner's calendar files send answers they cannot read back to the planner's form.
CALENDARS = ("/vaerktoejskasse/planlaeg/kalender.ics", "/vaerktoejskasse/planlaeg/abonnement.ics",
             "/en/toolbox/plan/subscribe.ics")


def allowed(path: str) -> set[int]:
    return ALLOWED | {302} if path in CALENDARS else ALLOWED
# Every parameter name a public view reads, plus a few it does not.
PARAMETERS = [
    "q", "page", "topic", "audience", "status", "theme", "policy", "owner", "breakdown",
    "period_from", "period_to", "from", "to", "sort", "order", "year", "format", "lang", "next",
    "date", "unknown",
    # The toolbox planner's questions (demo content).
    "dato", "sted", "deltagere", "alkohol", "boern", "aktiviteter",
    # Bliv frivillig: the opportunity and organisation filters.
    "omraade", "bydel", "naar", "passer", "type",
    # Steder: the place filters.
    "kapacitet", "trinfri", "udstyr", "hvem",
    # Politik: the action plan's choice of current or archived policies.
    "scope",
    # The toolbox's e-mail alerts: the answer after a request.
    "sendt",
]
NASTY = [
    "", "\x00", "a\x00b", "-1", "99999999999999999999999999", "1e309", "NaN", "' OR 1=1 --",
    "💥" * 50, "x" * 5000, "2024-13-45", "\u202e", "[]",
]


def one_per_view(paths: list[str]) -> list[str]:
    """Pages served by the same view and language read parameters the same way: keep one."""
    from django.urls import resolve
    from django.utils import translation

    seen, kept = set(), []
    for path in paths:
        english = path.startswith("/en/")
        with translation.override("en" if english else "da"):
            key = (resolve(path).route, english)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


@pytest.fixture
def paths(client, demo):
    _policy_in_consultation()  # the demo has none open: its response form is listed then
    found = sitemap_paths(client)
    assert len(found) >= 4
    return one_per_view(found + ["/vaerktoejskasse/soeg/", "/en/toolbox/search/",
                                 "/bliv-frivillig/feed/", "/en/volunteer/feed/",
                                 "/steder/", "/en/places/",
                                 # Issue 15: a status's print view and the readers' login.
                                 "/indikatorer/status/2026-11-26/udskriv/",
                                 "/en/indicators/statuses/2026-06-11/print/",
                                 "/log-ind/", "/en/log-in/",
                                 # Print views and open data (issue 15, §4 and §6).
                                 "/indikatorer/udskriv/", "/en/indicators/print/",
                                 "/indikatorer/frivillige-registreret/udskriv/",
                                 "/indikatorer/frivillige-registreret/data.json",
                                 "/indikatorer/dcat.ttl", "/indikatorer/dcat.jsonld",
                                 "/politik/handlingsplan/udskriv/",
                                 "/en/policy/action-plan/print/", *CALENDARS,
                                 # The toolbox's e-mail alerts (issue 18 §5).
                                 "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/abonner/",
                                 "/en/toolbox/topics/forsikring/subscribe/",
                                 "/vaerktoejskasse/abonnement/bekraeft/x/",
                                 "/en/toolbox/subscription/unsubscribe/x/"])


def _policy_in_consultation():
    policy = PolicyFactory(slug="fuzz-hoering", status=Policy.Status.CONSULTATION,
                           adopted_on=None,
                           consultation_ends=timezone.localdate() + datetime.timedelta(days=7))
    ThemeFactory(policy=policy)


class ReadQueryDict(QueryDict):
    """request.GET that notes which parameters the page read; reading them all at once
    (iterating, copying, encoding) counts as reading every one."""

    read: set = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def _everything(self):
        self.read.update(PARAMETERS)

    def __iter__(self):
        self._everything()
        return super().__iter__()

    def lists(self):
        self._everything()
        return super().lists()

    def items(self):
        self._everything()
        return super().items()

    def copy(self):
        self._everything()
        return super().copy()

    def urlencode(self, safe=None):
        self._everything()
        return super().urlencode(safe)

    def dict(self):
        self._everything()
        return super().dict()


# The pages are split into shards, each a test of its own, so that the xdist processes share
# the longest test of the suite instead of one of them running it alone at the end. A page whose
# links carry the query along (pagination, print and CSV links) reads every parameter, so it
# costs 13 + 2 × 39 requests: eight shards of five or six pages take about 20 s each on a
# quiet machine (four took 26–41 s).
SHARDS = 8


@pytest.mark.expensive
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_public_page_survives_nasty_values_in_every_parameter(client, paths, monkeypatch,
                                                                    shard):
    """Each odd value in all parameters at once, then the two classic crashers (a NUL byte and
    an empty value) in each parameter alone, so one parameter's error cannot hide another's.
    Alone, only the parameters the page read while it had them all: one it never reads cannot
    change its answer (this cut the test from 3,500 requests to about a third). Every page is
    in exactly one shard (every SHARDS-th page of the sorted list)."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadQueryDict)
    failures = []
    for path in paths[shard::SHARDS]:
        ReadQueryDict.read = set()
        for query in [{name: value for name in PARAMETERS} for value in NASTY]:
            status = client.get(path, query).status_code
            if status not in allowed(path):
                failures.append((path, {k: v[:20] for k, v in query.items()}, status))
        read = sorted(ReadQueryDict.read & set(PARAMETERS))
        for query in [{name: value} for name in read for value in ("\x00", "")]:
            status = client.get(path, query).status_code
            if status not in allowed(path):
                failures.append((path, query, status))
    assert failures == []


def test_the_fuzz_sees_which_parameters_a_page_reads(client, demo, monkeypatch):
    """The cut above is only sound if reads are seen: the search page reads `q`, the places
    list its filters, the planner its questions; the home page reads none of them."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadQueryDict)
    everything = {name: "1" for name in PARAMETERS}
    for path, read in [("/vaerktoejskasse/soeg/", {"q"}), ("/steder/", {"kapacitet", "udstyr"}),
                       ("/vaerktoejskasse/planlaeg/", {"dato", "sted", "aktiviteter"}),
                       ("/", set())]:
        ReadQueryDict.read = set()
        assert client.get(path, everything).status_code in ALLOWED
        assert ReadQueryDict.read & set(PARAMETERS) >= read, path
        if not read:
            assert ReadQueryDict.read & {"dato", "q", "kapacitet"} == set(), path


def test_repeated_parameters_are_handled(client, paths):
    for path in paths:
        query = "&".join(f"{name}=1&{name}=x" for name in PARAMETERS)
        assert client.get(f"{path}?{query}").status_code in allowed(path), path


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_query_strings_never_give_a_server_error(client, paths, data):
    path = data.draw(st.sampled_from(paths))
    query = data.draw(st.lists(
        st.tuples(st.sampled_from(PARAMETERS) | st.text(max_size=10),
                  st.text(max_size=40) | st.integers().map(str)),
        max_size=5,
    ))
    response = client.get(path, query and dict(query))
    assert response.status_code in allowed(path), (path, query, response.status_code)
