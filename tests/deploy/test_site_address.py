"""The site knows its public address from SITE_URL: links, e-mails and the deploy check."""

import importlib
import re

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from wagtail.models import Site


def canonical(response):
    return re.search(r'<link rel="canonical" href="([^"]+)">', response.content.decode()).group(1)


def test_configure_site_gives_every_absolute_link_the_public_address(
    client, site_tree, settings, committed
):
    settings.SITE_URL = "https://pluginnovation.se"
    with committed():
        call_command("configure_site", stdout=None)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "pluginnovation.se",
        443,
        "https://pluginnovation.se",
    )
    assert canonical(client.get("/")) == "https://pluginnovation.se/"
    assert canonical(client.get("/en/")) == "https://pluginnovation.se/en/"


def test_configure_site_takes_a_plain_http_address_with_a_port(site_tree, capsys):
    call_command("configure_site", url="http://intranet.kommun.se:8080")

    assert Site.objects.get(is_default_site=True).root_url == "http://intranet.kommun.se:8080"
    call_command("configure_site", url="http://intranet.kommun.se:8080")
    assert "already http://intranet.kommun.se:8080" in capsys.readouterr().out


@pytest.mark.parametrize(
    "url",
    [
        "pluginnovation.se",
        "ftp://pluginnovation.se",
        "https://pluginnovation.se/portal/",
        "https://pluginnovation.se:8443",
    ],
)
def test_configure_site_refuses_an_address_wagtail_cannot_link_to(site_tree, url):
    with pytest.raises(CommandError):
        call_command("configure_site", url=url)
    assert Site.objects.get(is_default_site=True).hostname != "pluginnovation.se"


def test_without_site_url_the_site_is_left_alone(site_tree, settings, capsys):
    settings.SITE_URL = ""
    before = Site.objects.get(is_default_site=True).root_url

    call_command("configure_site")

    assert Site.objects.get(is_default_site=True).root_url == before
    assert "SITE_URL is not set" in capsys.readouterr().out


def deploy_warnings():
    return [
        message.id for message in checks.run_checks(include_deployment_checks=True, tags=["sites"])
    ]


def test_deploy_check_warns_while_the_site_says_localhost(site_tree):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    assert deploy_warnings() == ["pluginnovation.W001"]

    call_command("configure_site", url="https://pluginnovation.se")
    assert deploy_warnings() == []


@pytest.fixture
def production_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "pluginnovation.se")
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db:5432/pluginnovation")
    monkeypatch.setenv("SITE_URL", "https://pluginnovation.se/")
    for name in ("EMAIL_URL", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "CSRF_TRUSTED_ORIGINS"):
        monkeypatch.delenv(name, raising=False)

    def load():
        import pluginnovation.settings.base
        import pluginnovation.settings.production

        importlib.reload(pluginnovation.settings.base)
        return importlib.reload(pluginnovation.settings.production)

    yield load
    monkeypatch.undo()
    import pluginnovation.settings.base

    importlib.reload(pluginnovation.settings.base)


def test_review_emails_come_from_the_sites_own_domain(production_settings):
    production = production_settings()

    assert production.DEFAULT_FROM_EMAIL == "PlugInnovation <noreply@pluginnovation.se>"
    assert production.SERVER_EMAIL == production.DEFAULT_FROM_EMAIL
    assert production.WAGTAILADMIN_BASE_URL == "https://pluginnovation.se"
    assert production.CSRF_TRUSTED_ORIGINS == ["https://pluginnovation.se"]


def test_email_url_configures_the_mail_server(production_settings, monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://redaktion%40kommun.se:hemlig%2Fnyckel@smtp.kommun.se")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Redaktionen <redaktion@kommun.se>")
    production = production_settings()

    assert production.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (production.EMAIL_HOST, production.EMAIL_PORT) == ("smtp.kommun.se", 587)
    assert production.EMAIL_HOST_USER == "redaktion@kommun.se"
    assert production.EMAIL_HOST_PASSWORD == "hemlig/nyckel"
    assert production.EMAIL_USE_TLS and not production.EMAIL_USE_SSL
    assert production.DEFAULT_FROM_EMAIL == "Redaktionen <redaktion@kommun.se>"

    monkeypatch.setenv("EMAIL_URL", "smtps://smtp.kommun.se")
    production = production_settings()
    assert (production.EMAIL_PORT, production.EMAIL_USE_SSL) == (465, True)
