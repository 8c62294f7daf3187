"""The XML sitemap of both language trees and robots.txt.

Wagtail's own sitemap lists the pages under the request's site root, which is the Swedish
tree only; this one lists every live public page of every language and pairs each page with
its translations (`xhtml:link rel="alternate" hreflang`), as search engines ask of a
multilingual site.
"""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

# Search results and filtered lists are endless combinations of the same content: they are
# kept out of indexing, and the pages themselves are reached through the sitemap instead.
DISALLOWED_PATHS = [
    "/admin/",
    "/api/",
    "/sok/",
    "/en/search/",
    "/untranslated/",
    "/en/untranslated/",
    "/*?",
]


def sitemap_pages(site):
    """Every live public page of the site's language trees, each with its sitemap URLs."""
    roots = [site.root_page, *site.root_page.get_translations().live()]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return (
        pages.live()
        .public()
        .select_related("locale")
        .defer_streamfields()
        .specific()
        .order_by("path")
    )


def sitemap_entries(request, site):
    """(location, lastmod, language, translation_key) for every page, in tree order."""
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    entries = []
    for page in sitemap_pages(site):
        for url_info in page.get_sitemap_urls(request):
            entries.append(
                {
                    "location": url_info["location"],
                    "lastmod": url_info.get("lastmod"),
                    "language": languages[page.locale_id],
                    "translation_key": page.translation_key,
                    # A page's routable sub-URLs (feeds) are not its translations' peers.
                    "is_page_url": url_info["location"] == page.get_full_url(request),
                }
            )
    return entries


@require_GET
def sitemap(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    entries = sitemap_entries(request, site) if site else []
    versions = defaultdict(dict)
    for entry in entries:
        if entry["is_page_url"]:
            versions[entry["translation_key"]][entry["language"]] = entry["location"]
    default_language = settings.LANGUAGE_CODE
    for entry in entries:
        alternates = versions[entry["translation_key"]] if entry["is_page_url"] else {}
        # A lone page needs no alternates; a translated one lists every version, itself too.
        entry["alternates"] = sorted(alternates.items()) if len(alternates) > 1 else []
        entry["x_default"] = alternates.get(default_language) if entry["alternates"] else None
    xml = render_to_string("pluginnovation/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED_PATHS]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
