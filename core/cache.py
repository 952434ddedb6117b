"""Whole-page caching for anonymous readers, invalidated the moment staff change content.

Every public page an anonymous reader GETs is kept in the cache (settings.PAGE_CACHE_ALIAS)
together with the *content version* it was rendered at. The version is one key in the cache all
workers and app servers share (settings.CONTENT_VERSION_ALIAS) that any change to content
replaces (`bump_content_version`): a signal handler does it for every save, delete and
many-to-many change of a model in a content app (core.apps.content_apps), and services that write in bulk
(`update()`, `bulk_create`) call it themselves. A page whose version is not the current one is
rendered again, so a change shows on every worker and app server at once, even where each keeps
its pages in its own memory, and no page is ever deleted one by one.

What is never cached: anything but GET/HEAD; readers with a session (logged-in staff, previews)
or a pending message; the admin; responses that are not 200, stream, set a cookie, vary on
Cookie or say private / no-store / no-cache (staff previews of drafts, internal indicators).

Forms: a page with a CSRF-protected form (the guide's "Var siden nyttig?") is stored with a
placeholder where the token was, and every reader gets a fresh token (and the csrftoken cookie)
when the page is served, exactly as if it had been rendered for them. CsrfViewMiddleware keeps
checking every POST as before.

Conditional GET: cached pages carry an ETag derived from the content version (and, on pages
with a form, the reader's CSRF secret, so a 304 never hands back a page with someone else's
token) and a Last-Modified of the last change; a matching If-None-Match / If-Modified-Since gets
304 Not Modified. `Cache-Control: no-cache` makes browsers ask every time, so an edit is never
hidden by a browser cache, and the answer is usually that 304.
"""

import hashlib
import re
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "portal:content-version"
PAGE_KEY = "portal:page:"
MAX_BODY = 2 * 1024 * 1024
# Django's {% csrf_token %} renders exactly this; the token is 64 letters and digits.
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")'
                        rb'[A-Za-z0-9]{32,64}(")')
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
# Headers the outer middleware sets again on every response; never stored with a page.
NOT_STORED = {"content-length", "set-cookie"}


def shared_cache():
    """The cache every worker and app server sees (a file under .data with locmem://)."""
    return caches[settings.CONTENT_VERSION_ALIAS]


def page_store():
    """Where pages are kept: may be private to a worker, as the version decides what is current."""
    return caches[settings.PAGE_CACHE_ALIAS]


def _new_version() -> tuple[str, float]:
    return uuid.uuid4().hex, time.time()


def content_version() -> tuple[str, float]:
    """(token, time of the last change); made on first use and after the cache lost it."""
    cache = shared_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY) or _new_version()
    return version


def _bump() -> None:
    shared_cache().set(VERSION_KEY, _new_version(), timeout=None)


def bump_content_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Every cached page is stale from now on.

    Bumped at once (so the same request and the tests see it) and again when the transaction
    commits: a reader who rendered the old content between the two has it stored under the
    version the commit replaces.
    """
    _bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(
        entry[1] is _bump for entry in connection.run_on_commit
    ):
        transaction.on_commit(_bump, using=using)


def _is_content(sender) -> bool:
    meta = sender._meta
    return (getattr(meta.app_config, "content_app", False)
            and meta.label_lower not in settings.PAGE_CACHE_IGNORED_MODELS
            # Historical models of migrations change nothing readers see yet.
            and sender.__module__ != "__fake__")


def on_content_change(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if sender is not None and _is_content(sender):
        bump_content_version(using)


def on_m2m_change(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_") and (_is_content(sender) or _is_content(type(instance))):
        bump_content_version(using)


def connect_signals() -> None:
    post_save.connect(on_content_change, dispatch_uid="portal-page-cache-save")
    post_delete.connect(on_content_change, dispatch_uid="portal-page-cache-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="portal-page-cache-m2m")


def _placeholder() -> bytes:
    # The same on every server (derived from SECRET_KEY); no content can contain it by chance.
    return b"csrf-" + salted_hmac("portal.cache.csrf", "placeholder").hexdigest()[:40].encode()


def _cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies
            or "HTTP_AUTHORIZATION" in request.META):
        return False
    return not any(re.match(pattern, request.path_info)
                   for pattern in settings.PAGE_CACHE_EXCLUDE)


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_BODY:
        return False
    directives = {d.split("=")[0].strip().lower()
                  for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    if vary & {"cookie", "*"}:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _key(request) -> str:
    raw = "|".join([request.scheme, request.get_host(), get_language() or "",
                    request.get_full_path()])
    return PAGE_KEY + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    """Serves and stores whole pages for anonymous readers (see the module docstring).

    Sits inside the security, session, locale, CSRF and CSP middleware, so every answer from
    the cache still gets their headers and cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        version = content_version()
        entry = page_store().get(key)
        if entry and entry["version"] == version[0]:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if request.method != "GET" or not _cacheable_response(request, response):
                return response
            content = response.content
            has_form = CSRF_INPUT.search(content) is not None
            if has_form:
                content = CSRF_INPUT.sub(rb"\1" + _placeholder() + rb"\2", content)
            entry = {
                "version": version[0], "content": content, "has_form": has_form,
                "headers": [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED],
            }
            page_store().set(key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return self._finish(request, response, entry, key, version)

    def _finish(self, request, response, entry, key, version):
        """Fresh CSRF token, validators, and 304 when the reader's copy is current."""
        secret = ""
        if entry["has_form"]:
            if response["X-Page-Cache"] == "hit":
                response.content = response.content.replace(
                    _placeholder(), get_token(request).encode())
            else:
                get_token(request)  # the rendered token is the reader's; keep its cookie fresh
            secret = request.META.get("CSRF_COOKIE", "")
        tag = hashlib.sha256(f"{version[0]}|{key}|{secret}".encode()).hexdigest()[:32]
        # A page with a form differs byte for byte (the token is masked anew): a weak validator.
        response["ETag"] = f'{"W/" if entry["has_form"] else ""}"{tag}"'
        response["Last-Modified"] = http_date(version[1])
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ("Cookie",))
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=int(version[1]), response=response)
