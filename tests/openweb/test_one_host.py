"""Every absolute URL names the Site's host (or SITE_URL), never the request's Host header."""

import re

import pytest
from wagtail.models import Site

from pluginnovation.site.models import SiteOwner
from tests.casestudies.factories import build_section
from tests.factories import StandardPageFactory
from tests.literature.factories import build_library
from tests.news.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db

ABSOLUTE = re.compile(r"""https?://[^\s"'<>]+""")
# Addresses of other sites the pages name on purpose (schema.org, the DOI resolver …).
ELSEWHERE = ("schema.org", "doi.org", "www.w3.org", "www.sitemaps.org", "docs.wagtail.org")


@pytest.fixture
def site(site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    build_library(site_tree, translate=True)
    # Every page's head links to the news feed; a case study describes itself in JSON-LD.
    NewsIndexPageFactory(parent=site_tree.home_sv, slug="aktuellt")
    build_section(site_tree).case("krokom", title="Plug In Krokom", slug="krokom")
    Site.objects.update(hostname="pluginnovation.example")
    owner = SiteOwner.for_site(Site.objects.get())
    owner.contact_email = "kontakt@pluginnovation.example"
    owner.save()
    return site_tree


URLS = [
    "/",
    "/om/",
    "/en/about/",
    "/litteratur/",
    "/en/literature/?evidence=review",
    "/litteratur/feed/?evidence=study",
    "/en/literature/feed/",
    "/fallstudier/krokom/",
    "/sitemap.xml",
    "/sitemap-1.xml",
    "/robots.txt",
    "/api/v2/",
    "/api/v2/pages/?fields=_,html_url",
    "/.well-known/security.txt",
]


def hosts_named(text):
    return {
        url.split("/")[2]
        for url in ABSOLUTE.findall(text)
        if not url.split("/")[2].endswith(ELSEWHERE)
    }


@pytest.mark.parametrize("url", URLS)
def test_absolute_urls_name_the_sites_host(client, site, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    assert hosts_named(response.content.decode()) == {"pluginnovation.example"}, url


@pytest.mark.parametrize(
    "url", ["/om/", "/en/about/", "/litteratur/feed/", "/fallstudier/krokom/", "/robots.txt"]
)
def test_site_url_wins_when_it_is_configured(client, site, settings, url):
    settings.SITE_URL = "https://www.pluginnovation.se/"
    response = client.get(url, HTTP_HOST="localhost")
    assert hosts_named(response.content.decode()) == {"www.pluginnovation.se"}, url
