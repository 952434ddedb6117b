"""The readers' login (issue 15.5): politicians read internal figures without the admin.

At /log-ind/ (/en/log-in/) a person in the group "Læsere af interne indikatorer" who is not
staff logs in with a password and, as staff do (settings.REQUIRE_2FA), a code from an
authenticator app or a backup code (the devices and forms of portal/two_factor.py). Only a
session verified that way sees internal figures (core.private.may_read_internal); the password
alone shows nothing internal. django-axes locks a user name and address after 5 wrong passwords
as at the admin login, and the limiter (core/ratelimit.py) caps login attempts per address.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import ratelimit
from core.private import never_stored
from core.redirects import safe_next
from indicators.models import INTERNAL_PERMISSION
from portal import two_factor

# The login form answers at most this many times an hour per address (wrong passwords are
# also counted per user name by django-axes).
LOGIN_ATTEMPTS_PER_HOUR = 30
_NEW_CODES_KEY = "reader_new_backup_codes"
DEFAULT_NEXT = "indicators:dashboard"


def is_reader(user) -> bool:
    """Who this login is for: active, not staff, with the permission to read internal figures."""
    return bool(user.is_authenticated and user.is_active and not user.is_staff
                and user.has_perm(INTERNAL_PERMISSION))


class ReaderLoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff:
            raise ValidationError(_("Staff accounts log in at the administration, /admin/."),
                                  code="staff")
        if not user.has_perm(INTERNAL_PERMISSION):
            raise ValidationError(_("This login is for readers of internal figures, and your "
                                    "account may not read them. Ask the municipality if you "
                                    "should."), code="not_reader")


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def _second_factor(request, target: str):
    """Where a reader with only the password goes: the code, or setting up an app first."""
    # Right after auth.login() the user is a fresh object that django-otp has not marked yet.
    is_verified = getattr(request.user, "is_verified", None)
    if not settings.REQUIRE_2FA or (is_verified and is_verified()):
        return redirect(target)
    name = "reader-verify" if two_factor.usable_devices(request.user) else "reader-setup"
    return redirect(_with_next(name, target))


def _page(request, template: str, context: dict, status: int = 200):
    return never_stored(render(request, template, {
        "next": safe_next(request, DEFAULT_NEXT), "breadcrumbs": [(_("Log in"), None)],
        **context}, status=status))


@sensitive_post_parameters("password")
@never_cache
def login(request):
    target = safe_next(request, DEFAULT_NEXT)
    if is_reader(request.user):
        return _second_factor(request, target)
    form = ReaderLoginForm(request, data=request.POST or None)
    if request.method == "POST":
        if not ratelimit.hit_for_request(request, "portal.reader-login",
                                         limit=LOGIN_ATTEMPTS_PER_HOUR, per_seconds=3600):
            return _page(request, "portal/reader_login.html", {
                "form": ReaderLoginForm(request), "too_many": True}, status=429)
        if form.is_valid():
            auth.login(request, form.get_user())
            return _second_factor(request, target)
    return _page(request, "portal/reader_login.html", {"form": form})


def _reader_only(view):
    def wrapped(request, *args, **kwargs):
        if not is_reader(request.user):
            return redirect(_with_next("reader-login", safe_next(request, DEFAULT_NEXT)))
        return view(request, *args, **kwargs)
    return never_cache(wrapped)


@_reader_only
def verify(request):
    devices = two_factor.usable_devices(request.user)
    if not devices:
        return redirect(_with_next("reader-setup", safe_next(request, DEFAULT_NEXT)))
    form = two_factor.CodeForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(request, _("You logged in with a backup code; %(left)d are left.")
                             % {"left": two_factor.backup_codes_left(request.user)})
        return redirect(safe_next(request, DEFAULT_NEXT))
    return _page(request, "portal/reader_verify.html", {"form": form})


@_reader_only
def setup(request):
    user = request.user
    target = safe_next(request, DEFAULT_NEXT)
    if not two_factor.may_enrol(request):
        # As at the admin: a password alone never adds a device to an account that has one.
        return redirect(_with_next("reader-verify", target))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"),
                                           confirmed=False)
    form = two_factor.AppCodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        codes = two_factor.two_factor_app_add(user=user, device=device)
        otp_login(request, device)
        if codes:
            request.session[_NEW_CODES_KEY] = codes
            return redirect(_with_next("reader-codes", target))
        return redirect(target)
    return _page(request, "portal/reader_setup.html", {
        "form": form, "qr_code": two_factor.qr_data_uri(device),
        "secret": two_factor.base32_key(device), "issuer": settings.OTP_TOTP_ISSUER})


@_reader_only
def codes(request):
    """The backup codes of a first enrolment, shown once."""
    new_codes = request.session.pop(_NEW_CODES_KEY, None)
    if not new_codes:
        return redirect(safe_next(request, DEFAULT_NEXT))
    return _page(request, "portal/reader_codes.html", {"codes": new_codes})


@require_POST
def logout(request):
    auth.logout(request)
    return redirect(safe_next(request, "home"))
