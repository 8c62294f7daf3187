"""/healthz tells a load balancer about the database and the page cache; Redis going away
leaves readers with uncached pages, not errors."""

import pytest
from django.core.cache import caches

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
def redis_away(settings):
    settings.CACHES = REDIS_AWAY
    yield caches["default"]


def test_an_unreachable_redis_is_a_cache_that_misses(redis_away):
    assert redis_away.get("anything", "fallback") == "fallback"
    redis_away.set("anything", 1)  # dropped, no error
    assert redis_away.get_or_set("version", lambda: 7) == 7
    with pytest.raises(ValueError):
        redis_away.incr("version")


def test_pages_are_served_uncached_while_redis_is_away(client, site_tree, redis_away):
    for path in ("/", "/en/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Page-Cache") in (None, "miss")
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}
