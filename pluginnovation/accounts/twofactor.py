"""Admin hardening: two-factor authentication (TOTP with backup codes) and the lockout page.

An editor enrols at /admin/2fa/setup/: the admin shows a QR code (drawn here as inline SVG
with segno, so no image service sees the secret) and the secret in text, the editor confirms
one code from the app and receives ten single-use backup codes, shown once. From then on
every admin session must be verified at /admin/2fa/verify/ with a code from the app or a
backup code. With `TWO_FACTOR_REQUIRED` on, members of `TWO_FACTOR_GROUPS` (our editor and
translator roles, and project leads) cannot use the admin until they have enrolled.
"""

from base64 import b32encode

import segno
from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
# Paths an authenticated but unverified admin user may still reach.
EXEMPT_PREFIXES = (
    "/admin/2fa/",
    "/admin/login/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/sprite/",
    "/admin/password_reset/",
)


def two_factor_required(user):
    """Whether the user must use a second factor (the setting on and one of the roles)."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", False) or not user.is_authenticated:
        return False
    return user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()


def has_confirmed_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


class RequireTwoFactorMiddleware:
    """Send unverified admin users to verification, or to enrolment when their role needs it.

    Anyone who has enrolled verifies each session; members of the required roles must enrol.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path.startswith("/admin/")
            and not request.path.startswith(EXEMPT_PREFIXES)
            and user.is_authenticated
            and not user.is_verified()
        ):
            target = None
            if has_confirmed_device(user):
                target = "pluginnovation_2fa_verify"
            elif two_factor_required(user):
                target = "pluginnovation_2fa_setup"
            if target:
                return redirect(f"{reverse(target)}?{REDIRECT_FIELD_NAME}={request.path}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six-digit code from your authenticator app, or a backup code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _safe_next(request):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def qr_svg(uri):
    """The otpauth URI as an inline SVG QR code, drawn on the server."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def create_backup_codes(user):
    device, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
def setup(request):
    """Enrol an authenticator app: QR code, confirmation code, then backup codes."""
    user = request.user
    if has_confirmed_device(user) and not user.is_verified():
        # Replacing a second factor takes the current one: a password alone is not enough.
        verify_url = reverse("pluginnovation_2fa_verify")
        return redirect(f"{verify_url}?{REDIRECT_FIELD_NAME}={request.path}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return TemplateResponse(
                request,
                "pluginnovation/admin/two_factor_backup_codes.html",
                {
                    "page_title": _("Two-factor authentication"),
                    "codes": create_backup_codes(user),
                    "next": _safe_next(request),
                },
            )
        form.add_error("token", _("That code is not right. Check the time on your phone."))
    return TemplateResponse(
        request,
        "pluginnovation/admin/two_factor_setup.html",
        {
            "page_title": _("Set up two-factor authentication"),
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": _grouped(device.bin_key),
            "required": two_factor_required(user),
            "next": request.GET.get(REDIRECT_FIELD_NAME, ""),
        },
    )


def _grouped(key):
    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
def verify(request):
    """Verify this session with a code from the app or a single-use backup code."""
    if not has_confirmed_device(request.user):
        return redirect("pluginnovation_2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("That code is not right, or it has been used already."))
    return TemplateResponse(
        request,
        "pluginnovation/admin/two_factor_verify.html",
        {
            "page_title": _("Verify it is you"),
            "form": form,
            "next": request.GET.get(REDIRECT_FIELD_NAME, ""),
        },
    )


def admin_urls():
    return [
        path("2fa/setup/", setup, name="pluginnovation_2fa_setup"),
        path("2fa/verify/", verify, name="pluginnovation_2fa_verify"),
    ]


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' throttle for every login that comes with a request.

    Logins without a request (management commands, the test client's `login()`) never come
    from the network; axes would refuse them outright, so they go straight to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes: too many failed logins for this user name from this address."""
    response = HttpResponse(render_to_string("429.html"), status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
    response["Cache-Control"] = "no-store"
    return response
