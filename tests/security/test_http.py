"""Quiet, exact HTTP: the methods a public address really accepts; one line for a bad Host."""

import logging

import pytest

pytestmark = pytest.mark.django_db

READ_ONLY = "GET, HEAD, OPTIONS"
WITH_FORM = "GET, HEAD, OPTIONS, POST"


@pytest.mark.parametrize(
    ("url", "allow"),
    [
        ("/", READ_ONLY),
        ("/en/", READ_ONLY),
        ("/sok/?q=skola", READ_ONLY),
        ("/sitemap.xml", READ_ONLY),
        ("/api/v2/pages/", READ_ONLY),
        ("/healthz", READ_ONLY),
        ("/_util/login/", WITH_FORM),
        ("/en/_util/login/", WITH_FORM),
        ("/_util/authenticate_with_password/1/3/", WITH_FORM),
    ],
)
def test_options_answers_with_the_methods_the_address_accepts(client, site_tree, url, allow):
    response = client.options(url)
    assert response.status_code == 200
    assert response["Allow"] == allow
    assert response.content == b""


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_page_refuses_methods_it_does_not_accept(client, site_tree, method):
    response = getattr(client, method)("/")
    assert response.status_code == 405
    assert response["Allow"] == READ_ONLY
    assert client.get("/").status_code == 200


def test_the_login_form_still_posts(client, site_tree):
    response = client.post("/_util/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200  # the form again, with its error


def test_the_admin_keeps_its_own_methods(admin_client):
    # The admin posts forms everywhere; its views decide.
    assert admin_client.get("/admin/").status_code == 200


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_a_disallowed_host_is_one_warning_line_without_traceback(client, site_tree):
    logger = logging.getLogger("django.security.DisallowedHost")
    collect, everything = Collect(), Collect()
    logger.addHandler(collect)
    logging.getLogger().addHandler(everything)
    try:
        response = client.get("/", HTTP_HOST="evil.example")
    finally:
        logger.removeHandler(collect)
        logging.getLogger().removeHandler(everything)
    assert response.status_code == 400
    assert len(collect.records) == 1
    record = collect.records[0]
    assert record.levelname == "WARNING"
    line = logging.Formatter().format(record)
    assert "evil.example" in line
    assert "\n" not in line and "Traceback" not in line
    assert not [r for r in everything.records if "evil.example" in r.getMessage()]
