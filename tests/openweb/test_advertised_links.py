"""Every link the site advertises works: found on rendered pages, never from a list.

One page of each type in both languages (the demo content holds every type), and every filter
value of every listing (each evidence label among them): each `<link rel=alternate>`, feed,
export, citation and API link found there answers 2xx.
"""

import io

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from wagtail.models import Page

from literature.models import EvidenceLabel, LiteraturePage
from tests.openweb.links import advertised, local, page_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_page_of_each_type(db):
    call_command("load_demo", stdout=io.StringIO())
    chosen = {}
    for page in Page.objects.live().public().filter(depth__gt=1).select_related("locale"):
        chosen.setdefault((page.content_type_id, page.locale.language_code), page)
    return list(chosen.values())


def test_every_advertised_link_answers_2xx(client, one_page_of_each_type):
    pages = one_page_of_each_type
    assert {page.locale.language_code for page in pages} == {"sv", "en"}
    to_visit = [page.url for page in pages]
    visited, links, evidence_seen = set(), {}, set()
    while to_visit:
        url = to_visit.pop()
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        parser = page_links(response.content.decode(), f"http://localhost{url}")
        for link in advertised(parser):
            links.setdefault(local(link), url)
        # Each filter value of a listing is a page of its own, with its own feed and exports.
        if "?" not in url:
            for filtered in parser.filters:
                to_visit.append(local(filtered))
                if "evidence=" in filtered:
                    evidence_seen.add(filtered.split("evidence=")[1].split("&")[0])

    in_use = set(
        LiteraturePage.objects.live()
        .exclude(evidence_label="")
        .values_list("evidence_label", flat=True)
    )
    assert in_use and in_use <= evidence_seen <= set(EvidenceLabel.values)
    assert any("/feed/" in link for link in links)
    assert any("/export/" in link for link in links)
    assert any(link.startswith("/en/") for link in links)
    broken = {}
    for link, found_on in sorted(links.items()):
        if link.startswith(settings.STATIC_URL):
            # Static files are served by WhiteNoise from the collected files in production.
            found = finders.find(link.removeprefix(settings.STATIC_URL))
            status = 200 if found else 404
        else:
            status = client.get(link).status_code
        if not 200 <= status < 300:
            broken[link] = (status, found_on)
    assert broken == {}
