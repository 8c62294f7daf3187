"""The content version, its invalidation after commit, the page cache and fragment keys.

- `content_version()`: read once per request (see `PageCacheMiddleware`), so everything a
  request caches belongs to one version.
- Invalidation: any save, delete or many-to-many change of a model readers might see, and
  any page move, schedules one version bump for when the transaction commits. Outside a
  transaction it runs at once.
- `PageCacheMiddleware`: anonymous GETs are answered from the cache; successful public
  responses are stored. `PageCacheApplication` (in `wsgi.py`) answers the same hits before
  Django's request handling.
- `memo()`: where URLs lead (see `routing.py`), kept under the same key convention as pages.
- Fragments: the site's base template keeps its `<head>` metadata and its body with Wagtail's
  `{% wagtailcache %}`, varying on the content version (`{% content_version %}` in
  `templatetags/caching_tags.py`), the host, the language and the full path.
- `shared_response()`: feeds, citation exports and sitemaps, which list public pages only and
  so are the same for every reader of an address, kept until the next committed edit for
  readers the page cache does not serve (a reader with a cookie, or the page cache off).
"""

import contextvars
import hashlib
import logging
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.cache import patch_cache_control
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

VERSION_KEY = "pluginnovation:content-version"
HEALTH_KEY = "pluginnovation:healthz"
CACHEABLE_METHODS = {"GET", "HEAD"}
# Where PageCacheApplication leaves (version, key) of a page it did not find.
MISSED = "pluginnovation.page_cache_missed"
# What `shared_response()` keeps: machine-readable lists of public pages. Writing one takes
# 10-70 ms at 14,000 pages (a feed of 20-50 items, a RIS export, a sitemap section of 250
# pages with their translations), five to twenty times a page between edits.
SHARED_CONTENT_TYPES = {
    "application/rss+xml",
    "application/x-research-info-systems",
    "application/x-bibtex",
    "application/xml",
}
# Memos (and the base template's fragments, through `{% fragment_seconds %}`) of old versions
# expire instead of piling up (in Redis, say).
FRAGMENT_SECONDS = 24 * 60 * 60

# Models whose rows change all the time without changing what readers see.
IGNORED_MODELS = {
    "sessions.session",
    "contenttypes.contenttype",
    "auth.permission",
    "wagtailcore.revision",
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailusers.userprofile",
    "wagtailsearch.indexentry",
    "wagtailimages.rendition",
    "pluginnovation.customrendition",
    "pluginnovation.user",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "wagtail_localize.translationlog",
    "wagtail_localize.stringtranslation",
    "wagtail_localize.overridablesegment",
}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


_request_version = contextvars.ContextVar("pluginnovation_content_version", default=None)


def _new_version():
    # Not 1: a version key lost from the cache (culled, flushed) must not start again at a
    # number whose old entries may still be cached.
    return time.time_ns()


def content_version():
    version = _request_version.get()
    if version is None:
        version = page_cache().get_or_set(VERSION_KEY, _new_version, timeout=None)
    return version


def bump_content_version():
    cache = page_cache()
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # the key was culled or never set
        version = _new_version()
        cache.set(VERSION_KEY, version, timeout=None)
    if _request_version.get() is not None:
        # The rest of the request that made the change sees it too.
        _request_version.set(version)


def content_changed(sender=None, instance=None, **kwargs):
    """A change a reader might see: bump the version once its transaction has committed."""
    if sender is not None and sender._meta.label_lower in IGNORED_MODELS:
        return
    if _may_move_site_roots(sender, instance):
        # Wagtail forgets its sites' home page paths at the save; a reader before the commit
        # would keep the old ones for an hour, so they are forgotten again after it.
        transaction.on_commit(_forget_site_root_paths, robust=True)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is bump_content_version for _sids, callback, _robust in connection.run_on_commit
    ):
        return  # one bump per transaction is enough
    transaction.on_commit(bump_content_version, robust=True)


def _may_move_site_roots(sender, instance):
    """A site, or a page at the top of the tree (the root, a home page of any language)."""
    if sender is None:
        return False
    if sender._meta.label_lower == "wagtailcore.site":
        return True
    page = apps.get_model("wagtailcore", "Page")
    return isinstance(instance, page) and (instance.depth or 0) <= 2


def _forget_site_root_paths():
    # By model name: `wsgi.py` imports this module before Django has loaded the apps.
    apps.get_model("wagtailcore", "Site").clear_site_root_paths_cache()


def connect_invalidation():
    post_save.connect(content_changed, dispatch_uid="page-cache-save")
    post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
    m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")
    # A move rewrites the paths of a whole subtree with queryset updates (no post_save).
    post_page_move.connect(content_changed, dispatch_uid="page-cache-move")
    # A release (`migrate`) brings new templates and code: nothing cached by the old may stay.
    post_migrate.connect(
        lambda **kwargs: bump_content_version(), dispatch_uid="page-cache-release", weak=False
    )


def page_cache_status():
    """Can the page cache keep and give back a value? ("ok" or "unavailable", for `/healthz`)."""
    token = secrets.token_hex(8)
    try:
        page_cache().set(HEALTH_KEY, token, 10)
        working = page_cache().get(HEALTH_KEY) == token
    except Exception:
        logger.warning("Health check: the page cache does not answer", exc_info=True)
        working = False
    return "ok" if working else "unavailable"


def memo(name, compute):
    """`compute()`, kept in the shared cache until the content version moves on.

    For what every request needs and only a committed edit changes (where a URL leads).
    `compute()` must return something that pickles and is the same for every reader; None
    (a URL that leads nowhere, say) is not kept, so hostile URLs cannot fill the cache.
    """
    key = f"pluginnovation:{content_version()}:memo:{_digest(name)}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        if value is not None:
            page_cache().set(key, value, FRAGMENT_SECONDS)
    return value


def _digest(*parts):
    # Hashed: a hostile 4 kB query string must not make a key some backends refuse.
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def address_key(kind, request):
    """The key of what is kept for one address (a whole page, a shared response)."""
    address = _digest(request.scheme, request.get_host(), request.get_full_path())
    return f"pluginnovation:{content_version()}:{kind}:{address}"


def store_response(key, response, timeout):
    # One bytes object instead of the many small chunks a feed writer leaves: quicker to
    # unpickle and sent in one write.
    response.content = response.content
    page_cache().set(key, response, timeout)


def shared_response(request, respond):
    """`respond()`'s response, or the one it gave for this address since the last committed
    edit, when that was a feed, a citation export or a sitemap.

    Only for what every reader may see: the caller has checked view restrictions (see
    `routing.py`), and these responses list public pages only. Anything else (an HTML page,
    an error, a response setting a cookie) is returned as it is and not kept.
    """
    if not _may_share(request):
        return respond()
    key = address_key("shared", request)
    cached = page_cache().get(key)
    if cached is not None:
        return cached
    response = respond()
    content_type = response.get("Content-Type", "").partition(";")[0]
    if (
        response.status_code == 200
        and content_type in SHARED_CONTENT_TYPES
        and not response.cookies
        and not getattr(response, "streaming", False)
    ):
        store_response(key, response, FRAGMENT_SECONDS)
    return response


def _may_share(request):
    """Only for reading what is published: never for a preview (a draft) or a form post."""
    return (
        request is not None
        and request.method in CACHEABLE_METHODS
        and not getattr(request, "is_preview", False)
    )


def _cacheable_request(request):
    return (
        request.method in CACHEABLE_METHODS
        and not request.COOKIES
        and not request.path.startswith(("/admin/", "/healthz", "/documents/"))
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cached_page(key):
    cached = page_cache().get(key)
    if cached is not None:
        cached["X-Page-Cache"] = "hit"
    return cached


def _look_up(request):
    """(key, the page kept under it or None), or None for a request the page cache does not
    answer. A refused host is left to Django, whose error page gets the security headers."""
    if not _cacheable_request(request):
        return None
    try:
        key = address_key("page", request)
    except DisallowedHost:
        return None
    return key, _cached_page(key)


class PageCacheApplication:
    """The page cache's hits, answered around Django's WSGI handler (as WhiteNoise can wrap it).

    A hit needs nothing of Django's request handling: not the `request_started` and
    `request_finished` signals (which look at every database connection), nor the middleware
    chain. Answered here, a hit costs a worker about a fifth less, and the largest pages (a
    50 kB listing, an 80 kB citation export) stay near a static file's speed. Everything else,
    misses included, goes to Django, where `PageCacheMiddleware` stores what it may.

    The lookup is the middleware's: the same request object, the same test for what may be
    cached, the same key. A miss hands its version and key on to the middleware in `environ`,
    so a page rendered afresh costs the cache reads it did before. Should the lookup fail (a
    cache that cannot be read), the request goes to Django, which meets the same error and
    answers and logs it as any other. A hit sends no `request_finished`, so a worker that
    only answers hits leaves its database connection as it is (`CONN_HEALTH_CHECKS` checks it
    before the next use).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            cached = self._hit(environ) if settings.PAGE_CACHE_SECONDS else None
        except Exception:  # noqa: BLE001 (Django meets it again, and answers and logs it)
            cached = None
        if cached is None:
            return self.application(environ, start_response)
        # What Django's WSGIHandler sends; a stored response has no cookies.
        start_response(f"{cached.status_code} {cached.reason_phrase}", list(cached.items()))
        return [cached.content]

    @staticmethod
    def _hit(environ):
        if environ.get("REQUEST_METHOD") not in CACHEABLE_METHODS or environ.get(
            "PATH_INFO", ""
        ).startswith(settings.STATIC_URL):
            return None
        request = WSGIRequest(environ)
        if not _cacheable_request(request):
            return None  # a reader with a cookie, say: not even the version is read
        version = content_version()
        token = _request_version.set(version)
        try:
            found = _look_up(request)
        finally:
            _request_version.reset(token)
        if found is None:
            return None
        key, cached = found
        if cached is None:
            # The middleware stores the page under the same version and key without asking
            # the cache again. (A dotted name no HTTP header can set.)
            environ[MISSED] = (version, key)
        return cached


class PageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store successful public responses.

    First in `MIDDLEWARE`: what it stores carries every header the stack below gave the
    response (security headers included), so a hit is sent as it is, without running the
    rest of the stack again. Under a WSGI server, `PageCacheApplication` answers hits even
    before Django's request handling; this middleware answers them for the test client and
    any other handler, and stores what both serve.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.cdn_seconds = settings.PAGE_CACHE_CDN_SECONDS
        self.static_url = settings.STATIC_URL

    def __call__(self, request):
        if request.path.startswith(self.static_url):
            return self.get_response(request)  # whitenoise's files: no lookup needed
        missed = request.META.get(MISSED)  # looked up by PageCacheApplication
        token = _request_version.set(missed[0] if missed else content_version())
        try:
            return self._respond(request, missed[1] if missed else None)
        finally:
            _request_version.reset(token)

    def _respond(self, request, missed_key=None):
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = missed_key
        if key is None:
            found = _look_up(request)
            if found is None:
                return self.get_response(request)
            key, cached = found
            if cached is not None:
                return cached
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=self.cdn_seconds)
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: store_response(key, r, self.timeout))
            else:
                store_response(key, response, self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_response(request, response):
        return (
            response.status_code == 200
            and not response.cookies
            and not response.has_header("Set-Cookie")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
            and not getattr(response, "streaming", False)
            and not getattr(request, "is_preview", False)
        )
