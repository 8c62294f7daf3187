"""/healthz tells a load balancer about the database and the page cache; Redis going away
leaves readers with uncached pages, not errors; the cache on disk stays cheap to write."""

import socket
import threading

import pytest
from django.core.cache import caches

from pluginnovation.caching import redis
from pluginnovation.caching.files import CULL_EVERY, FileCache

# A port nothing listens on: Redis "stopped".
REDIS_AWAY = {
    "default": {
        "BACKEND": "pluginnovation.caching.redis.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
    }
}


def test_healthz_reports_the_database_and_the_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def redis_away(settings, monkeypatch):
    monkeypatch.setattr(redis, "_away_until", 0.0)
    settings.CACHES = REDIS_AWAY
    yield caches["default"]


def test_an_unreachable_redis_is_a_cache_that_misses(redis_away):
    assert redis_away.get("anything", "fallback") == "fallback"
    redis_away.set("anything", 1)  # dropped, no error
    assert redis_away.get_or_set("version", lambda: 7) == 7
    with pytest.raises(ValueError):
        redis_away.incr("version")


def test_after_a_failure_redis_is_left_alone_for_a_while(redis_away, monkeypatch):
    """A page makes a dozen cache calls: only the first of an outage may wait for Redis."""
    assert redis_away.get("anything") is None
    attempts = []
    # Django's RedisCache reads through its client: count what reaches it.
    monkeypatch.setattr(
        redis_away._cache, "get", lambda *args, **kwargs: attempts.append(args) or "answer"
    )
    for _ in range(12):
        assert redis_away.get("anything", "fallback") == "fallback"
    assert attempts == []
    # Once the pause is over, Redis is asked again, and its answers count.
    monkeypatch.setattr(redis, "_away_until", 0.000001)
    assert redis_away.get("anything") == "answer"
    assert len(attempts) == 1
    assert redis._away_until == 0.0


def test_a_resolver_that_does_not_answer_does_not_hold_the_reader(settings, monkeypatch):
    """A stopped Redis container's name is no longer answered by the container network; a
    resolver with no upstream to ask then takes ten seconds to say so, and every worker's first
    cache call after the stop waited for it (the stack's check timed out on `/en/`)."""
    monkeypatch.setattr(redis, "_away_until", 0.0)
    settings.CACHES = {
        "default": {
            "BACKEND": "pluginnovation.caching.redis.ResilientRedisCache",
            "LOCATION": "redis://cache.pluginnovation.invalid:6379/0",
        }
    }
    returned = threading.Event()
    released = threading.Event()
    seen = []

    def resolver_without_an_answer(*args, **kwargs):
        released.wait(10)
        seen.append(returned.is_set())
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", resolver_without_an_answer)
    assert caches["default"].get("page", "miss") == "miss"
    returned.set()
    released.set()
    for lookup in threading.enumerate():
        if lookup.name == "look up cache.pluginnovation.invalid":
            lookup.join(5)
    # The reader had its miss while the lookup was still waiting for the resolver.
    assert seen == [True]
    assert redis._is_away()


def test_redis_is_reached_by_name_through_the_bounded_lookup():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        connection = redis.BoundedLookupConnection(
            host="localhost", port=port, socket_connect_timeout=0.5, socket_timeout=0.25
        )
        sock = connection._connect()
        accepted, _ = server.accept()
        with sock, accepted:
            assert sock.getpeername()[1] == port
            assert sock.gettimeout() == 0.25
    closed = redis.BoundedLookupConnection(host="localhost", port=port, socket_connect_timeout=0.5)
    with pytest.raises(ConnectionRefusedError):
        closed._connect()


def test_pages_are_served_uncached_while_redis_is_away(client, site_tree, redis_away):
    for path in ("/", "/en/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Page-Cache") in (None, "miss")
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_the_file_cache_stays_bounded_without_listing_its_folder_on_every_write(
    tmp_path, monkeypatch
):
    """Listing thousands of cached pages before each write made the first reader wait."""
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for number in range(4 * CULL_EVERY):
        cache.set(f"page-{number}", "<html>")
    assert len(listings) <= 4
    # Still bounded: MAX_ENTRIES plus at most two rounds of writes between counts.
    assert len(list_files()) <= 50 + 2 * CULL_EVERY
    assert cache.get(f"page-{4 * CULL_EVERY - 1}") == "<html>"


def test_the_file_cache_below_its_limit_never_matches_its_whole_folder(tmp_path, monkeypatch):
    """Matching 15,000 cached pages' names took 20 ms of the reader who happened to write the
    entry that checks the count; counting them takes a quarter of that."""
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10 * CULL_EVERY}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for number in range(4 * CULL_EVERY):
        cache.set(f"page-{number}", "<html>")
    assert listings == []
    assert len(list_files()) == 4 * CULL_EVERY


def test_the_file_cache_keeps_pages_as_written_and_reads_an_older_compressed_entry_as_a_miss(
    tmp_path,
):
    """A page-cache hit spent a third of its time decompressing the page."""
    from django.core.cache.backends.filebased import FileBasedCache

    cache = FileCache(str(tmp_path), {})
    page = "<html>" + "Studieavbrott " * 500
    cache.set("page", page, 60)
    assert cache.get("page") == page
    with open(cache._key_to_file("page"), "rb") as stored:
        assert page.encode() in stored.read()  # not compressed
    assert cache.touch("page", 120) and cache.get("page") == page

    # An entry written by Django's backend (zlib) before an upgrade: a miss, then replaced.
    FileBasedCache(str(tmp_path), {}).set("old", page, 60)
    assert cache.get("old", "miss") == "miss"
    cache.set("old", page, 60)
    assert cache.get("old") == page
