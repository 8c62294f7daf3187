import pytest
from django.test import Client

from pluginnovation.models import NavigationItem, SiteNavigation
from tests.factories import StandardPageFactory, editor

pytestmark = pytest.mark.django_db


def get(path):
    return Client().get(path)


@pytest.fixture
def about(site_tree):
    return StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om", lead="Första.")


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    about, django_assert_num_queries
):
    first = get("/om/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get("/om/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cdn_may_keep_public_pages_briefly(about):
    cache_control = get("/om/")["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control


def test_publishing_is_visible_at_once(about):
    assert "Första." in get("/om/").content.decode()
    about.lead = "Andra."
    about.save_revision().publish()
    response = get("/om/")
    assert "Andra." in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_a_draft_never_reaches_readers(about):
    get("/om/")
    about.lead = "Hemligt utkast."
    about.save_revision()
    assert "Hemligt utkast." not in get("/om/").content.decode()


def test_unpublishing_is_visible_at_once(about):
    get("/om/")
    about.unpublish()
    assert get("/om/").status_code == 404


def test_deleting_is_visible_at_once(about):
    get("/om/")
    about.delete()
    assert get("/om/").status_code == 404


def test_moving_is_visible_at_once(site_tree, about):
    other = StandardPageFactory(parent=site_tree.home_sv, title="Annat", slug="annat")
    get("/om/")
    about.move(other, pos="last-child")
    old = get("/om/")
    assert old.status_code == 301  # Wagtail leaves a redirect behind
    assert old["Location"] == "/annat/om/"
    assert get("/annat/om/").status_code == 200


def test_editing_the_menu_is_visible_at_once(site_tree, about):
    assert "Menyn ändrad" not in get("/").content.decode()
    navigation = SiteNavigation.objects.get(locale=site_tree.locale_sv)
    navigation.menu_items.add(NavigationItem(page=about, label="Menyn ändrad"))
    navigation.save()
    assert "Menyn ändrad" in get("/").content.decode()


def test_logged_in_editors_always_get_fresh_pages(about):
    client = Client()
    client.force_login(editor())
    client.get("/om/")
    response = client.get("/om/")
    assert "X-Page-Cache" not in response


def test_errors_are_not_cached(site_tree):
    assert get("/finns-inte/").status_code == 404
    StandardPageFactory(parent=site_tree.home_sv, title="Finns nu", slug="finns-inte")
    assert get("/finns-inte/").status_code == 200


def test_query_strings_are_cached_separately(about):
    get("/om/?a=1")
    assert get("/om/?a=2")["X-Page-Cache"] == "miss"
    assert get("/om/?a=1")["X-Page-Cache"] == "hit"


def test_what_a_worker_remembers_is_bounded_and_the_oldest_goes_first():
    from pluginnovation.cache import LocalMemo

    memo = LocalMemo(max_entries=3, max_text=100)
    for number in range(5):
        memo.set(f"listing-{number}", "x" * 30)
    assert memo.text <= 100
    assert memo.get("listing-0") is None
    assert memo.get("listing-4") == "x" * 30
    for number in range(5, 10):
        memo.set(f"count-{number}", number)
    assert len(memo.entries) == 3
    assert memo.get("count-9") == 9


def test_a_release_renders_pages_afresh(about):
    """New code and templates are not met by pages cached or remembered by the old ones."""
    from django.core.management import call_command

    get("/om/")
    assert get("/om/")["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)  # the release step
    assert get("/om/")["X-Page-Cache"] == "miss"
