"""Two-factor login for staff: a code from an authenticator app (TOTP, django-otp).

Enrolment is one page: scan the QR code (or type the key) in an app such as Microsoft
Authenticator or Google Authenticator, then type the six-digit code it shows.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from the app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Type the six digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("The code was not right. Try the newest code in the app."))
        return token


def _qr_data_uri(device) -> str:
    # A data: URI image keeps the page free of inline SVG styles (strict CSP allows data: images).
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@never_cache
def setup(request):
    if request.user.is_verified():
        return redirect("admin:index")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False
        )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        messages.success(request, _("Two-factor login is set up. You will be asked for a code "
                                    "each time you log in."))
        return redirect("admin:index")
    context = {
        "title": _("Set up two-factor login"),
        "form": form,
        "qr_code": _qr_data_uri(device),
        "secret": _base32(device),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "admin/two_factor_setup.html", context)


@never_cache
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("admin:two-factor-setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(request.GET.get("next") or "admin:index")
    return render(request, "admin/two_factor_verify.html",
                  {"title": _("Enter your code"), "form": form})


def _base32(device) -> str:
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
