"""What user agents ask for at fixed addresses: a favicon and security.txt (RFC 9116)."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import Site

from pluginnovation.site.models import SiteOwner

pytestmark = pytest.mark.django_db


def test_favicon_is_an_icon_and_every_page_links_one(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
    for url in ("/", "/en/"):
        assert '<link rel="icon"' in client.get(url).content.decode()


def owner(**fields):
    setting = SiteOwner.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(setting, name, value)
    setting.save()


def test_security_txt_names_the_site_owners_security_contact(client, site_tree):
    owner(contact_email="kontakt@example.se", security_contact="sakerhet@example.se")
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"] == "mailto:sakerhet@example.se"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    assert timezone.now() < expires < timezone.now() + datetime.timedelta(days=366)


def test_security_txt_falls_back_to_the_contact_address(client, site_tree):
    owner(contact_email="kontakt@example.se")
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:kontakt@example.se" in body


def test_no_security_txt_without_an_address_rather_than_an_invented_one(client, site_tree):
    assert client.get("/.well-known/security.txt").status_code == 404


def test_web_app_manifest_names_the_site_with_its_theme_colour(client, site_tree):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "PlugInnovation"
    assert data["start_url"] == "/"
    page = client.get("/en/").content.decode()
    assert f'<meta name="theme-color" content="{data["theme_color"]}"' in page
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
