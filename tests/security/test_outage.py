from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down():
    """Every new query fails as it does when PostgreSQL has stopped."""
    with mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        yield


@pytest.mark.parametrize("path", ["/", "/en/", "/om/", "/en/about/", "/admin/login/"])
def test_pages_answer_a_bilingual_503_without_a_traceback(
    path, public_urls, quiet_client, database_down
):
    # How fast the 503 comes is measured against a real stopped PostgreSQL by
    # scripts/db_outage_drill.py, not timed here on a shared machine.
    response = quiet_client.get(path)
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Webbplatsen är tillfälligt otillgänglig" in body
    assert 'lang="en"' in body and "temporarily unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "connection refused" not in body


def test_health_check_says_503(quiet_client, database_down):
    response = quiet_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}


def test_a_cached_page_is_still_served_while_the_database_is_away(
    public_urls, quiet_client, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    assert quiet_client.get("/om/").status_code == 200
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        response = quiet_client.get("/om/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_other_errors_still_get_the_500_page(quiet_client, site_tree):
    with mock.patch("pluginnovation.site.models.HomePage.serve", side_effect=RuntimeError("boom")):
        response = quiet_client.get("/")
    assert response.status_code == 500
    assert "boom" not in response.content.decode()
