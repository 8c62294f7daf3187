import pytest
from django.test import Client

from tests.factories import StandardPageFactory
from tests.security.public_urls import PUBLIC_URLS


@pytest.fixture
def public_urls(site_tree):
    """The public URL list, on a site with a published page in both languages."""
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    return [url.format(page_id=about.pk) for url in PUBLIC_URLS]


@pytest.fixture
def quiet_client():
    """A client that returns the 500 page instead of raising, as a real server would."""
    return Client(raise_request_exception=False)
