"""Every public URL pattern the hostile-input tests attack.

Add the URLs of a new page type, filter, feed or API endpoint here (a typical address, with a
trailing slash as the site writes it): the property test then sends it garbage too. Addresses
of content apps that are not merged yet answer 404, which the tests accept like any 4xx.
"""

# Site-wide: home pages, a standard page (the fixture creates /om/ and /en/about/), the honest
# "no translation" notice, documents, the health check and Wagtail's own endpoints.
SITE_URLS = [
    "/",
    "/en/",
    "/om/",
    "/en/about/",
    "/untranslated/{page_id}/",
    "/en/untranslated/{page_id}/",
    "/documents/1/rapport.pdf",
    "/healthz",
    "/finns-inte/",
    "/en/does-not-exist/",
]

# Content apps (issues being built in parallel): indexes, filters, feeds, search and the API.
CONTENT_URLS = [
    "/kunskap/",
    "/en/knowledge/",
    "/aktuellt/",
    "/aktuellt/feed/",
    "/en/news/",
    "/en/news/feed/",
    "/fallstudier/",
    "/fallstudier/feed/",
    "/en/case-studies/",
    "/litteratur/",
    "/litteratur/feed/",
    "/en/literature/",
    "/sok/",
    "/en/search/",
    "/api/v2/pages/",
    "/api/v2/pages/{page_id}/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/sitemap.xml",
    "/sitemap-1.xml",
    "/robots.txt",
]

PUBLIC_URLS = SITE_URLS + CONTENT_URLS

# Parameters the listings, search and API understand; the tests also invent others.
KNOWN_PARAMETERS = [
    "page",
    "p",
    "q",
    "query",
    "tag",
    "tags",
    "year",
    "type",
    "kind",
    "region",
    "municipality",
    "round",
    "focus",
    "success_factor",
    "evidence",
    "sort",
    "order",
    "limit",
    "offset",
    "fields",
    "locale",
    "search",
    "child_of",
    "format",
]
