import pytest
import wagtail_factories
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, url):
    return sorted(item["title"] for item in listed(client, url)["items"])


@pytest.fixture
def pages(site_tree):
    public = StandardPageFactory(parent=site_tree.home_sv, title="Öppen", slug="oppen", lead="Ja.")
    site_tree.translate(public, title="Open", slug="open", lead="Yes.")
    draft = StandardPageFactory(parent=site_tree.home_sv, title="Utkast", slug="utkast")
    draft.unpublish()
    members = StandardPageFactory(parent=site_tree.home_sv, title="Medlemmar", slug="medlemmar")
    StandardPageFactory(parent=members, title="Under medlemmar", slug="under")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    secret = StandardPageFactory(parent=site_tree.home_sv, title="Hemlig", slug="hemlig")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    return {"public": public, "draft": draft, "members": members, "secret": secret}


def test_pages_lists_live_public_pages_of_both_languages(client, pages):
    assert titles(client, "/api/v2/pages/") == ["Open", "PlugInnovation", "PlugInnovation", "Öppen"]


def test_pages_filter_by_locale_and_type(client, pages):
    assert titles(client, "/api/v2/pages/?locale=en") == ["Open", "PlugInnovation"]
    data = listed(client, "/api/v2/pages/?type=pluginnovation.StandardPage&locale=sv&fields=lead")
    assert [(item["title"], item["lead"]) for item in data["items"]] == [("Öppen", "Ja.")]
    assert data["items"][0]["meta"]["locale"] == "sv"
    assert data["items"][0]["meta"]["html_url"] == "http://testserver/oppen/"


def test_page_detail_exposes_the_models_api_fields(client, pages):
    data = listed(client, f"/api/v2/pages/{pages['public'].pk}/")
    assert data["lead"] == "Ja."
    assert data["meta"]["type"] == "pluginnovation.StandardPage"


@pytest.mark.parametrize("name", ["draft", "members", "secret"])
def test_drafts_and_private_pages_are_never_shown(client, pages, name):
    assert client.get(f"/api/v2/pages/{pages[name].pk}/").status_code == 404
    listing = titles(client, "/api/v2/pages/?limit=20")
    assert pages[name].title not in listing
    assert "Under medlemmar" not in listing
    assert listed(client, f"/api/v2/pages/?search={pages[name].title}")["items"] == []


def test_open_data_is_the_same_for_a_signed_in_superuser(client, pages):
    # The stock endpoint would show a login-restricted page to anyone signed in.
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(f"/api/v2/pages/{pages['members'].pk}/").status_code == 404
    assert "Medlemmar" not in titles(client, "/api/v2/pages/")


@pytest.fixture
def collections(db):
    root = Collection.get_first_root_node()
    public = root.add_child(name="Publicerat")
    internal = root.add_child(name="Internt")
    nested = internal.add_child(name="Internt underarkiv")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    return {"public": public, "internal": internal, "nested": nested}


@pytest.mark.parametrize(
    ("endpoint", "factory"),
    [
        ("documents", wagtail_factories.DocumentFactory),
        ("images", wagtail_factories.ImageFactory),
    ],
)
def test_nothing_from_a_private_collection(client, site_tree, collections, endpoint, factory):
    shown = factory(title="Rapport", collection=collections["public"])
    hidden = factory(title="Intern rapport", collection=collections["internal"])
    nested = factory(title="Djupt intern", collection=collections["nested"])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert titles(client, f"/api/v2/{endpoint}/") == ["Rapport"]
    assert client.get(f"/api/v2/{endpoint}/{shown.pk}/").status_code == 200
    for item in (hidden, nested):
        assert client.get(f"/api/v2/{endpoint}/{item.pk}/").status_code == 404
    assert listed(client, f"/api/v2/{endpoint}/?search=intern")["items"] == []


BAD_PAGE_PARAMETERS = [
    "search=%00",
    "search=studie%00avbrott",
    "search=x&search_operator=xor",
    "limit=-1",
    "limit=abc",
    "limit=100000",
    "offset=-1",
    "offset=99999999999999999999999",
    "limit=99999999999999999999999",
    "fields=no_such_field",
    "fields=%00",
    "type=nosuch.Model",
    "type=%00",
    "type=pluginnovation",
    "locale=xx",
    "locale=%00",
    "child_of=99999999999999999999999",
    "descendant_of=-1",
    "translation_of=abc",
    "order=no_such_field",
    "order=random&offset=5",
    "title=%00",
    "slug=a%00b",
    "unknown_parameter=1",
    "type=pluginnovation.StandardPage&last_reviewed=2020-99-99",
    "type=pluginnovation.StandardPage&last_reviewed=yesterday",
    "type=pluginnovation.User",
    "site=no-such-site",
    "rich_text_format=bogus",
    "%00=1",
    "search=" + "a" * 5000,
]


# The page cache keys on the full URL: fine for Redis and files, only memcached would mind.
@pytest.mark.filterwarnings("ignore::django.core.cache.CacheKeyWarning")
@pytest.mark.parametrize("query", BAD_PAGE_PARAMETERS)
def test_bad_page_parameters_are_the_callers_mistake(client, pages, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert 400 <= response.status_code < 500, response.content


# Odd but harmless: an answer (perhaps empty) or a 4xx, never a server error.
ODD_QUERIES = [
    'search="',
    "search=a%22b%22c%22",
    "search=(",
    "search=)(",
    "search=NEAR(a",
    "search=a:b",
    "search=^a",
    "search=a AND",
    "search=OR",
    "search=%FF%FE",
    "fields=*",
    "fields=((",
    "order=-",
    "limit=0",
    "child_of=root",
    "locale=en&descendant_of=root",
]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_parameters_never_give_a_server_error(client, pages, endpoint, query):
    assert client.get(f"/api/v2/{endpoint}/?{query}").status_code < 500


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    "query",
    ["search=%00", "search=x&search_operator=xor", "limit=-1", "offset=" + "9" * 30, "fields=nope"],
)
def test_bad_media_parameters_are_the_callers_mistake(client, site_tree, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert 400 <= response.status_code < 500, response.content


@pytest.mark.parametrize("path", ["pages/99999999999999999999999/", "pages/find/?id=%00"])
def test_bad_detail_lookups_are_not_found_or_bad(client, pages, path):
    response = client.get(f"/api/v2/{path}")
    assert 400 <= response.status_code < 500


def test_api_is_read_only(client, pages):
    assert client.post("/api/v2/pages/", {"title": "Ny"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{pages['public'].pk}/").status_code == 405


@pytest.mark.parametrize(
    ("html_path", "title"),
    [
        ("/oppen/", "Öppen"),
        ("/en/open/", "Open"),
        ("/en/", "PlugInnovation"),
        ("/", "PlugInnovation"),
    ],
)
def test_find_works_for_both_languages(client, pages, html_path, title):
    response = client.get(f"/api/v2/pages/find/?html_path={html_path}", follow=True)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == title
    assert data["meta"]["html_url"] == f"http://testserver{html_path}"


@pytest.mark.parametrize("html_path", ["/en/nothing-here/", "/medlemmar/", "/en/medlemmar/"])
def test_find_does_not_find_missing_or_restricted_pages(client, pages, html_path):
    response = client.get(f"/api/v2/pages/find/?html_path={html_path}")
    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/abc/",
        "/api/v2/nothing/",
        "/api/v1/pages/",
        "/api/v2/pages/?format=xml",
        "/api/v2/pages/99999/",
        "/api/v2/pages/?limit=abc",
    ],
)
def test_every_api_error_is_json_with_a_message(client, pages, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"].strip()


def test_the_api_root_names_its_endpoints(client, pages):
    data = client.get("/api/v2/").json()
    assert data["pages"] == "http://testserver/api/v2/pages/"
    assert client.get(data["images"]).status_code == 200


def test_a_not_allowed_method_is_json_too(client, pages):
    response = client.post("/api/v2/pages/", {"title": "Ny"})
    assert response.status_code == 405
    assert response.json()["message"]
    assert "POST" not in response["Allow"] and "GET" in response["Allow"]


def test_browser_apps_on_other_sites_may_read_the_api(client, pages):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code in (200, 204)
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # Writing stays impossible, and nothing outside /api/ is opened to other sites.
    post = client.post("/api/v2/pages/", HTTP_ORIGIN="https://example.org")
    assert post.status_code == 405
    assert "Access-Control-Allow-Origin" not in post
    page = client.get("/oppen/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_the_openapi_description_lists_endpoints_that_answer(client, pages):
    description = client.get(client.get("/api/v2/").json()["openapi"]).json()
    assert description["openapi"].startswith("3.")
    base = description["servers"][0]["url"]
    assert base == "http://testserver/api/v2"
    for path, operations in description["paths"].items():
        assert set(operations) == {"get"}
        url = base + path.replace("{id}", str(pages["public"].pk))
        if path.startswith(("/images/", "/documents/")) and "{id}" in path:
            continue  # no image or document in this tree
        if path == "/pages/find/":
            url += "?html_path=/en/open/"
        response = client.get(url.removeprefix("http://testserver"), follow=True)
        assert response.status_code == 200, path
        for name in operations["get"]["parameters"]:
            assert name["in"] in ("query", "path")
