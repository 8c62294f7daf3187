import json
import re

import pytest
import wagtail_factories

from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def json_ld(response):
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


def meta(response, attribute, name):
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return match and match.group(1)


def canonical(response):
    return re.search(r'<link rel="canonical" href="([^"]+)">', response.content.decode()).group(1)


def test_home_page_describes_the_portal(client, site_tree):
    response = client.get("/")
    assert canonical(response) == "http://testserver/"
    assert meta(response, "name", "description") == (
        "PlugInnovation är en digital plattform om studieavbrott."
    )
    assert meta(response, "property", "og:type") == "website"
    assert meta(response, "property", "og:locale") == "sv_SE"
    # No picture of its own: the default share image, wide enough for a large card.
    assert meta(response, "property", "og:image") == "http://testserver/static/img/share.png"
    assert meta(response, "property", "og:image:alt") == "PlugInnovation"
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    graph = json_ld(response)
    assert graph["Organization"]["name"] == "PlugInnovation"
    assert graph["Organization"]["url"] == "http://testserver/"
    assert graph["BreadcrumbList"]["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "PlugInnovation", "item": "http://testserver/"}
    ]
    assert graph["WebPage"]["inLanguage"] == "sv"


def test_standard_page_has_breadcrumbs_dates_and_description(client, site_tree):
    parent = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    page = StandardPageFactory(
        parent=parent,
        title="Tillgänglighet",
        slug="tillganglighet",
        lead="Så tillgänglig är sajten.",
    )
    page.save_revision().publish()

    response = client.get("/om/tillganglighet/")

    assert canonical(response) == "http://testserver/om/tillganglighet/"
    assert meta(response, "name", "description") == "Så tillgänglig är sajten."
    assert meta(response, "property", "og:description") == "Så tillgänglig är sajten."
    assert meta(response, "property", "og:type") == "article"
    graph = json_ld(response)
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs] == [
        (1, "PlugInnovation", "http://testserver/"),
        (2, "Om oss", "http://testserver/om/"),
        (3, "Tillgänglighet", "http://testserver/om/tillganglighet/"),
    ]
    webpage = graph["WebPage"]
    assert webpage["name"] == "Tillgänglighet"
    assert webpage["url"] == "http://testserver/om/tillganglighet/"
    page.refresh_from_db()
    # The date the page says it was published, never the moment it was loaded or created.
    published = getattr(page, "publication_date", None)
    if published is None:
        assert "datePublished" not in webpage
    else:
        assert webpage["datePublished"] == published.isoformat()
    assert webpage["dateModified"].startswith(page.last_published_at.date().isoformat())
    assert webpage["publisher"] == {"@id": "http://testserver/#organization"}


def test_search_description_wins_over_the_lead(client, site_tree):
    StandardPageFactory(
        parent=site_tree.home_sv,
        slug="sida",
        lead="Ingressen.",
        search_description="För sökmotorer.",
    )
    response = client.get("/sida/")
    assert meta(response, "name", "description") == "För sökmotorer."


def test_english_page_speaks_english_to_link_previews(client, site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, slug="om", title="Om oss")
    site_tree.translate(page, slug="about", title="About us", lead="Who we are.")
    response = client.get("/en/about/")
    assert canonical(response) == "http://testserver/en/about/"
    assert meta(response, "property", "og:locale") == "en_GB"
    assert meta(response, "property", "og:locale:alternate") == "sv_SE"
    assert meta(response, "name", "description") == "Who we are."
    graph = json_ld(response)
    assert graph["Organization"]["url"] == "http://testserver/en/"
    assert graph["WebPage"]["inLanguage"] == "en"
    assert graph["BreadcrumbList"]["itemListElement"][-1]["name"] == "About us"


def test_page_with_an_image_gets_a_large_preview_with_absolute_url(client, site_tree):
    image = wagtail_factories.ImageFactory(title="Klassrum")
    StandardPageFactory(
        parent=site_tree.home_sv,
        slug="bild",
        body=[("image", {"image": image, "alt_text": "Elever i ett klassrum", "caption": "Foto"})],
    )
    response = client.get("/bild/")
    image_url = meta(response, "property", "og:image")
    assert re.match(r"^http://testserver/media/images/.+\.fill-1200x630", image_url)
    assert meta(response, "property", "og:image:alt") == "Elever i ett klassrum"
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    assert meta(response, "name", "twitter:image") == image_url
    assert json_ld(response)["WebPage"]["image"] == image_url


def test_hostile_title_cannot_break_out_of_the_json_ld(client, site_tree):
    title = '</script><script>alert("x")</script> & <!--'
    StandardPageFactory(parent=site_tree.home_sv, slug="elak", title=title)
    response = client.get("/elak/")
    body = response.content.decode()
    assert "<script>alert" not in body
    graph = json_ld(response)
    assert graph["WebPage"]["name"] == title
    assert graph["BreadcrumbList"]["itemListElement"][-1]["name"] == title


def test_a_model_plugs_in_its_own_structured_data(client, site_tree, monkeypatch):
    def structured_data(self, request):
        return {
            "@type": "ScholarlyArticle",
            "headline": self.title,
            "author": [{"@type": "Person", "name": "Anna Svensson"}],
            "datePublished": "2019",
        }

    monkeypatch.setattr(StandardPage, "structured_data", structured_data, raising=False)
    StandardPageFactory(parent=site_tree.home_sv, slug="artikel", title="Studieavbrott i Sverige")
    graph = json_ld(client.get("/artikel/"))
    article = graph["ScholarlyArticle"]
    assert article["headline"] == "Studieavbrott i Sverige"
    assert article["author"][0]["name"] == "Anna Svensson"
    assert article["datePublished"] == "2019"
    # The article is the work the page describes: the page is a WebPage in its own language
    # with the work as its main entity; the work's language is its own, not the page's.
    webpage = graph["WebPage"]
    assert webpage["url"] == "http://testserver/artikel/"
    assert webpage["inLanguage"] == "sv"
    assert webpage["mainEntity"] == {"@id": article["@id"]}
    assert article["mainEntityOfPage"] == {"@id": "http://testserver/artikel/"}
    assert "inLanguage" not in article
    # A publication found in the literature has its own publisher, not the portal.
    assert "publisher" not in article
    assert "BreadcrumbList" in graph


def test_view_that_is_not_a_page_still_has_organization_and_breadcrumbs(client, site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, slug="bara-svenska")
    response = client.get(f"/en/untranslated/{page.pk}/")
    assert canonical(response) == f"http://testserver/en/untranslated/{page.pk}/"
    graph = json_ld(response)
    assert graph["Organization"]["url"] == "http://testserver/en/"
    assert graph["BreadcrumbList"]["itemListElement"][0]["item"] == "http://testserver/en/"


def test_metadata_stays_within_the_page_query_budget(
    client, site_tree, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    image = wagtail_factories.ImageFactory(title="Klassrum")
    parent = StandardPageFactory(parent=site_tree.home_sv, slug="om")
    StandardPageFactory(
        parent=parent,
        slug="bild",
        body=[("image", {"image": image, "alt_text": "Elever", "caption": "Foto"})],
    )
    # Without the page cache; the first request creates the rendition and fills what every
    # page shares until the next editorial change.
    client.get("/om/bild/")
    with django_assert_max_num_queries(20):
        response = client.get("/om/bild/")
    assert meta(response, "property", "og:image")
