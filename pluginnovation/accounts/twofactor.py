"""Two-factor authentication (TOTP with backup codes) for every login, and the lockout page.

A user enrols at /admin/2fa/setup/: it shows a QR code (drawn here as inline SVG with segno,
so no image service sees the secret) and the secret in text, the user confirms one code from
the app and receives ten single-use backup codes, shown once. From then on every session must
be verified at /admin/2fa/verify/ with a code from the app or a backup code.

With `TWO_FACTOR_REQUIRED` on (production), a password alone never makes a session count as
logged in: every user, superusers included, must enrol before first use and verify each
session. Until then the admin (previews and the admin API included) sends them to
verification or enrolment, and the public site, the open data API and restricted pages treat
them as anonymous. A user who has enrolled verifies each session even with the setting off.
The two views live outside Wagtail's admin URLs because a user without admin access (a
reader of group-restricted pages) must reach them too.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.localization import get_localized_response

BACKUP_CODE_COUNT = 10
# Admin paths an authenticated but unverified user may still reach.
EXEMPT_PREFIXES = (
    "/admin/2fa/",
    "/admin/login/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/sprite/",
    "/admin/password_reset/",
)
# The password logins (the admin's and the one for restricted pages, in either language): a
# successful one goes on to the second factor.
LOGIN_VIEWS = {"wagtailadmin_login", "wagtailcore_login"}


def two_factor_required(user):
    """Whether the user must enrol: everyone who can log in, while the setting is on."""
    return bool(getattr(settings, "TWO_FACTOR_REQUIRED", False) and user.is_authenticated)


def has_confirmed_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


def is_verified(user):
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user):
    """The view an authenticated user must pass before the session counts, or None."""
    if not user.is_authenticated or is_verified(user):
        return None
    if has_confirmed_device(user):
        return "pluginnovation_2fa_verify"
    if two_factor_required(user):
        return "pluginnovation_2fa_setup"
    return None


def _step_url(step, next_url):
    return f"{reverse(step)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


class RequireTwoFactorMiddleware:
    """A session counts as logged in only once its second factor is verified.

    Sits after django-otp's OTPMiddleware. In the admin an unverified user is sent to
    verification (or enrolment); anywhere else the request runs as anonymous, so restricted
    pages, previews of the public site and the API show nothing a password alone unlocks. A
    successful password login is sent straight on to the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None:
            return self.get_response(request)
        path = request.path
        if path.startswith("/admin/"):
            if not path.startswith(EXEMPT_PREFIXES):
                step = pending_step(user)
                if step:
                    return redirect(_step_url(step, request.get_full_path()))
        else:
            request.user = SimpleLazyObject(lambda: AnonymousUser() if pending_step(user) else user)
        response = self.get_response(request)
        logged_in = request.method == "POST" and response.status_code == 302
        match = getattr(request, "resolver_match", None)
        if logged_in and match is not None and match.url_name in LOGIN_VIEWS:
            # django.contrib.auth.login() put the freshly authenticated user on the request.
            step = pending_step(request.user)
            if step:
                response["Location"] = _step_url(step, response["Location"])
        return response


def staff_view(view):
    """Logged in with a password (verified or not), in the user's admin language."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return get_localized_response(view, request, *args, **kwargs)

    return wrapped


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
    if request.user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return "/"


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


def urls():
    """Mounted at /admin/2fa/ in the project's URLs, ahead of Wagtail's admin (see the module)."""
    return [
        path("setup/", staff_view(setup), name="pluginnovation_2fa_setup"),
        path("verify/", staff_view(verify), name="pluginnovation_2fa_verify"),
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
