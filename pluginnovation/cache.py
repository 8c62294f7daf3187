"""A page cache for anonymous readers that is never stale.

Every cached response is stored under the current *content version*. Any editorial change
(publishing, unpublishing, moving or deleting a page, saving a snippet, tag, image, document or
setting) bumps the version, so the next request renders afresh. The version lives in the same
cache as the pages, so with a shared cache (Redis, or the file cache on one machine) every
worker sees a change at once. Editors (anyone with a session cookie) always get fresh pages.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
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


def content_version():
    return page_cache().get_or_set(VERSION_KEY, 1, timeout=None)


def remember(name, compute):
    """`compute()`, kept until the next editorial change (the content version moves on).

    For small things every page shows (the feed link in the head), so a page does not pay
    queries for them on each request.
    """
    key = f"pluginnovation:memo:{content_version()}:{name}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        page_cache().set(key, value, timeout=None)
    return value


def bump_content_version(**kwargs):
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.label_lower in IGNORED_MODELS:
        return
    cache = page_cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation():
    """Bump the content version on every change to a model readers might see."""
    post_save.connect(bump_content_version, dispatch_uid="page-cache-save")
    post_delete.connect(bump_content_version, dispatch_uid="page-cache-delete")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store successful public responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        self.cdn_seconds = getattr(settings, "PAGE_CACHE_CDN_SECONDS", 60)

    def __call__(self, request):
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
