import re
import time

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pluginnovation.accounts.roles import EDITORS, TRANSLATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def member_of(group_name, username="anna"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


# --- Login throttling ----------------------------------------------------------------------


def test_five_failed_logins_lock_that_user_from_that_address(client):
    member_of(EDITORS)
    for _ in range(4):
        assert attempt(client, "anna", "wrong").status_code == 200
    locked = attempt(client, "anna", "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "För många misslyckade inloggningsförsök" in body
    assert "Too many failed login attempts" in body and 'lang="en"' in body
    assert locked["Retry-After"] == "900"
    # Even the right password is refused now, from that address.
    assert attempt(client, "anna", PASSWORD).status_code == 429


def test_the_lock_is_per_user_and_address(client):
    member_of(EDITORS)
    member_of(EDITORS, username="bertil")
    for _ in range(5):
        attempt(client, "anna", "wrong")
    assert attempt(client, "anna", PASSWORD, ip="198.51.100.2").status_code == 302
    assert attempt(client, "bertil", PASSWORD).status_code == 302


def test_four_failures_then_success_does_not_lock(client):
    member_of(EDITORS)
    for _ in range(4):
        attempt(client, "anna", "wrong")
    assert attempt(client, "anna", PASSWORD).status_code == 302
    for _ in range(4):
        assert attempt(client, "anna", "wrong").status_code == 200


# --- Two-factor authentication -------------------------------------------------------------


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def enrol(client):
    client.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user__username="anna")
    done = client.post("/admin/2fa/setup/", {"token": current_code(device)})
    return device, re.findall(r"<li><code>([^<]+)</code></li>", done.content.decode())


def log_in(client, username="anna"):
    response = attempt(client, username, PASSWORD)
    assert response.status_code == 302
    return client.get("/admin/")


@pytest.mark.parametrize("group_name", [EDITORS, TRANSLATORS])
def test_required_roles_must_enrol_before_using_the_admin(client, settings, group_name):
    settings.TWO_FACTOR_REQUIRED = True
    member_of(group_name)
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/")
    assert client.get("/admin/pages/").status_code == 302

    setup = client.get(response["Location"])
    body = setup.content.decode()
    assert setup.status_code == 200
    # The QR code is drawn in the page: no image or script from anywhere else sees the secret.
    assert "<svg" in body
    assert not re.search(r'src="(https?:)?//', body)
    assert not re.search(r'<link[^>]+href="(https?:)?//', body)
    device = TOTPDevice.objects.get(user__username="anna", confirmed=False)

    wrong_code = "000000" if current_code(device) != "000000" else "111111"
    wrong = client.post("/admin/2fa/setup/", {"token": wrong_code})
    assert "Koden stämmer inte" in wrong.content.decode()
    # django-otp throttles guessing: a failure blocks the device for a second.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    done = client.post("/admin/2fa/setup/", {"token": current_code(device), "next": "/admin/"})
    codes = re.findall(r"<li><code>([^<]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_an_enrolled_editor_verifies_each_session_and_backup_codes_work_once(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    member_of(EDITORS)
    log_in(client)
    _device, codes = enrol(client)
    assert len(codes) == 10
    client.logout()

    response = log_in(client)
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/verify/", {"token": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()

    log_in(client)
    reused = client.post("/admin/2fa/verify/", {"token": codes[0]})
    assert reused.status_code == 200
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp makes a device wait a second after a failed code
    assert client.post("/admin/2fa/verify/", {"token": codes[1]}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_verification_never_redirects_off_site(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    member_of(EDITORS)
    log_in(client)
    _device, codes = enrol(client)
    client.logout()
    log_in(client)
    response = client.post(
        "/admin/2fa/verify/", {"token": codes[0], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_with_the_setting_off_a_password_is_enough(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    member_of(EDITORS)
    assert log_in(client).status_code == 200


def test_the_account_page_leads_to_enrolment(admin_client):
    response = admin_client.get("/admin/account/")
    assert response.status_code == 200
    assert 'href="/admin/2fa/setup/"' in response.content.decode()


def test_a_password_alone_cannot_replace_an_enrolled_second_factor(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    member_of(EDITORS)
    log_in(client)
    enrol(client)
    client.logout()
    log_in(client)
    response = client.get("/admin/2fa/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/setup/", {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user__username="anna").count() == 1
