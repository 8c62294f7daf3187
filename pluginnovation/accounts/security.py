"""Site-wide defences that sit in the middleware stack.

- `AllowedMethodsMiddleware` answers for the public site what it really accepts: GET, HEAD and
  OPTIONS everywhere, POST only to the login and password forms of restricted content. OPTIONS
  is answered with exactly that `Allow`, and any other method with a 405.
- `HostileInputMiddleware` turns requests no reader's browser sends (NUL bytes, bytes that are
  not UTF-8, huge or countless parameters, absurd page numbers) into a plain 400 before any
  view or database query sees them (the page cache only looks their hashed address up, and
  never keeps a 400), and drops a malformed Accept-Language header.
- `SecurityHeadersMiddleware` sends the Content-Security-Policy (a strict one with a
  per-response nonce on the public site, a working one for the admin) and Permissions-Policy;
  Django's SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and COOP.

Both answer without touching the database, so they keep working while it is away.
"""

import re
import secrets
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

# A reader's query string is short; these bounds leave room for every filter we offer.
MAX_QUERY_STRING = 4096
MAX_VALUE_LENGTH = 1024
MAX_PARAMETERS = 64
MAX_PAGE_NUMBER = 100_000
PAGE_PARAMETERS = ("page", "p", "sida")
ACCEPT_LANGUAGE = re.compile(r"^[A-Za-z0-9\-_*,;=.\s]{0,500}$")


def _decodes(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def hostile_reason(request):
    """Why a request is refused, or None when it is one a browser could honestly send."""
    environ = request.META
    # WSGI hands raw bytes over as latin-1 text; the query's percent-escapes are decoded here.
    path_bytes = environ.get("PATH_INFO", "").encode("latin-1", "replace")
    query = environ.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_STRING:
        return "query string too long"
    raw_query = unquote_to_bytes(query.encode("latin-1", "replace").replace(b"+", b" "))
    if b"\x00" in path_bytes or b"\x00" in raw_query:
        return "NUL byte"
    if not _decodes(path_bytes) or not _decodes(raw_query):
        return "not UTF-8"
    if query:
        pairs = [pair for pair in re.split("[&;]", query) if pair]
        if len(pairs) > MAX_PARAMETERS:
            return "too many parameters"
        for key, values in request.GET.lists():
            if len(key) > MAX_VALUE_LENGTH:
                return "parameter name too long"
            for value in values:
                if len(value) > MAX_VALUE_LENGTH:
                    return "value too long"
                if "\x00" in value or "\x00" in key:
                    return "NUL byte"
            if key in PAGE_PARAMETERS:
                for value in values:
                    value = value.strip()
                    if value and value.isdigit() and len(value) > len(str(MAX_PAGE_NUMBER)):
                        return "absurd page number"
    return None


class HostileInputMiddleware:
    """Refuse garbage requests with a 400 before the cache, the views or the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if language is not None and not ACCEPT_LANGUAGE.match(language):
            # Serve the default language rather than parse what no browser sends.
            del request.META["HTTP_ACCEPT_LANGUAGE"]
        if hostile_reason(request) is not None:
            return bad_request_response()
        return self.get_response(request)


def bad_request_response():
    """A bilingual 400 page rendered from a template alone (no database, no request data)."""
    response = HttpResponse(render_to_string("400.html"), status=400)
    response["Cache-Control"] = "no-store"
    return response


# --- Methods ---------------------------------------------------------------------------------

READ_METHODS = ["GET", "HEAD", "OPTIONS"]
# The only public forms that post: Wagtail's login and password forms for restricted pages (in
# either language) and documents.
POST_PATHS = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?_util/(?:login|authenticate_with_password/\d+/\d+)/$"
    r"|^/documents/authenticate_with_password/\d+/$"
)


def allowed_methods(path):
    return [*READ_METHODS, "POST"] if POST_PATHS.match(path) else READ_METHODS


class AllowedMethodsMiddleware:
    """The methods a public address accepts, answered before the cache, views or database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path):
            return self.get_response(request)
        allowed = allowed_methods(request.path)
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join(allowed)
            response["Cache-Control"] = "no-store"
            return response
        # The open data API refuses other methods itself, in JSON like its other answers.
        if request.method not in allowed and not request.path.startswith("/api/"):
            response = HttpResponseNotAllowed(allowed)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


# --- Content-Security-Policy -------------------------------------------------------------

PUBLIC_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'", "'nonce-{nonce}'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "upgrade-insecure-requests": [],
}

# A preview is the public page rendered for the admin (Wagtail sends a dummy request for the
# page's public address through the middleware): the public policy, but the admin's side panel
# may frame it. Public pages themselves stay unframeable.
PREVIEW_POLICY = {**PUBLIC_POLICY, "frame-ancestors": ["'self'"]}

# Wagtail's admin (8.0) still inlines small scripts (date pickers, inline panels, localize's
# editor) and vendor.js evaluates the scripts of panels it inserts, none of which carry a
# nonce; Draftail and StreamField set inline styles. So the admin allows inline script and
# style, but nothing from another origin, no eval, no plugins, no foreign frames or forms.
# Verified in Chromium by tests/browser/test_csp.py. Previews are framed by the admin itself.
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def build_policy(directives, nonce):
    parts = []
    for name, sources in directives.items():
        values = " ".join(source.format(nonce=nonce) for source in sources)
        parts.append(f"{name} {values}".strip())
    return "; ".join(parts)


def is_admin_path(path):
    return path.startswith(("/admin/", "/django-admin/"))


class SecurityHeadersMiddleware:
    """Content-Security-Policy with a nonce per response, and Permissions-Policy.

    It sits *inside* the anonymous page cache, so a cached page is stored together with the
    header whose nonce its inline elements carry: a cache hit replays a matching pair.
    Templates read the nonce as `{{ request.csp_nonce }}`; it is made only when asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(18))
        response = self.get_response(request)
        preview = getattr(request, "is_dummy", False)
        if preview:
            response["X-Frame-Options"] = "SAMEORIGIN"
        if "Content-Security-Policy" not in response:
            admin = is_admin_path(request.path)
            directives = ADMIN_POLICY if admin else PREVIEW_POLICY if preview else PUBLIC_POLICY
            policy = build_policy(directives, str(request.csp_nonce))
            if not admin and settings.CSP_REPORT_URI:
                policy += f"; report-uri {settings.CSP_REPORT_URI}"
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def parse_csp_header(header):
    """{directive: [sources]} for a Content-Security-Policy header value."""
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split() or [""]
        if name:
            policy[name.lower()] = sources
    return policy
