import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache as default_cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from pluginnovation.site.models import NavigationItem, SiteNavigation
from tests.factories import StandardPageFactory, commit_pending, editor, uncached_client

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


def test_the_page_fragments_expire_with_the_memos_of_their_content_version(about, monkeypatch):
    """Kept a day in the base template while the memos were kept for FRAGMENT_SECONDS: a change
    of one left the other's old versions behind for longer (or shorter) than meant."""
    monkeypatch.setattr("pluginnovation.caching.cache.FRAGMENT_SECONDS", 1234)
    timeouts = {}
    set_value = default_cache.set

    def spy(key, value, timeout=None, **kwargs):
        timeouts[key] = timeout
        return set_value(key, value, timeout, **kwargs)

    monkeypatch.setattr(default_cache, "set", spy)
    uncached_client().get("/om/")
    fragments = [timeout for key, timeout in timeouts.items() if "template.cache." in key]
    assert fragments == [1234, 1234]


def test_cdn_may_keep_public_pages_briefly(about):
    cache_control = get("/om/")["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control


def test_publishing_is_visible_at_once(about, committed):
    assert "Första." in get("/om/").content.decode()
    about.lead = "Andra."
    with committed():
        about.save_revision().publish()
    response = get("/om/")
    assert "Andra." in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_publishing_shows_only_after_the_commit(about, django_capture_on_commit_callbacks):
    commit_pending()  # the page's creation
    get("/om/")
    about.lead = "Andra."
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about.save_revision().publish()
        # Not committed yet: readers are still served what was cached.
        assert get("/om/")["X-Page-Cache"] == "hit"
    assert len(callbacks) == 1  # one move of the version, however many rows changed
    callbacks[0]()
    assert "Andra." in get("/om/").content.decode()


def test_a_draft_never_reaches_readers(about, committed):
    get("/om/")
    about.lead = "Hemligt utkast."
    with committed():
        about.save_revision()
    assert "Hemligt utkast." not in get("/om/").content.decode()


def test_unpublishing_is_visible_at_once(about, committed):
    get("/om/")
    with committed():
        about.unpublish()
    assert get("/om/").status_code == 404


def test_deleting_is_visible_at_once(about, committed):
    get("/om/")
    with committed():
        about.delete()
    assert get("/om/").status_code == 404


def test_moving_is_visible_at_once(site_tree, about, committed):
    other = StandardPageFactory(parent=site_tree.home_sv, title="Annat", slug="annat")
    get("/om/")
    with committed():
        about.move(other, pos="last-child")
    old = get("/om/")
    assert old.status_code == 301  # Wagtail leaves a redirect behind
    assert old["Location"] == "/annat/om/"
    assert get("/annat/om/").status_code == 200


def test_editing_the_menu_is_visible_at_once(site_tree, about, committed):
    assert "Menyn ändrad" not in get("/").content.decode()
    navigation = SiteNavigation.objects.get(locale=site_tree.locale_sv)
    navigation.menu_items.add(NavigationItem(page=about, label="Menyn ändrad"))
    with committed():
        navigation.save()
    assert "Menyn ändrad" in get("/").content.decode()


def test_logged_in_editors_always_get_fresh_pages(about):
    client = Client()
    client.force_login(editor())
    client.get("/om/")
    response = client.get("/om/")
    assert "X-Page-Cache" not in response


def test_every_preview_shows_its_own_draft_and_leaves_the_kept_page_body_alone(about):
    client = Client()
    client.force_login(editor())
    assert "Första." in client.get("/om/").content.decode()  # its body is kept now
    about.lead = "Första utkastet."
    assert "Första utkastet." in main_of(about.make_preview_request())
    about.lead = "Andra utkastet."
    assert "Andra utkastet." in main_of(about.make_preview_request())
    assert "utkastet" not in client.get("/om/").content.decode()


def main_of(response):
    """The page's `<main>`, without the head's description (which repeats the lead)."""
    return response.content.decode().partition("<main")[2].partition("</main>")[0]


def test_errors_are_not_cached(site_tree):
    # No edit in between: a 404 was never stored, whatever the version.
    assert get("/finns-inte/").status_code == 404
    StandardPageFactory(parent=site_tree.home_sv, title="Finns nu", slug="finns-inte")
    assert get("/finns-inte/").status_code == 200


def test_query_strings_are_cached_separately(about):
    get("/om/?a=1")
    assert get("/om/?a=2")["X-Page-Cache"] == "miss"
    assert get("/om/?a=1")["X-Page-Cache"] == "hit"


def test_a_release_renders_pages_afresh(about):
    """New code and templates are not met by pages cached or remembered by the old ones."""
    from django.core.management import call_command

    get("/om/")
    assert get("/om/")["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)  # the release step
    assert get("/om/")["X-Page-Cache"] == "miss"


def serve(path, **headers):
    """A request as gunicorn hands it to `pluginnovation.wsgi`: status, headers, body, and
    whether Django's handler saw the request."""
    from pluginnovation.wsgi import application

    seen = []

    def handled(**kwargs):
        seen.append(True)

    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=dict(response_headers))

    # As Django's test client does: the test's database connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(handled)
    try:
        result = application(RequestFactory().get(path, **headers).environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()  # as the server does: Django's request_finished
    finally:
        request_started.disconnect(handled)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body, bool(seen)


def test_under_a_wsgi_server_a_hit_is_sent_before_django_handles_the_request(
    about, django_assert_num_queries
):
    status, miss_headers, miss_body, handled = serve("/om/")
    assert (status, miss_headers["X-Page-Cache"], handled) == ("200 OK", "miss", True)

    with django_assert_num_queries(0):
        status, headers, body, handled = serve("/om/")
    assert (status, headers["X-Page-Cache"], handled) == ("200 OK", "hit", False)
    assert body == miss_body
    # Every header the miss was sent with (the security headers among them), as it was.
    assert {**miss_headers, "X-Page-Cache": "hit"} == headers
    assert "Content-Security-Policy" in headers


def test_under_a_wsgi_server_cookies_edits_and_refused_hosts_reach_django(about, committed):
    serve("/om/")
    # A reader with a cookie (an editor, say) gets the page from Django.
    _status, headers, _body, handled = serve("/om/", HTTP_COOKIE="sessionid=abc")
    assert handled and "X-Page-Cache" not in headers

    about.lead = "Andra."
    with committed():
        about.save_revision().publish()
    _status, headers, body, handled = serve("/om/")
    assert handled and headers["X-Page-Cache"] == "miss"
    assert "Andra." in body.decode()

    status, headers, _body, handled = serve("/om/", HTTP_HOST="evil.example")
    assert handled and status.startswith("400")
    assert "Content-Security-Policy" in headers


@pytest.mark.parametrize(
    "path",
    [
        "/om/?q=%00",
        "/om/?q=%FF%FE%FA",
        "/om/?" + "&".join(f"x{i}=1" for i in range(200)),
        "/%FF/",
        "/en/%C3%28/",
        "/om/?tag=%3Cscript%3Ealert(1)%3C/script%3E",
    ],
)
def test_under_a_wsgi_server_hostile_addresses_are_answered_as_without_it(about, path):
    without = uncached_client().get(path)
    assert without.status_code < 500
    for _ in range(2):  # a miss, then whatever is kept for the address
        status, _headers, _body, _handled = serve(path)
        assert int(status[:3]) == without.status_code


def test_under_a_wsgi_server_a_miss_reads_the_cache_once_and_a_failed_lookup_reaches_django(
    about, monkeypatch
):
    from pluginnovation.caching import cache

    looked_up = []
    read = cache._cached_page

    def counted(key):
        looked_up.append(key)
        return read(key)

    monkeypatch.setattr(cache, "_cached_page", counted)
    _status, headers, _body, _handled = serve("/om/")
    assert headers["X-Page-Cache"] == "miss"
    assert len(looked_up) == 1  # the middleware stored it without asking again

    # A cache that cannot be read where the application looks: Django answers the request.
    def broken_once(key):
        monkeypatch.setattr(cache, "_cached_page", read)
        raise PermissionError("the cache folder cannot be read")

    monkeypatch.setattr(cache, "_cached_page", broken_once)
    status, headers, _body, handled = serve("/om/")
    assert handled and status == "200 OK" and headers["X-Page-Cache"] == "hit"


def test_a_wsgi_server_can_import_the_application_before_django_is_set_up():
    """gunicorn imports `pluginnovation.wsgi` in a fresh interpreter: nothing imported there
    may need the loaded apps before `get_wsgi_application()` has set Django up."""
    result = subprocess.run(
        [sys.executable, "-c", "import pluginnovation.wsgi"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pluginnovation.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
