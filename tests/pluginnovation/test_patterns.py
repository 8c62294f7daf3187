"""The pattern library: every registered component in both languages, and only under DEBUG."""

import re

import pytest
from django.test import override_settings

from pluginnovation.devtools.patterns import PATTERNS

pytestmark = pytest.mark.django_db


def test_readers_of_the_public_site_never_see_it(client, site_tree):
    assert client.get("/patterns/").status_code == 404


@override_settings(DEBUG=True)
def test_every_component_is_shown_in_swedish_and_english(client, site_tree):
    response = client.get("/patterns/")
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'<h2 id="pattern-\d+-name">([^<]+)</h2>', html)
    assert sorted(names) == sorted(item.name for item in PATTERNS)
    examples = re.findall(r'<div class="pattern__example" lang="(sv|en)" data-template="', html)
    assert examples == ["sv", "en"] * len(PATTERNS)
    # Each example is the site's own template at work, in its language.
    assert "Sida 3 av 5" in html and "Page 3 of 5" in html
    assert "Verk per år" in html and "Works per year" in html
    assert '<figure class="timeline">' in html
