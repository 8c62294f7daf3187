import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from pluginnovation.accounts.security import parse_csp_header
from tests.security import observatory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def body_nonces(response):
    return set(re.findall(r'nonce="([^"]+)"', response.content.decode()))


def header_nonce(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_public_policy_is_strict(client, site_tree):
    response = client.get("/", secure=True)
    policy = parse_csp_header(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]


def test_every_response_gets_its_own_nonce_matching_the_page(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/", secure=True)
    second = client.get("/", secure=True)
    assert body_nonces(first) == {header_nonce(first)}
    assert body_nonces(second) == {header_nonce(second)}
    assert header_nonce(first) != header_nonce(second)


def test_a_cached_page_keeps_the_nonce_its_header_names(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    miss = client.get("/", secure=True)
    hit = client.get("/", secure=True)
    assert miss["X-Page-Cache"] == "miss"
    assert hit["X-Page-Cache"] == "hit"
    assert body_nonces(hit) == {header_nonce(hit)}
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]


def test_browser_hardening_headers(client, site_tree):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Anonymous readers get no cookie at all.
    assert not response.cookies


def test_a_cached_page_keeps_every_hardening_header(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    miss = client.get("/", secure=True)
    hit = client.get("/", secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in (
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "Content-Security-Policy",
        "X-Frame-Options",
    ):
        assert hit[header] == miss[header], header


def test_a_refused_host_gets_the_hardening_headers(client, site_tree):
    response = client.get("/", secure=True, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_admin_policy_allows_our_own_scripts_only(client):
    response = client.get("/admin/login/", secure=True)
    policy = parse_csp_header(response["Content-Security-Policy"])
    # Wagtail 8's admin inlines scripts (see ADMIN_POLICY), but loads none from elsewhere.
    assert set(policy["script-src"]) == {"'self'", "'unsafe-inline'"}
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_session_and_csrf_cookies_are_secure_httponly_samesite(client, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.invalid", "a-long-password-1")
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "a-long-password-1"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_observatory_scores_the_home_page_a_plus(client, site_tree):
    plain = client.get("/", secure=False)
    response = client.get("/", secure=True)
    result = observatory.score(
        headers=response.headers,
        set_cookie_headers=[morsel.OutputString() for morsel in response.cookies.values()],
        body=response.content.decode(),
        http_status=plain.status_code,
        http_location=plain.get("Location", ""),
    )
    print(f"Observatory: {result.score} {result.grade} {result.tests}")  # noqa: T201
    assert all(modifier >= 0 for modifier in result.tests.values()), result.tests
    assert result.grade == "A+"
    assert result.score >= 100


def test_the_scorer_punishes_what_it_should():
    weak = observatory.score(
        headers={"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'"},
        set_cookie_headers=["sessionid=x; Path=/"],
        body="<script src='https://cdn.example/x.js'></script>",
        http_status=200,
        http_location="",
    )
    assert weak.grade == "F"
    assert weak.tests["csp-implemented-with-unsafe-inline"] == -20
    assert weak.tests["hsts-not-implemented"] == -20


def test_deploy_check_is_clean():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "pluginnovation.settings.production",
        "SECRET_KEY": "x" * 20 + "-deploy-check-only-" + "y" * 30,
        "ALLOWED_HOSTS": "pluginnovation.example",
        "DATABASE_URL": "sqlite:////tmp/pluginnovation-deploy-check-security.db",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
