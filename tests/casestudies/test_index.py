import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from pluginnovation.caching.cache import bump_content_version
from pluginnovation.site.models import HomePage, StandardPage
from tests.casestudies.factories import CaseStudyPageFactory, ProjectWorkshopFactory
from tests.factories import uncached_client

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def options(response, name):
    """(value, "Label (count)") of each option of one facet, "All" first where one is chosen."""
    html = response.content.decode()
    found = re.findall(
        rf'<input type="(?:radio|checkbox)" id="[^"]*" name="{name}" value="([^"]*)"[^>]*>\s*'
        r'<label for="[^"]*">(.*?)</label>',
        html,
        re.S,
    )
    return [(value, " ".join(re.sub(r"<[^>]+>", "", label).split())) for value, label in found]


def test_tree_rules():
    assert CaseStudyIndexPage.parent_page_types == ["pluginnovation.HomePage"]
    assert CaseStudyIndexPage.can_create_at(HomePage())
    assert not CaseStudyIndexPage.can_create_at(StandardPage())
    assert CaseStudyPage.can_create_at(CaseStudyIndexPage())
    assert not CaseStudyPage.can_create_at(HomePage())
    assert CaseStudyPage.subpage_types == []


def test_index_lists_both_rounds_separately(client, section, cases):
    response = client.get("/fallstudier/")
    assert response.status_code == 200
    html = response.content.decode()
    second, first = (
        html.index("Plug In 2.0 (2015–2018)</h2>"),
        html.index("Plug In (2012–2015)</h2>"),
    )
    assert second < html.index("Mörsil") < first < html.index("Plug In Krokom")
    assert "Under första omgången av Plug In genomfördes 10 fallstudier." in html[first:]
    assert "5 fallstudier" in html


def test_region_filter_shows_exactly_its_case_studies(client, section, cases):
    response = client.get("/fallstudier/?region=region-jamtland-harjedalen")
    assert sorted(titles(response)) == ["Mörsil", "Plug In Krokom", "Plug In Strömsund"]
    assert "3 fallstudier" in response.content.decode()


def test_counts_match_the_results_they_lead_to(client, section, cases):
    response = client.get("/fallstudier/")
    for value, label in options(response, "region")[1:]:
        count = int(re.search(r"\((\d+)\)$", label).group(1))
        assert len(titles(client.get(f"/fallstudier/?region={value}"))) == count
    assert ("region-jamtland-harjedalen", "Region Jämtland Härjedalen (3)") in options(
        response, "region"
    )


def test_combined_filters_narrow_and_counts_follow(client, section, cases):
    response = client.get("/fallstudier/?region=region-jamtland-harjedalen&round=plugin")
    assert sorted(titles(response)) == ["Plug In Krokom", "Plug In Strömsund"]
    focus = dict(options(response, "focus"))
    assert focus["kia"].endswith("(1)") and focus["prevention"].endswith("(1)")
    # The region facet counts what picking another region would give with the round kept.
    regions = dict(options(response, "region"))
    assert regions["goteborgsregionen"].endswith("(2)")
    response = client.get("/fallstudier/?region=region-jamtland-harjedalen&round=plugin&focus=kia")
    assert titles(response) == ["Plug In Krokom"]


def test_filters_are_shareable_links_and_feed_follows_the_selection(client, section, cases):
    response = client.get("/fallstudier/?round=plugin&focus=kia")
    html = response.content.decode()
    assert 'href="/fallstudier/feed/?round=plugin&amp;focus=kia"' in html
    assert "Prenumerera på det här urvalet (RSS)" in html
    assert 'type="application/rss+xml"' in html
    feed = client.get("/fallstudier/feed/?round=plugin&focus=kia")
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert "Plug In Krokom" in body and "Plug In Partille" in body
    assert "Mörsil" not in body and "Strömsund" not in body


def test_feed_of_new_case_studies_lists_the_newest_first(client, section, cases):
    body = client.get("/fallstudier/feed/").content.decode()
    assert body.index("Plug In Härryda") < body.index("Mörsil")


@pytest.mark.parametrize(
    "query",
    [
        "?region=nowhere",
        "?region=%ff%fe%00",
        "?municipality=<script>alert(1)</script>",
        "?round=plugin3&focus=x' OR 1=1--",
        "?factor=999999",
        "?factor=abc",
        "?page=999999999999999999999",
        "?page=-1",
        "?page=%ff",
        "?region=region-jamtland-harjedalen&region=goteborgsregionen",
        "?unknown=1",
    ],
)
def test_hostile_queries_give_a_normal_page(client, section, cases, query):
    # NUL and undecodable bytes and absurd page numbers are refused site-wide with a 400.
    refused = any(part in query for part in ("%00", "%ff", "9" * 21))
    for url in ("/fallstudier/", "/fallstudier/feed/", "/en/case-studies/"):
        response = client.get(url + query)
        assert response.status_code == (400 if refused else 200)
        assert "<script>alert" not in response.content.decode()


def test_unknown_value_is_not_applied_and_shows_as_not_chosen(client, section, cases):
    response = client.get("/fallstudier/?region=nowhere")
    assert len(titles(response)) == 5


def test_huge_page_number_shows_the_last_page(client, section):
    for i in range(25):
        section.case("krokom", title=f"Syntetisk {i:02d}")
    response = client.get("/fallstudier/?page=99")
    assert response.status_code == 200
    assert len(titles(response)) == 5
    assert "Sida 2 av 2" in response.content.decode()


def test_drafts_and_private_case_studies_are_nowhere(client, section, cases):
    draft = CaseStudyPageFactory(
        parent=section.index_sv,
        municipality=section.municipalities["krokom"],
        title="Utkastet",
        live=False,
    )
    draft.save_revision()
    private = section.case("krokom", title="Den privata")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for url in ("/fallstudier/", "/fallstudier/feed/", "/fallstudier/?municipality=2309", "/"):
        html = client.get(url).content.decode()
        assert "Utkastet" not in html
        assert "Den privata" not in html
    krokom = dict(options(client.get("/fallstudier/"), "municipality"))["2309"]
    assert krokom == "Krokom (1)"


def test_map_marks_every_municipality_and_links_to_its_case_studies(client, section, cases):
    html = client.get("/fallstudier/").content.decode()
    svg = html[html.index('<svg class="case-map__svg"') :]
    svg = svg[: svg.index("</svg>")]
    for code in ("2321", "2309", "2313", "1402", "1401"):
        assert f'href="/fallstudier/?municipality={code}"' in svg
    assert svg.count("<circle") == 5
    # Positions are plain numbers inside the drawing (no Swedish decimal comma).
    for cx, cy in re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', svg):
        assert 0 < float(cx) < 300 and 0 < float(cy) < 600
    listing = html[html.index('class="case-map__list"') :]
    assert "Strömsund" in listing and "1 fallstudie" in listing
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_english_index_lists_the_english_case_studies(client, site_tree, section, cases):
    site_tree.translate(cases["krokom"], title="Plug In Krokom (en)", slug="krokom")
    response = client.get("/en/case-studies/?region=region-jamtland-harjedalen")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert titles(response) == ["Plug In Krokom (en)"]
    assert "1 case study" in html
    assert "Subscribe to this selection (RSS)" in html


def home_map(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "home-section-case-studies"})


def test_home_page_maps_the_case_studies_with_counts_that_lead_to_the_filtered_listing(
    client, section, cases
):
    section.case("krokom", "plugin2", title="Krokom igen")
    found = home_map(client.get("/").content.decode())
    assert found.h2.get_text() == "Fallstudier i hela Sverige"
    # Every municipality is a marker carrying its number of case studies, named for readers
    # who cannot see the map.
    markers = found.select("svg a.case-map__marker")
    counts = {marker["href"]: marker.select_one("text").get_text() for marker in markers}
    assert counts == {
        "/fallstudier/?municipality=2321": "1",
        "/fallstudier/?municipality=2309": "2",
        "/fallstudier/?municipality=2313": "1",
        "/fallstudier/?municipality=1402": "1",
        "/fallstudier/?municipality=1401": "1",
    }
    krokom = found.select_one('a[href="/fallstudier/?municipality=2309"]')
    assert krokom["aria-label"] == "Krokom: 2 fallstudier"
    svg = found.select_one("svg")
    assert svg["width"] and svg["height"]
    # The same numbers as a table, one row per region, each region a link to its case studies.
    table = found.find("table")
    assert table.caption.get_text() == "Fallstudier per region"
    rows = [
        (row.th.a["href"], row.th.get_text(), row.select("td")[0].get_text())
        for row in table.tbody.find_all("tr")
    ]
    assert rows == [
        ("/fallstudier/?region=goteborgsregionen", "Göteborgsregionens kommunalförbund", "2"),
        ("/fallstudier/?region=region-jamtland-harjedalen", "Region Jämtland Härjedalen", "4"),
    ]
    assert "Krokom (2)" in table.get_text()
    assert found.find("a", string="Alla fallstudier")["href"] == "/fallstudier/"
    # The filtered listing it leads to shows exactly that region's case studies.
    listing = client.get("/fallstudier/?region=goteborgsregionen")
    assert sorted(titles(listing)) == ["Plug In Härryda", "Plug In Partille – Porten"]


def test_english_home_page_maps_the_english_case_studies(client, site_tree, section, cases):
    site_tree.translate(cases["krokom"], title="Plug In Krokom (en)", slug="krokom")
    found = home_map(client.get("/en/").content.decode())
    assert found.h2.get_text() == "Case studies across Sweden"
    assert [marker["aria-label"] for marker in found.select("svg a.case-map__marker")] == [
        "Krokom: 1 case study"
    ]
    region = found.find("table").tbody.th
    assert region.a["href"] == "/en/case-studies/?region=region-jamtland-harjedalen"
    # A Swedish proper name on an English page says so.
    assert region.a["lang"] == "sv"
    assert found.find("a", string="All case studies")["href"] == "/en/case-studies/"


def test_home_page_hides_the_map_without_case_studies(client, section):
    html = client.get("/").content.decode()
    assert home_map(html) is None
    assert "case-map" not in html


def reader_after_an_edit(path):
    """A reader (with a cookie: the page cache steps aside) right after an edit, when nothing
    of `path` is cached but what a running site keeps whatever the edits (site root paths)."""
    reader = uncached_client()
    reader.get(path)
    bump_content_version()
    return reader


@pytest.fixture
def factor(site_tree):
    from knowledge.models import KnowledgeIndexPage, SuccessFactorPage

    knowledge = KnowledgeIndexPage(title="Kunskap", slug="kunskap")
    site_tree.home_sv.add_child(instance=knowledge)
    factor = SuccessFactorPage(title="Samverkan", slug="samverkan", introduction="I.")
    knowledge.add_child(instance=factor)
    return factor


@pytest.mark.parametrize(
    "query",
    ["", "?round=plugin&region=region-jamtland-harjedalen&page=2", "?factor={factor}", "feed/"],
)
def test_listing_stays_within_the_query_budget_whatever_the_number_of_case_studies(
    section, factor, query, django_assert_max_num_queries
):
    workshop = ProjectWorkshopFactory(municipality=section.municipalities["krokom"])
    url = "/fallstudier/" + query.format(factor=factor.pk)
    counts = []
    for total in (3, 30):
        while CaseStudyPage.objects.count() < total:
            number = CaseStudyPage.objects.count()
            case = section.case(
                ["are", "krokom", "partille"][number % 3], ["plugin", "plugin2"][number % 2]
            )
            case.workshops = [workshop]
            case.success_factors = [factor]
            case.save_revision().publish()
        reader = reader_after_an_edit(url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    reader = reader_after_an_edit(url)
    with django_assert_max_num_queries(30):  # right after an edit
        reader.get(url)


def test_success_factor_filter_in_both_languages(client, site_tree, section, cases):
    from knowledge.models import KnowledgeIndexPage, SuccessFactorPage

    knowledge = KnowledgeIndexPage(title="Kunskap", slug="kunskap")
    site_tree.home_sv.add_child(instance=knowledge)
    factor = SuccessFactorPage(title="Samverkan", slug="samverkan", introduction="I.")
    knowledge.add_child(instance=factor)
    for key in ("krokom", "partille"):
        cases[key].success_factors = [factor]
        cases[key].save_revision().publish()
    response = client.get("/fallstudier/")
    assert (str(factor.pk), "Samverkan (2)") in options(response, "factor")
    response = client.get(f"/fallstudier/?factor={factor.pk}&region=region-jamtland-harjedalen")
    assert titles(response) == ["Plug In Krokom"]

    # The English case study still links the Swedish factor; the English factor matches it.
    english_index = site_tree.translate(knowledge, slug="knowledge")
    english_factor = site_tree.translate(factor, title="Cooperation", slug="cooperation")
    assert english_index.live
    site_tree.translate(cases["krokom"], title="Plug In Krokom (en)", slug="krokom")
    response = client.get("/en/case-studies/")
    assert (str(english_factor.pk), "Cooperation (1)") in options(response, "factor")
    response = client.get(f"/en/case-studies/?factor={english_factor.pk}")
    assert titles(response) == ["Plug In Krokom (en)"]


@pytest.mark.parametrize(
    "path", ["/fallstudier/%ff/", "/fallstudier/feed/%fe%ff/", "/en/case-studies/x%00/"]
)
def test_garbage_paths_are_not_found(client, section, path):
    # A NUL byte is refused site-wide (400) before routing; the rest is simply not found.
    assert client.get(path).status_code == (400 if "%00" in path else 404)


def test_index_is_editable_and_previewable(admin_client, section, cases):
    from django.urls import reverse

    index = section.index_sv
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[index.pk])).status_code == 200
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[index.pk])
    data = {"title": "Fallstudier", "slug": "fallstudier", "introduction": "Förhandsvisning"}
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Förhandsvisning" in html and "Plug In Krokom" in html


def chart_rows(response, name):
    """(label, link, count) of each row in a chart's table of figures."""
    html = response.content.decode()
    figure = re.search(rf'id="chart-{name}".*?</figure>', html, re.S).group(0)
    return [
        (label, link.replace("&amp;", "&"), int(count))
        for link, label, count in re.findall(
            r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>(\d+)</td></tr>', figure
        )
    ]


def test_charts_count_case_studies_per_region_and_round_and_lead_to_them(client, section, cases):
    response = client.get("/fallstudier/")
    regions = chart_rows(response, "regions")
    assert ("Region Jämtland Härjedalen", "?region=region-jamtland-harjedalen", 3) in regions
    assert sum(count for _label, _link, count in regions) == 5
    for label, link, count in regions + chart_rows(response, "rounds"):
        assert len(titles(client.get("/fallstudier/" + link))) == count, label
    assert "Fallstudier per projektomgång" in response.content.decode()
