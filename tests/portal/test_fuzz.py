"""No query parameter, however odd, may cause a server error on a public page."""

import copy
import datetime
import functools
import traceback
from typing import ClassVar

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import resolve
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.filters import PlaceFilter
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
def paths(demo):
    _policy_in_consultation()  # the demo has none open: its response form is listed then
    return _paths()


# Read from the sitemap by the first test of the process that asks: every test here sees the same
# demo and the same policy in consultation (each runs in a savepoint of the demo's loading), so
# the others take the list from here instead of rendering the sitemap again.
@functools.cache
def _paths() -> list[str]:
    found = sitemap_paths(Client())
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
    """request.GET that notes which parameters the page read, as precisely as can be sound.

    A parameter looked up by name (`[]`, get, getlist, `in`, pop, setdefault) is read. A copy
    (copy(), copy.copy, copy.deepcopy: what `{% querystring %}` and the pagination links start
    from) is a ReadQueryDict too and notes its lookups in the same `read`, so copying reads
    nothing by itself. urlencode() reads nothing either (see `urlencode`). Whatever hands out
    keys or values in bulk (iteration, keys(), values(), items(), lists(), dict(), popitem())
    gives them to code that may interpret any of them: that counts as reading every parameter,
    and `bulk` keeps where it happened, for the failure message of the test below."""

    read: ClassVar[set] = set()
    bulk: ClassVar[list] = []
    # > 0 while the dictionary is filled (QueryDict.__init__ asks `key in self` of every key),
    # copied or encoded: those lookups are its own, not the page's.
    _quiet = 0

    def __init__(self, *args, **kwargs):
        self._quietly(super().__init__, *args, **kwargs)

    def _note(self, key):
        if not ReadQueryDict._quiet:
            self.read.add(key)

    def _everything(self):
        if not ReadQueryDict._quiet:
            self.read.update(PARAMETERS)
            self.bulk.append(_caller())

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def pop(self, key, *args):
        self._note(key)
        return super().pop(key, *args)

    def setdefault(self, key, default=None):
        self._note(key)
        return super().setdefault(key, default)

    def __iter__(self):
        self._everything()
        return super().__iter__()

    def keys(self):
        self._everything()
        return super().keys()

    def values(self):
        self._everything()
        return super().values()

    def lists(self):
        self._everything()
        return super().lists()

    def items(self):
        self._everything()
        return super().items()

    def dict(self):
        self._everything()
        return super().dict()

    def popitem(self):
        self._everything()
        return super().popitem()

    def _quietly(self, method, *args, **kwargs):
        ReadQueryDict._quiet += 1
        try:
            return method(*args, **kwargs)
        finally:
            ReadQueryDict._quiet -= 1

    def __copy__(self):
        return self._quietly(super().__copy__)

    def __deepcopy__(self, memo):
        # QueryDict.copy() is __deepcopy__; the result is made by self.__class__: a ReadQueryDict.
        return self._quietly(super().__deepcopy__, memo)

    def urlencode(self, safe=None):
        # Not a read. urlencode() percent-encodes each key and value on its own, by the same
        # code whatever the value says, and joins them with "&": it interprets no value. A
        # parameter alone (a NUL or an empty value in p) is encoded exactly as it is in the
        # all-at-once request with that value, which sends every parameter (the test checks
        # that they all arrive), so a value that broke the encoding breaks it there already.
        # What the page then does with the encoded string (a link, a print or calendar address,
        # "is there a query?") sees, alone, a part of the all-at-once string: the same pair,
        # encoded the same, fewer others. The string is not parsed back into this request's
        # parameters; the addresses it makes (print, CSV, calendar) are fuzzed as pages of
        # their own.
        return self._quietly(super().urlencode, safe)


def _caller() -> str:
    """Who read in bulk: the innermost frame, and the innermost of the project's own code."""
    frames = [frame for frame in traceback.extract_stack()[:-3] if frame.filename != __file__]
    ours = [frame for frame in frames if "site-packages" not in frame.filename]
    return " via ".join(dict.fromkeys(
        f"{'/'.join(frame.filename.split('/')[-2:])}:{frame.lineno} {frame.name}"
        for frame in (ours[-1:] + frames[-1:])))


# The pages are split into shards, each a test of its own, so that the xdist processes share
# the fuzz instead of one of them running it alone at the end. With reads tracked as above the
# 85 pages cost 1,365 requests (13 each, plus 2 per parameter read: at most 7 on a page); when
# filling the QueryDict and urlencode() counted as reads, 29 pages read all 39 and it was 3,917.
SHARDS = 8


@pytest.mark.expensive
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_public_page_survives_nasty_values_in_every_parameter(client, paths, monkeypatch,
                                                                    shard):
    """Each odd value in all parameters at once, then the two classic crashers (a NUL byte and
    an empty value) in each parameter alone, so one parameter's error cannot hide another's.
    Alone, only the parameters the page read while it had them all: one it never reads cannot
    change its answer (3,917 requests became 1,365: see ReadQueryDict). Every page is
    in exactly one shard (every SHARDS-th page of the sorted list)."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadQueryDict)
    failures = []
    for path in paths[shard::SHARDS]:
        ReadQueryDict.read, ReadQueryDict.bulk = set(), []
        for query in [{name: value for name in PARAMETERS} for value in NASTY]:
            response = client.get(path, query)
            # Every parameter arrives in the all-at-once requests (what the cut below and
            # urlencode's exemption rest on); dict.keys is not a read.
            assert set(dict.keys(response.wsgi_request.GET)) == set(PARAMETERS), path
            if response.status_code not in allowed(path):
                failures.append((path, {k: v[:20] for k, v in query.items()},
                                 response.status_code))
        read = sorted(ReadQueryDict.read & set(PARAMETERS))
        for query in [{name: value} for name in read for value in ("\x00", "")]:
            status = client.get(path, query).status_code
            if status not in allowed(path):
                failures.append((path, query, status))
    assert failures == []


def test_the_fuzz_sees_which_parameters_a_page_reads(client, demo, monkeypatch):
    """The cut above is only sound if reads are seen, also those made through a form bound to
    request.GET (a Form, a django-filter FilterSet) or through a copy of it: the search page
    reads `q` and its filters, the places list its filters, the planner its questions (its form
    is bound only when one of them is `in` the query); the home page reads none of them."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadQueryDict)
    everything = {name: "1" for name in PARAMETERS}
    for path, read in [
            ("/vaerktoejskasse/soeg/", {"q", "topic", "audience"}),  # a Form and a FilterSet
            ("/steder/", {"kapacitet", "trinfri", "udstyr", "hvem", "type", "bydel"}),
            ("/vaerktoejskasse/planlaeg/", {"dato", "sted", "deltagere", "aktiviteter"}),
            ("/", set())]:
        ReadQueryDict.read, ReadQueryDict.bulk = set(), []
        assert client.get(path, everything).status_code in ALLOWED
        assert ReadQueryDict.read & set(PARAMETERS) >= read, path
        if not read:
            assert ReadQueryDict.read & {"dato", "q", "kapacitet"} == set(), path


class _Form(forms.Form):
    q = forms.CharField(required=False)


def _read_by(view, query=(("q", "1"), ("page", "2"), ("hvem", "x"))) -> set:
    """The parameters `view` reads of a request whose query has q, page and hvem."""
    ReadQueryDict.read, ReadQueryDict.bulk = set(), []
    request = RequestFactory().get("/", dict(query))
    assert type(request.GET) is ReadQueryDict
    view(request)
    return ReadQueryDict.read & {"q", "page", "hvem"}


def _querystring(request, **changes) -> str:
    """What `{% querystring %}` makes of the request's query (pagination links)."""
    context = Context(changes)
    context.request = request
    return Template("{% querystring page=page %}").render(context)


def test_reads_through_a_copy_or_a_form_are_seen_and_copying_is_not_a_read(db, monkeypatch):
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadQueryDict)
    for make_copy in (QueryDict.copy, copy.copy, copy.deepcopy):
        assert _read_by(lambda request, make_copy=make_copy: make_copy(request.GET)) == set()
        assert type(make_copy(ReadQueryDict("q=1"))) is ReadQueryDict
        assert _read_by(lambda request, make_copy=make_copy: make_copy(request.GET).get("q")) == {"q"}
        assert _read_by(lambda request, make_copy=make_copy: make_copy(request.GET)["hvem"]) == {"hvem"}
        assert _read_by(lambda request, make_copy=make_copy: make_copy(request.GET).getlist("q")) == {"q"}
    # What a page's links do with the query: copied, changed, encoded; nothing interpreted.
    assert _read_by(lambda request: request.GET.urlencode()) == set()
    assert _read_by(lambda request: _querystring(request, page=3)) == set()
    assert ReadQueryDict.bulk == []
    # Forms bound to the query read their fields, and only those.
    assert _read_by(lambda request: _Form(request.GET).is_valid()) == {"q"}
    assert _read_by(lambda request: _Form(request.GET.copy()).is_valid()) == {"q"}
    assert _read_by(lambda request: PlaceFilter(request.GET).qs.count()) == {"hvem"}
    # Whatever hands out every key or value reads every parameter.
    for bulk in (list, dict, lambda data: data.items(), lambda data: data.lists(),
                 lambda data: data.dict(), lambda data: data.keys(),
                 lambda data: list(data.values()), lambda data: data.copy().popitem()):
        assert _read_by(lambda request, bulk=bulk: bulk(request.GET)) == {"q", "page", "hvem"}
        assert ReadQueryDict.bulk, bulk


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
