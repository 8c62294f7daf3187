import re

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.test import Client

from pluginnovation.site.blocks import StandardBodyBlock
from pluginnovation.site.models import CustomImage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


def test_body_image_is_responsive_lazy_and_described(site_tree):
    image = ImageFactory(title="Elever", file__width=1600, file__height=900)
    page = StandardPageFactory(parent=site_tree.home_sv, title="Bild", slug="bild")
    page.body = [
        (
            "image",
            {"image": image, "alt_text": "Elever i ett klassrum", "caption": "Foto: Plug In"},
        )
    ]
    page.save_revision().publish()

    html = Client().get("/bild/").content.decode()
    assert 'type="image/webp"' in html
    assert 'alt="Elever i ett klassrum"' in html
    assert 'loading="lazy"' in html
    # Width and height (of the smallest rendition) keep the layout from jumping while loading.
    assert 'width="480"' in html
    assert 'height="270"' in html
    assert "format-webp.width-1200.webp 1200w" in html
    assert "Foto: Plug In" in html


TIMELINE = {
    "title": "Plug In 2012–2018",
    "periods": [
        {"name": "Plug In", "start_year": 2012, "end_year": 2015, "description": "Första."},
        {"name": "Plug In 2.0", "start_year": 2015, "end_year": 2018, "description": "Andra."},
    ],
}


def test_a_timeline_draws_each_period_along_the_years_and_tells_it_in_words(site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om", slug="om")
    page.body = [("timeline", TIMELINE)]
    page.save_revision().publish()

    html = Client().get("/om/").content.decode()
    bars = re.findall(r'<rect class="timeline__bar" x="([\d.]+)" y="\d+" width="([\d.]+)"', html)
    (first_x, first_width), (second_x, second_width) = [
        (float(x), float(width)) for x, width in bars
    ]
    # 2012–2015 and 2015–2018 are equally long and meet at 2015.
    assert first_width == second_width
    assert second_x == pytest.approx(first_x + first_width, abs=0.2)
    years = re.findall(r'<text class="timeline__year"[^>]*>(\d{4})</text>', html)
    assert years == [str(year) for year in range(2012, 2019)]
    # The drawing is hidden from screen readers; the list says the same.
    assert 'class="timeline__picture" width="640"' in html and 'aria-hidden="true"' in html
    periods = re.search(r'<ol class="timeline__periods">(.*?)</ol>', html, re.S).group(1)
    assert "<strong>Plug In</strong>" in periods and "2012–2015" in periods
    assert "Andra." in periods


def test_a_period_cannot_end_before_it_starts():
    block = StandardBodyBlock()
    value = {**TIMELINE, "periods": [{**TIMELINE["periods"][0], "end_year": 2011}]}
    with pytest.raises(ValidationError):
        block.clean(block.to_python([{"type": "timeline", "value": value}]))
