import contextvars
import logging
import uuid

from django.conf import settings
from django.shortcuts import redirect
from django_otp import devices_for_user

from core.private import never_stored

_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Gives every request an id that is logged and shown on error pages.

    Staff can then find the log lines of a failure a citizen reports by quoting the id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex[:16]
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = getattr(record, "request_id", None) or _request_id.get()
        return True


class StaffTwoFactorMiddleware:
    """With REQUIRE_2FA, staff must pass a second factor before any admin page.

    A staff member without a confirmed authenticator app is sent to the enrolment page, one
    with an app to the code page. Login, logout and those two pages stay reachable.
    """

    OPEN_NAMES = {"login", "logout", "two-factor-setup", "two-factor-verify", "jsi18n"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not (settings.REQUIRE_2FA and match and match.app_name == "admin"):
            return None
        user = request.user
        if not user.is_authenticated or not user.is_staff or user.is_verified():
            return None
        if match.url_name in self.OPEN_NAMES:
            return None
        target = "two-factor-verify" if any(devices_for_user(user)) else "two-factor-setup"
        return redirect(f"admin:{target}")


class SignedInNeverStoredMiddleware:
    """Every page for a logged-in person is `Cache-Control: no-store, private` (issue 15.5):
    it may hold internal figures or their name, and must not stay in a browser or proxy cache.
    Without a session cookie nothing is looked up, so anonymous pages stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.SESSION_COOKIE_NAME in request.COOKIES
                and getattr(request, "user", None) is not None
                and request.user.is_authenticated):
            never_stored(response)
        return response
