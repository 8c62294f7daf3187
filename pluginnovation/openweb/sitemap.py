"""The XML sitemap of both language trees, in sections, and robots.txt.

Wagtail's own sitemap lists the pages under the request's site root, which is the Swedish
tree only; this one lists every live public page of every language and pairs each page with
its translations (`xhtml:link rel="alternate" hreflang`), as search engines ask of a
multilingual site.

`/sitemap.xml` is a sitemap index. The pages, in tree order, are listed PAGES_PER_SECTION at a
time in `/sitemap-1.xml`, `/sitemap-2.xml` …, so no response grows with the site. A section
costs the same few queries however large the site is: page URLs are worked out from
`url_path` and the site's root paths (as `Page.get_url_parts` does, but with the roots looked
up once), and only page types that build their own URLs or sitemap entries are loaded as
specific pages.
"""

import datetime
from collections import defaultdict
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import RFC3986_SUBDELIMS
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site, get_page_models

from pluginnovation.caching.cache import shared_response
from pluginnovation.openweb.hosts import configured_root, page_full_url, site_root_url

# Well under the protocol's 50,000 URLs and 50 MB: a section (about 100 kB with the
# alternates) renders quickly, and a crawler fetching it under load gets it in time.
PAGES_PER_SECTION = 250

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

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
PAGE_COLUMNS = (
    "pk",
    "url_path",
    "content_type_id",
    "translation_key",
    "locale__language_code",
)


def site_for(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def sitemap_pages(site):
    """Every live public page of the site's language trees (unordered)."""
    roots = [site.root_page, *site.root_page.get_translations().live()]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages.live().public()


def section_exists(section):
    # Past any site's size, and before an OFFSET the database could not hold.
    return 1 <= section <= 2**62 // PAGES_PER_SECTION


def section_pages(pages, section):
    """The section's slice of `pages`, in tree order (section numbers start at 1)."""
    start = (section - 1) * PAGES_PER_SECTION
    return pages.order_by("path")[start : start + PAGES_PER_SECTION]


def latest_changes(pages):
    """The latest change of each section's pages, section by section: one query."""
    numbered = pages.annotate(
        sitemap_row=Window(RowNumber(), order_by=F("path").asc()),
        sitemap_changed=Coalesce("last_published_at", "latest_revision_created_at"),
    ).values("sitemap_row", "sitemap_changed")
    sql, params = numbered.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (sitemap_row - 1) / %s, MAX(sitemap_changed) "  # noqa: S608 - compiled ORM SQL
            f"FROM ({sql}) AS numbered GROUP BY 1 ORDER BY 1",
            [PAGES_PER_SECTION, *params],
        )
        return [as_datetime(changed) for _, changed in cursor.fetchall()]


def as_datetime(value):
    # The raw query above bypasses the ORM's converters: SQLite hands back text in UTC.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def w3c_date(value):
    if hasattr(value, "hour"):  # a datetime, shown as the date it is here (as templates do)
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.isoformat()


class PageLocations:
    """Full page URLs, the same as `Page.get_full_url` gives, without a query per page.

    The site's root paths are looked up once and each language's URL prefix ("/", "/en/")
    reversed once; a page's URL is then its root's URL, the prefix and the rest of its
    `url_path`, quoted as `reverse` quotes it. Page types that override how their URLs or
    sitemap entries are made are loaded as specific pages and asked.
    """

    def __init__(self, site, request):
        self.request = request
        self.roots = sorted(
            (
                (root.root_path, configured_root() or root.root_url, root.language_code)
                for root in Site.get_site_root_paths()
                if root.site_id == site.pk
            ),
            key=lambda root: -len(root[0]),
        )
        self.prefixes = {}
        for _, _, language in self.roots:
            with translation.override(language):
                self.prefixes[language] = reverse("wagtail_serve", args=("",))
        self.append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)
        self.specific = {}

    def location(self, page):
        if page.pk in self.specific:
            return page_full_url(self.specific[page.pk], self.request)
        for root_path, root_url, language in self.roots:
            if page.url_path.startswith(root_path):
                rest = quote(page.url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
                path = self.prefixes[language] + rest
                if not self.append_slash and path != "/":
                    path = path.rstrip("/")
                return root_url + path
        return None

    def load_specific(self, pages):
        """Load, in a query per page type, the pages whose type builds its own URLs."""
        custom = custom_content_type_ids()
        wanted = [page.pk for page in pages if page.content_type_id in custom]
        if wanted:
            self.specific.update(
                (page.pk, page) for page in Page.objects.filter(pk__in=wanted).specific()
            )

    def sitemap_urls(self, page):
        """[(location, lastmod, is_the_page_itself)] for one page."""
        location = self.location(page)
        if page.pk not in self.specific:
            return [(location, page.lastmod, True)] if location else []
        return [
            (info["location"], info.get("lastmod"), info["location"] == location)
            for info in self.specific[page.pk].get_sitemap_urls(self.request)
        ]


def custom_content_type_ids():
    """Content types of the page models whose URLs or sitemap entries are their own."""
    models = [
        model
        for model in get_page_models()
        if model.get_sitemap_urls is not Page.get_sitemap_urls
        or model.get_url_parts is not Page.get_url_parts
    ]
    if not models:
        return set()
    content_types = ContentType.objects.get_for_models(*models).values()
    return {content_type.pk for content_type in content_types}


def section_entries(request, site, section):
    """The section's URLs as (location, lastmod, translation_key or None), and the versions.

    None past the last section. `versions` maps each translation key to {language: location}
    of every live public version in the site's trees, wherever those versions fall among the
    sections. Only a page's own URL carries its key: its routable sub-URLs (feeds) are not
    its translations' peers.
    """
    pages = sitemap_pages(site)
    rows = list(
        section_pages(pages, section)
        .annotate(lastmod=TruncDate(Coalesce("last_published_at", "latest_revision_created_at")))
        .values_list(*PAGE_COLUMNS, "path", "lastmod", named=True)
    )
    if not rows:
        return None, {}
    # The section is every page between its first and last in tree order: a range of the
    # path index, cheaper than sorting the whole site again.
    keys = pages.filter(path__range=(rows[0].path, rows[-1].path)).values("translation_key")
    versions_of = list(
        pages.filter(translation_key__in=keys).order_by().values_list(*PAGE_COLUMNS, named=True)
    )
    locations = PageLocations(site, request)
    locations.load_specific(rows + versions_of)
    versions = defaultdict(dict)
    for page in versions_of:
        location = locations.location(page)
        if location:
            versions[page.translation_key][page.locale__language_code] = location
    entries = [
        (location, lastmod, page.translation_key if is_page else None)
        for page in rows
        for location, lastmod, is_page in locations.sitemap_urls(page)
    ]
    return entries, versions


def attribute(value):
    return escape(value, {'"': "&quot;"})


def alternate_links(versions):
    """The `xhtml:link`s of a page with these versions: none for a lone page; for a translated
    one every version, itself too, and the Swedish one as x-default."""
    if len(versions) < 2:
        return ""
    links = sorted(versions.items())
    if default := versions.get(settings.LANGUAGE_CODE):
        links.append(("x-default", default))
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{attribute(language)}" href="{attribute(href)}"/>'
        for language, href in links
    )


def render_urlset(entries, versions):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NAMESPACE}" xmlns:xhtml="{XHTML_NAMESPACE}">',
    ]
    # Every version of a page shares one set of links: each set is written once.
    links = {key: alternate_links(languages) for key, languages in versions.items()}
    for location, lastmod, translation_key in entries:
        lastmod = f"<lastmod>{w3c_date(lastmod)}</lastmod>" if lastmod else ""
        alternates = links.get(translation_key, "") if translation_key else ""
        lines.append(f"<url><loc>{escape(location)}</loc>{lastmod}{alternates}</url>")
    lines += ["</urlset>", ""]
    return "\n".join(lines)


def render_sitemapindex(root_url, changes):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<sitemapindex xmlns="{SITEMAP_NAMESPACE}">',
    ]
    for number, changed in enumerate(changes, start=1):
        location = root_url + reverse("sitemap_section", args=(number,))
        lastmod = f"<lastmod>{w3c_date(changed)}</lastmod>" if changed else ""
        lines.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod}</sitemap>")
    lines += ["</sitemapindex>", ""]
    return "\n".join(lines)


def xml_response(xml):
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def xml_or_404(xml):
    if xml is None:
        raise Http404("No such sitemap section")
    return xml_response(xml)


@require_GET
def sitemap(request):
    """The sitemap index: one entry per section, with the latest change in it."""

    def render():
        site = site_for(request)
        changes = latest_changes(sitemap_pages(site)) if site else []
        # The schema asks for at least one sitemap: an empty site has one empty section.
        changes = changes or [None]
        root_url = site_root_url(request)
        return render_sitemapindex(root_url, changes)

    return shared_response(request, lambda: xml_or_404(render()))


@require_GET
def sitemap_section(request, section):
    def render():
        site = site_for(request)
        entries, versions = None, {}
        if site and section_exists(section):
            entries, versions = section_entries(request, site, section)
        if entries is None:
            if section != 1:
                return None
            entries = []
        return render_urlset(entries, versions)

    return shared_response(request, lambda: xml_or_404(render()))


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED_PATHS]
    sitemap_url = site_root_url(request) + reverse("sitemap")
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
