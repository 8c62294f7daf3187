"""What a page tells search engines, link previews and reference managers about itself.

`page_metadata(request, page)` gathers the canonical URL, the description, the Open Graph and
Twitter card fields and the schema.org JSON-LD graph for a page (or for a view that is not a
page). Content apps plug in without touching this module:

- `structured_data(self, request)` on a page model returns its own schema.org dict
  (`Article`, `NewsArticle`, `ScholarlyArticle`, `Place` …, without `@context`); pages without
  it are described as a `WebPage`. An article is the page itself; anything else (a book, a
  place) is what the page is about, so the page becomes a `WebPage` in its own language with
  that as its `mainEntity`, in the work's own language;
- `listing_summary` (field or property) is the description when the editor wrote no search
  description; `lead` and `introduction` come next;
- `metadata_image` (field or property) is the preview image; otherwise the first of the usual
  image fields, otherwise the first image block of `body`.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from pluginnovation.caching import restrictions
from pluginnovation.openweb.hosts import absolute_url, page_full_url
from pluginnovation.site.models import HomePage

SITE_NAME = "PlugInnovation"
DESCRIPTION_FIELDS = ("search_description", "listing_summary", "lead", "introduction")
IMAGE_FIELDS = ("metadata_image", "social_image", "listing_image", "image", "hero_image")
PREVIEW_RENDITION = "fill-1200x630-c100"
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Types a portal publishes itself; a book or report found in the literature has its own
# publisher, so it gets none added.
OWN_PUBLICATION_TYPES = {"WebPage", "Article", "NewsArticle", "CollectionPage", "AboutPage"}
# A page whose structured data is one of these is the page itself; anything else (a book, a
# place, an event) is what the page is about: the page is a WebPage with it as main entity.
PAGE_TYPES = OWN_PUBLICATION_TYPES | {"ContactPage", "SearchResultsPage", "FAQPage"}
# What the portal writes has an author; when the page names no person, the organisation.
AUTHORED_TYPES = {"Article", "NewsArticle"}
# The share image of pages without their own (1200 × 630, as link previews ask).
DEFAULT_SHARE_IMAGE = "img/share.png"
# Inside <script>, "</script>" or "<!--" in a title must not end the element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """Serialise for a <script type="application/ld+json"> element, safe against breakout."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def description(page):
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, None)
        if value:
            text = " ".join(strip_tags(str(value)).split())
            if text:
                return Truncator(text).chars(300)
    return ""


def preview_image(page):
    """(image, alt text) for link previews, or (None, "")."""
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if isinstance(image, AbstractImage):
            return image, ""
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"], block.value.get("alt_text", "")
    return None, ""


def page_family(request, page):
    """(ancestors, live translations) of a page, both including the page, in one query.

    The breadcrumbs and the language switcher of every page need both; fetched together and
    kept on the request, they cost one query instead of two.
    """
    cache = request.__dict__.setdefault("_pluginnovation_page_family", {})
    if page.pk not in cache:
        step = page.steplen
        # From depth 2 (a language's home page) down to the page itself.
        ancestor_paths = [page.path[:end] for end in range(step * 2, len(page.path) + 1, step)]
        relatives = list(
            Page.objects.filter(
                Q(path__in=ancestor_paths) | Q(translation_key=page.translation_key, live=True)
            ).select_related("locale")
        )
        ancestors = sorted(
            (
                relative
                for relative in relatives
                if relative.path in ancestor_paths and (relative.live or relative.pk == page.pk)
            ),
            key=lambda relative: relative.depth,
        )
        translations = [
            relative
            for relative in relatives
            if relative.translation_key == page.translation_key and relative.live
        ]
        if len(translations) > 1:
            # Only versions every reader may open are offered: a link to a login form or a
            # password prompt is no translation for most readers, and the metadata is shared
            # by every reader of the address.
            restricted = restricted_paths(request)
            translations = [
                version
                for version in translations
                if version.pk == page.pk or not version.path.startswith(restricted)
            ]
        cache[page.pk] = (ancestors, translations)
    return cache[page.pk]


def restricted_paths(request=None):
    """The tree paths of every page with a view restriction (password, login or groups), as a
    tuple for `str.startswith`: a page under one of them is restricted too. The routing's
    list, kept until the next committed edit, so no request queries it twice."""
    return tuple(restrictions.restricted_paths()) or ("\0",)


def is_public(page, request=None):
    """True when the page is under no view restriction."""
    return not page.path.startswith(restricted_paths(request))


def breadcrumb_pages(request, page):
    """The page's ancestors from its language's home page down, and the page itself."""
    return page_family(request, page)[0]


def breadcrumb_list(crumbs):
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def _home_title_url(request, language):
    """The title and full URL of the language's home page, if it is live."""
    home = HomePage.for_language(language, request)
    return (home.title, page_full_url(home, request)) if home else None


def page_graph(request, page, title, summary, canonical, language, organization_id):
    """The page's own nodes: the page, and the work it describes when it describes one."""
    own = page.structured_data(request) if hasattr(page, "structured_data") else None
    dates = {"datePublished": getattr(page, "publication_date", None)}
    if own is None:
        own = {"@type": "WebPage", "name": title, **dates, "dateModified": page.last_published_at}
        if summary:
            own["description"] = summary
    own = {key: value for key, value in own.items() if value not in (None, "", [])}
    if own.get("@type") not in PAGE_TYPES:
        # The work (a book, a place …) keeps its own language; the page about it is a WebPage
        # in the page's language with the work as its main entity.
        work = {"@id": f"{canonical}#about", **own, "mainEntityOfPage": {"@id": canonical}}
        webpage = {
            "@type": "WebPage",
            "@id": canonical,
            "url": canonical,
            "name": title,
            "inLanguage": language,
            "mainEntity": {"@id": work["@id"]},
            "dateModified": page.last_published_at,
            "description": summary,
        }
        webpage = {key: value for key, value in webpage.items() if value not in (None, "")}
        return [webpage, work]
    own.setdefault("url", canonical)
    # A page is served in its own locale's language; asking page.locale would cost a query.
    own.setdefault("inLanguage", language)
    if own["@type"] in OWN_PUBLICATION_TYPES:
        own.setdefault("publisher", {"@id": organization_id})
    return [own]


def page_metadata(request, page=None):
    language = translation.get_language() or "sv"
    is_page = isinstance(page, Page) and page.pk is not None
    if is_page:
        crumbs = [
            (crumb.seo_title or crumb.title, page_full_url(crumb, request))
            for crumb in breadcrumb_pages(request, page)
        ]
        canonical = page_full_url(page, request)
        home_url = crumbs[0][1] if crumbs else absolute_url("/", request)
        title = page.seo_title or page.title
    else:
        home = _home_title_url(request, language)
        home_url = home[1] if home else absolute_url("/", request)
        canonical = absolute_url(request.path, request)
        title = SITE_NAME
        crumbs = [(home[0] if home else SITE_NAME, home_url)]
        if canonical != home_url:
            crumbs.append((SITE_NAME, canonical))

    organization_id = f"{home_url}#organization"
    graph = [
        {
            "@type": "Organization",
            "@id": organization_id,
            "name": SITE_NAME,
            "url": home_url,
        },
        breadcrumb_list(crumbs),
    ]

    summary = description(page) if is_page else ""
    image_url, image_alt = "", ""
    if is_page:
        image, image_alt = preview_image(page)
        if image is not None:
            image_url = absolute_url(image.get_rendition(PREVIEW_RENDITION).url, request)
        own = page_graph(request, page, title, summary, canonical, language, organization_id)
        if image_url:
            own[0].setdefault("image", image_url)
        share_image = image_url or absolute_url(static(DEFAULT_SHARE_IMAGE), request)
        for node in own:
            if node.get("@type") in AUTHORED_TYPES:
                node.setdefault("author", {"@id": organization_id})
                node.setdefault("image", share_image)
        graph += own

    return {
        "canonical": canonical,
        "description": summary,
        "title": title,
        "og_type": "article" if is_page and page.depth > 2 else "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [code for lang, code in OG_LOCALES.items() if lang != language],
        "site_name": SITE_NAME,
        # A page without a picture of its own is shared with the logo card (1200 × 630).
        "image_url": image_url or absolute_url(static(DEFAULT_SHARE_IMAGE), request),
        "image_alt": image_alt if image_url else SITE_NAME,
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }
