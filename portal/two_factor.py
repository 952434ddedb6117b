"""Two-factor login for staff: a code from an authenticator app (TOTP) or a backup code.

Built on django-otp's own device models (otp_totp for the app, otp_static for the backup
codes); the views are our own rather than django-two-factor-auth's, for the reasons in
docs/security.md ("Two-factor login").

The rules (issue 12):
- A person sets up an app only while the account has no way to give a second factor, or from
  a session already verified with one. A password alone never adds a device to an account
  that has one.
- Setting up a new app replaces the old one (a lost or replaced phone stops working), is
  recorded in the admin's history (LogEntry) and is e-mailed to the person.
- Backup codes are shown once, each works once, and new ones can be made from a verified
  session; making them is recorded and e-mailed too.
"""

import base64
import logging
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.redirects import safe_next
from intake.mail import queue_email

logger = logging.getLogger(__name__)

BACKUP_CODE_COUNT = 10
# New backup codes wait here between the POST that makes them and the page that shows them
# once; the page removes them from the session as it shows them.
_NEW_CODES_KEY = "two_factor_new_backup_codes"


# --- Reads -----------------------------------------------------------------------------------

def usable_devices(user) -> list:
    """The devices that can give this person's second factor now: a confirmed app, and the
    backup codes while any are left."""
    apps = list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))
    codes = list(StaticDevice.objects.filter(user=user, confirmed=True,
                                             token_set__isnull=False).distinct().order_by("pk"))
    return apps + codes


def may_enrol(request) -> bool:
    """Whether this session may set up an app: a first one, or from a verified session."""
    return request.user.is_verified() or not usable_devices(request.user)


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _history(user):
    types = ContentType.objects.get_for_models(TOTPDevice, StaticDevice).values()
    return LogEntry.objects.filter(content_type__in=types, user=user).order_by("-action_time")


# --- Writes ----------------------------------------------------------------------------------

def _log(user, device, flag, message):
    LogEntry.objects.log_actions(user.pk, type(device).objects.filter(pk=device.pk), flag,
                                 change_message=message, single_object=True)


def two_factor_app_add(*, user, device) -> list[str]:
    """Confirm `device` as the person's app, replacing any app they had before.

    Returns new backup codes when the person had none left (a first enrolment), else [].
    """
    with transaction.atomic():
        for old in TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk):
            _log(user, old, DELETION, _("Replaced by a new authenticator app."))
            old.delete()
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.full_clean()
        device.save(update_fields=["confirmed"])
        _log(user, device, ADDITION, _("Authenticator app set up through two-factor login."))
        codes = [] if backup_codes_left(user) else _backup_codes_make(user)
    notify_device_added(user, device)
    return codes


def two_factor_backup_codes_replace(*, user) -> list[str]:
    """Throw away the person's backup codes and make a new set."""
    with transaction.atomic():
        codes = _backup_codes_make(user)
    notify_device_added(user, StaticDevice.objects.get(user=user))
    return codes


def _backup_codes_make(user) -> list[str]:
    device, created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Backup codes")}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _unused in range(BACKUP_CODE_COUNT)]
    for code in codes:
        token = StaticToken(device=device, token=code)
        token.full_clean()
        token.save()
    _log(user, device, ADDITION if created else CHANGE,
         _("%(count)d new backup codes made; the earlier ones no longer work.")
         % {"count": BACKUP_CODE_COUNT})
    return codes


def notify_device_added(user, device) -> None:
    """E-mail the person that a way to log in was added to their account.

    Whoever added it has the password and a second factor or no second factor yet, so the
    person must hear of it at once to stop someone else's phone or codes. The one place that
    sends this mail.
    """
    if not user.email:
        logger.warning("Two-factor device added for user %s, who has no e-mail address", user.pk)
        return
    context = {
        "user": user,
        "is_backup_codes": isinstance(device, StaticDevice),
        "when": timezone.localtime(),
        "site_name": settings.OTP_TOTP_ISSUER,
    }
    subject = _("A new way to log in was added to your account")
    body = render_to_string("admin/two_factor_device_added.txt", context)
    # Through the outgoing-mail queue: a mail server that is down delays the notice but neither
    # loses it nor undoes the device.
    queue_email(to=[user.email], subject=str(subject), body=body, purpose="two-factor notice")


# --- Forms -----------------------------------------------------------------------------------

class CodeForm(forms.Form):
    """A code checked against the given devices; `device` is the one that accepted it."""

    token = forms.CharField(
        label=gettext_lazy("Code"),
        help_text=gettext_lazy("The six digits the app shows, or one of your backup codes."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off",
                                      "spellcheck": "false"}),
    )
    error = gettext_lazy("The code was not right. Try the newest code in the app, or a backup "
                         "code you have not used before.")

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split()).lower()
        # Six digits go to the app, anything else to the backup codes, so that a backup code
        # does not count as a wrong app code (django-otp slows a device down after those).
        is_app_code = token.isdigit() and len(token) == 6
        for device in self.devices:
            if isinstance(device, TOTPDevice) == is_app_code and device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(self.error)


class AppCodeForm(CodeForm):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from the app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Type the six digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error = gettext_lazy("The code was not right. Try the newest code in the app.")


# --- Views -----------------------------------------------------------------------------------

def _verify_then(target: str):
    return redirect(f"{reverse('admin:two-factor-verify')}?{urlencode({'next': target})}")


@never_cache
def setup(request):
    user = request.user
    if not may_enrol(request):
        # The password alone must not add a device to an account that has one (issue 12):
        # prove the existing factor first, then come back here.
        return _verify_then(reverse("admin:two-factor-setup"))
    replacing = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"),
                                           confirmed=False)
    form = AppCodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        codes = two_factor_app_add(user=user, device=device)
        otp_login(request, device)
        messages.success(request, _("Two-factor login is set up. You will be asked for a code "
                                    "each time you log in."))
        if codes:
            request.session[_NEW_CODES_KEY] = codes
            return redirect("admin:two-factor")
        return redirect("admin:index")
    context = {
        "title": _("Set up two-factor login"),
        "form": form,
        "replacing": replacing,
        "qr_code": qr_data_uri(device),
        "secret": base32_key(device),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "admin/two_factor_setup.html", context)


@never_cache
def verify(request):
    devices = usable_devices(request.user)
    if not devices:
        return redirect("admin:two-factor-setup")
    form = CodeForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            left = backup_codes_left(request.user)
            messages.warning(request, _(
                "You logged in with a backup code; %(left)d are left. Make new codes under "
                "Two-factor login if you are running short."
            ) % {"left": left})
        return redirect(safe_next(request, "admin:index"))
    return render(request, "admin/two_factor_verify.html",
                  {"title": _("Enter your code"), "form": form})


@never_cache
def overview(request):
    """The person's two-factor login: their app, backup codes (new ones shown once), history."""
    if not request.user.is_verified():
        return redirect("admin:two-factor-verify" if usable_devices(request.user)
                        else "admin:two-factor-setup")
    user = request.user
    context = {
        "title": _("Two-factor login"),
        "apps": TOTPDevice.objects.filter(user=user, confirmed=True),
        "new_codes": request.session.pop(_NEW_CODES_KEY, None),
        "codes_left": backup_codes_left(user),
        "history": _history(user)[:10],
    }
    return render(request, "admin/two_factor.html", context)


@never_cache
@require_POST
def backup_codes(request):
    if not request.user.is_verified():
        return redirect("admin:two-factor-verify")
    request.session[_NEW_CODES_KEY] = two_factor_backup_codes_replace(user=request.user)
    return redirect("admin:two-factor")


def qr_data_uri(device) -> str:
    # A data: URI image keeps the page free of inline SVG styles (strict CSP allows data: images).
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def base32_key(device) -> str:
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
