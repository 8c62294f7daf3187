"""Anonymous readers get no cookie anywhere: the language lives in the URL, not in a cookie."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from pluginnovation.devtools.demo import load_site
from pluginnovation.site.models import SiteOwner
from tests.factories import StandardPageFactory, commit_pending, uncached_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    StandardPageFactory(parent=about, title="Bara svenska", slug="bara-svenska")
    return site_tree


def assert_no_cookie(response):
    assert response.status_code < 500
    assert not response.cookies, f"{response.request['PATH_INFO']} set {list(response.cookies)}"
    assert not response.has_header("Set-Cookie")


def test_every_live_page_of_every_type_sets_no_cookie(client, tree):
    pages = Page.objects.live().public().specific()
    types = {type(page) for page in pages}
    assert len(types) >= 2
    for page in pages:
        url = page.get_url()
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_cookie(response)
    assert not client.cookies


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap.xml",
        "/sitemap-1.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/no-such-page/",
        "/en/no-such-page/",
        "/sok/?q=studieavbrott",
        "/en/search/?q=dropout",
        "/?page=%FF%FE&filter=%00",
    ],
)
def test_other_public_addresses_set_no_cookie(client, tree, path):
    assert_no_cookie(client.get(path))


def test_untranslated_notice_sets_no_cookie(client, tree):
    page = Page.objects.get(slug="bara-svenska")
    response = client.get(f"/en/untranslated/{page.pk}/")
    assert response.status_code == 200
    assert_no_cookie(response)


def test_choosing_a_language_sets_no_cookie(client, tree):
    response = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert_no_cookie(response)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert_no_cookie(response)


def test_every_page_of_the_demo_site_sets_no_cookie(client, db):
    """The demo content of every app holds every page type the site has."""
    call_command("load_demo", stdout=io.StringIO())
    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1)]
    assert len(urls) >= 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_cookie(response)


@pytest.mark.parametrize(
    ("path", "missing", "always"),
    [
        (
            "/personuppgifter-och-kakor/",
            "Uppgift saknas:",
            ["IP-adressen", "Dina rättigheter", "Integritetsskyddsmyndigheten (IMY)", "inga kakor"],
        ),
        (
            "/en/privacy-and-cookies/",
            "Information missing:",
            [
                "the IP address",
                "Your rights",
                "Integritetsskyddsmyndigheten</span>, IMY",
                "no cookies",
            ],
        ),
    ],
)
def test_privacy_notice_says_what_is_collected_and_which_owner_facts_are_missing(
    client, db, path, missing, always
):
    load_site(io.StringIO())
    main = client.get(path).content.decode().split("<main", 1)[1].split("</main>")[0]
    for phrase in always:
        assert phrase in main
    # Controller, contact, retention and legal basis: only the owner can give them.
    assert main.count(missing) == 4
    assert 'href="https://www.imy.se/"' in main


def test_privacy_notice_names_the_controller_basis_and_retention_the_owner_gave(db):
    load_site(io.StringIO())
    owner = SiteOwner.for_site(Site.objects.get(is_default_site=True))
    owner.organisation = "Göteborgsregionen"
    owner.contact_email = "dataskydd@goteborgsregionen.se"
    owner.legal_basis = SiteOwner.LegalBasis.PUBLIC_TASK
    owner.log_retention_days = 30
    owner.save()
    commit_pending()
    main = uncached_client().get("/personuppgifter-och-kakor/").content.decode()
    assert "Uppgift saknas:" not in main
    assert "Göteborgsregionen är personuppgiftsansvarig" in main
    assert 'href="mailto:dataskydd@goteborgsregionen.se"' in main
    assert "Loggarna raderas efter 30 dagar." in main
    assert "uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen)" in main
