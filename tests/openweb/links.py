"""What a rendered page advertises: its alternates, feeds, exports, API links and filters."""

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

ADVERTISED_PATH_PARTS = ("/feed/", "/export/", "/cite/", "/api/", "/untranslated/")


class PageLinks(HTMLParser):
    """`alternates`: every <link rel=alternate>; `anchors`: every <a href>; `filters`: the URL
    a browser requests for each checkbox or radio of each GET form."""

    def __init__(self, base):
        super().__init__()
        self.base = base
        self.alternates, self.anchors, self.filters, self.icons = [], [], [], []
        self.form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "alternate" in (attrs.get("rel") or "").split():
            self.alternates.append(attrs["href"])
        elif tag == "link" and "icon" in (attrs.get("rel") or "").split():
            self.icons.append(attrs["href"])
        elif tag == "a" and attrs.get("href"):
            self.anchors.append(urljoin(self.base, attrs["href"]))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.form = urljoin(self.base, attrs.get("action") or self.base)
        elif tag == "input" and self.form and attrs.get("type") in ("checkbox", "radio"):
            query = urlencode({attrs["name"]: attrs.get("value", "on")})
            self.filters.append(f"{self.form}?{query}")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None


def page_links(html, base):
    parser = PageLinks(base)
    parser.feed(html)
    return parser


def local(url):
    """The path and query of a URL on the site (any host: the host is checked elsewhere)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def advertised(parser):
    """The links a reader's tools follow: alternates (translations, feeds) and the anchors to
    feeds, exports, citations and the API."""
    found = set(parser.alternates) | set(parser.icons)
    found |= {url for url in parser.anchors if any(part in url for part in ADVERTISED_PATH_PARTS)}
    return found
