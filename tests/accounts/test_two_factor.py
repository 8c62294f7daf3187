"""Every login counts only once its second factor is verified: admin, public site and API."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from pluginnovation.accounts.roles import EDITORS
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def restricted(site_tree):
    """A page for logged-in readers and one for the group Redaktörer."""
    login_page = StandardPageFactory(parent=site_tree.home_sv, title="Inloggade", slug="inloggade")
    group_page = StandardPageFactory(parent=site_tree.home_sv, title="Redaktionen", slug="red")
    for page in (login_page, group_page):
        page.save_revision().publish()
    PageViewRestriction.objects.create(page=login_page, restriction_type="login")
    restriction = PageViewRestriction.objects.create(page=group_page, restriction_type="groups")
    restriction.groups.add(Group.objects.get(name=EDITORS))
    return ["/inloggade/", "/red/"]


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device


def editor():
    user = UserFactory(username="anna")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def public_login(client, next_url):
    return client.post(
        f"/_util/login/?next={next_url}",
        {"username": "anna", "password": PASSWORD, "next": next_url},
        REMOTE_ADDR="203.0.113.7",
    )


def test_a_superuser_must_enrol_before_using_the_admin():
    UserFactory(username="root", is_superuser=True, is_staff=True)
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "root", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response["Location"].startswith("/admin/2fa/setup/")
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/pages/").status_code == 302


def test_a_password_alone_reads_no_restricted_page(restricted):
    user = editor()
    device = enrolled(user)
    client = Client()
    # Logged in with a password (the admin's login form), but not verified.
    client.post(
        "/admin/login/", {"username": "anna", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    for url in restricted:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/_util/login/" in response["Location"], url

    assert client.post("/admin/2fa/verify/", {"token": code(device)}).status_code == 302
    for url, title in zip(restricted, ["Inloggade", "Redaktionen"], strict=True):
        response = client.get(url)
        assert response.status_code == 200, url
        assert title in response.content.decode()


def test_the_public_login_goes_on_to_the_second_factor(restricted):
    user = editor()
    device = enrolled(user)
    client = Client()
    response = public_login(client, "/red/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert "next=%2Fred%2F" in response["Location"]
    assert client.get("/red/").status_code == 302  # still anonymous on the site

    verify = client.get(response["Location"])
    assert verify.status_code == 200
    done = client.post(response["Location"], {"token": code(device), "next": "/red/"})
    assert done["Location"] == "/red/"
    assert client.get("/red/").status_code == 200


def test_a_reader_without_admin_access_enrols_and_then_reads(restricted):
    UserFactory(username="anna")  # in no group: no admin access at all
    client = Client()
    response = public_login(client, "/inloggade/")
    assert response["Location"].startswith("/admin/2fa/setup/")
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user__username="anna", confirmed=False)
    done = client.post("/admin/2fa/setup/", {"token": code(device), "next": "/inloggade/"})
    assert done.status_code == 200  # the backup codes, shown once
    assert 'href="/inloggade/"' in done.content.decode()
    assert client.get("/inloggade/").status_code == 200
    # Still no admin for a reader.
    assert client.get("/admin/").status_code == 302


def test_previews_need_the_second_factor(site_tree):
    user = editor()
    enrolled(user)
    client = Client()
    client.post(
        "/admin/login/", {"username": "anna", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    page = site_tree.home_sv
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")


def test_with_the_switch_off_a_password_alone_is_enough(settings, restricted):
    settings.TWO_FACTOR_REQUIRED = False
    editor()
    client = Client()
    response = public_login(client, "/red/")
    assert response["Location"] == "/red/"
    assert client.get("/red/").status_code == 200


def test_the_development_settings_keep_the_switch_off_unless_asked(monkeypatch):
    import importlib

    from pluginnovation.settings import dev

    monkeypatch.delenv("TWO_FACTOR_REQUIRED", raising=False)
    assert importlib.reload(dev).TWO_FACTOR_REQUIRED is False
    monkeypatch.setenv("TWO_FACTOR_REQUIRED", "true")
    assert importlib.reload(dev).TWO_FACTOR_REQUIRED is True
