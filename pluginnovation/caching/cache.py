"""A page cache for anonymous readers that is never stale.

Every cached response is stored under the current *content version*. Any editorial change
(publishing, unpublishing, moving or deleting a page, saving a snippet, tag, image, document or
setting) bumps the version, so the next request renders afresh. The version lives in the same
cache as the pages, so with a shared cache (Redis, or the file cache on one machine) every
worker sees a change at once. Editors (anyone with a session cookie) always get fresh pages.
"""

import contextvars
import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import translation
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "pluginnovation:content-version"
CACHEABLE_METHODS = {"GET", "HEAD"}

# Models whose rows change all the time without changing what readers see.
IGNORED_MODELS = {
    "sessions.session",
    "contenttypes.contenttype",
    "auth.permission",
    "admin.logentry",
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
    "wagtail_localize.translationlog",
    "wagtail_localize.stringtranslation",
    "wagtail_localize.overridablesegment",
}


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# The version read once at the start of a request (see `AnonymousPageCacheMiddleware`), so
# everything a request remembers comes from one version and the cache is asked only once.
_request_version = contextvars.ContextVar("pluginnovation_content_version", default=None)

# In the shared cache, entries of old versions expire instead of piling up (in Redis, say).
MEMO_SECONDS = 24 * 60 * 60


class LocalMemo:
    """What this process remembers, newest last.

    Bounded in entries and in the characters of the HTML and XML it holds (rendered listings,
    feeds), so endless filter combinations or hostile URLs cannot grow a worker's memory.
    Entries of an old version simply age out.
    """

    def __init__(self, max_entries=5_000, max_text=32 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_text = max_text
        self.entries = OrderedDict()
        self.text = 0
        self.lock = threading.Lock()

    @staticmethod
    def _text_size(value):
        return len(value) if isinstance(value, str | bytes) else 0

    def get(self, key):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        return None

    def set(self, key, value):
        with self.lock:
            if key not in self.entries:
                self.entries[key] = value
                self.text += self._text_size(value)
            while len(self.entries) > self.max_entries or self.text > self.max_text:
                _key, old = self.entries.popitem(last=False)
                self.text -= self._text_size(old)


_local_memo = LocalMemo()


def _new_version():
    # Not 1: a version key lost from the cache (culled, flushed) must not start again at a
    # number whose old pages and memos may still be cached, here or in a worker's memory.
    return time.time_ns()


def content_version():
    version = _request_version.get()
    if version is None:
        version = page_cache().get_or_set(VERSION_KEY, _new_version, timeout=None)
    return version


def remember(name, compute):
    """`compute()`, kept until the next editorial change (the content version moves on).

    For what many requests need and only an edit changes: the navigation, where a URL
    leads, facet counts. Kept in this process first (no I/O at all), then in the shared cache
    (so a second worker does not compute it again). `compute()` must return something that
    pickles and that is the same for every reader (no per-user data); None is not kept.
    """
    if len(name) > 150:  # a long URL in the name: some cache backends refuse long keys
        name = hashlib.sha256(name.encode()).hexdigest()
    key = f"pluginnovation:memo:{content_version()}:{name}"
    value = _local_memo.get(key)
    if value is not None:
        return value
    value = page_cache().get(key)
    if value is None:
        value = compute()
        if value is None:
            return None  # nothing worth keeping (a URL that leads nowhere, say)
        page_cache().set(key, value, timeout=MEMO_SECONDS)
    _local_memo.set(key, value)
    return value


def remember_for_host(request, name, compute):
    """`remember`, per scheme and host too: for text with absolute links in it (feeds, sitemaps)."""
    return remember(f"{name}:{request.scheme}://{request.get_host()}", compute)


def remembered_tag(name):
    """Decorate a `takes_context` template tag whose result depends only on content, the
    active language and the host (a home page section, say): remembered per content version.
    """

    def decorator(function):
        @functools.wraps(function)
        def tag(context, *args):
            request = context.get("request")
            host = request.get_host() if request else ""
            key = f"{name}:{translation.get_language()}:{host}:{args!r}"
            return remember(key, lambda: function(context, *args))

        return tag

    return decorator


def page_number_key(request):
    """The requested page of a listing, for a key: "?page=02" and "?page=2" are one page."""
    raw = request.GET.get("page", "")
    return str(int(raw)) if raw.isdigit() else ""


def bump_content_version(**kwargs):
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.label_lower in IGNORED_MODELS:
        return
    cache = page_cache()
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = _new_version()
        cache.set(VERSION_KEY, version, timeout=None)
    if _request_version.get() is not None:
        # The rest of the request that made the change sees it too.
        _request_version.set(version)


def bump_after_release(**kwargs):
    """A release runs `migrate`: new templates and code must not meet pages and listings
    remembered by the old ones (the version does not move on its own when code changes)."""
    bump_content_version()


def connect_invalidation():
    """Bump the content version on every change to a model readers might see."""
    post_save.connect(bump_content_version, dispatch_uid="page-cache-save")
    post_delete.connect(bump_content_version, dispatch_uid="page-cache-delete")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")
    post_migrate.connect(bump_after_release, dispatch_uid="page-cache-release")


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store successful public responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        self.cdn_seconds = getattr(settings, "PAGE_CACHE_CDN_SECONDS", 60)

    def __call__(self, request):
        token = _request_version.set(content_version())
        try:
            return self._respond(request)
        finally:
            _request_version.reset(token)

    def _respond(self, request):
        if not self.timeout or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=self.cdn_seconds)
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: self._store(key, r))
            else:
                self._store(key, response)
            response["X-Page-Cache"] = "miss"
        return response

    def _store(self, key, response):
        # One bytes object instead of the many small chunks a feed writer leaves: quicker to
        # unpickle and sent in one write.
        response.content = response.content
        page_cache().set(key, response, self.timeout)

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method in CACHEABLE_METHODS
            and not request.COOKIES
            and not request.path.startswith(("/admin/", "/healthz", "/documents/"))
            and "HTTP_AUTHORIZATION" not in request.META
        )

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

    @staticmethod
    def _key(request):
        # Hashed: a hostile 4 kB query string must not make a key some backends refuse.
        address = f"{request.get_host()}:{request.get_full_path()}".encode()
        return f"page:{content_version()}:{hashlib.sha256(address).hexdigest()}"
