from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pluginnovation.accounts import twofactor
from pluginnovation.caching import routing
from pluginnovation.devtools.patterns import pattern_library
from pluginnovation.openweb import api, openapi, sitemap, wellknown
from pluginnovation.openweb.api import api_router
from pluginnovation.search import views as search_views
from pluginnovation.site import views

handler500 = "pluginnovation.site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Ahead of the admin: a user without admin access verifies a session here too.
    path("admin/2fa/", include(twofactor.urls())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("sitemap-<int:section>.xml", sitemap.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemap.robots_txt, name="robots_txt"),
    path("favicon.ico", wellknown.favicon, name="favicon"),
    path("manifest.webmanifest", wellknown.manifest, name="web_manifest"),
    path(".well-known/security.txt", wellknown.security_txt, name="security_txt"),
    path("api/v2/", api.index, name="api_index"),
    path("api/v2/openapi.json", openapi.openapi_view, name="api_openapi"),
    path("api/v2/", api_router.urls),
    re_path(r"^api/", api.not_found),
    # Only under DEBUG (a 404 otherwise): every component, in both languages.
    path("patterns/", pattern_library, name="pattern_library"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Swedish at "/", English under "/en/"; Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    path("untranslated/<int:page_id>/", views.untranslated, name="untranslated"),
    path(_("search/"), search_views.search_view, name="search"),
    path(_("search/suggestions/"), search_views.suggestions_view, name="search_suggestions"),
    # Wagtail's own routes; its page view starts from the remembered site and route.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
