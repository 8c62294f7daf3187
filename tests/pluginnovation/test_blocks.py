import pytest
import wagtail_factories
from django.test import Client

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
