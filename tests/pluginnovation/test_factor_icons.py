"""Each success factor has its own pictogram, the same in Swedish and English, wherever the
factor appears."""

import re
import tomllib

import pytest
from django.conf import settings

from pluginnovation.site.factor_icons import icon_for
from tests.factories import build_success_factors
from tests.knowledge.factories import ArticlePageFactory

FIXTURE = settings.BASE_DIR / "fixtures" / "knowledge.toml"


def test_the_five_factors_of_the_demo_have_five_pictograms_the_same_in_both_languages():
    factors = tomllib.loads(FIXTURE.read_text())["factors"]
    assert len(factors) == 5
    keys = []
    for factor in factors:
        swedish, english = icon_for(factor["sv"]["slug"]), icon_for(factor["en"]["slug"])
        assert swedish == english, factor["sv"]["slug"]
        keys.append(swedish.key)
    assert len(set(keys)) == 5
    assert "factor" not in keys  # none falls back to the neutral mark


def icons(html):
    return re.findall(r'<svg class="factor-icon[^>]*data-factor-icon="([\w-]+)"([^>]*)>', html)


@pytest.mark.django_db
def test_factor_pictograms_on_home_hub_filters_and_tags(client, site_tree):
    factors = build_success_factors(site_tree)
    samverkan, cooperation = factors["Samverkan"]
    for page, slug in ((samverkan, "samverkan"), (cooperation, "cooperation")):
        page.slug = slug
        page.save_revision().publish()
        page.refresh_from_db()
    article = ArticlePageFactory(
        parent=samverkan.get_parent(), title="Tillsammans", success_factors=[samverkan]
    )

    home = client.get("/").content.decode()
    named = [attrs for key, attrs in icons(home) if 'role="img"' in attrs]
    assert len(named) == 5
    assert 'aria-label="Samverkan"' in " ".join(named)
    english_home = client.get("/en/").content.decode()
    assert ("cooperation", ' role="img" aria-label="Cooperation"') in icons(english_home)

    hub = client.get(samverkan.url).content.decode()
    assert icons(hub)[0][0] == "cooperation"

    listing = client.get(samverkan.get_parent().url).content.decode()
    filter_form = listing[listing.index('<form class="facets"') :]
    filter_form = filter_form[: filter_form.index("</form>")]
    # Inside a label the icon adds nothing to the name: hidden from assistive technology.
    assert ("cooperation", ' aria-hidden="true"') in icons(filter_form)

    tags = client.get(article.url).content.decode()
    tags = tags[tags.index('<ul class="factor-tags">') :]
    assert icons(tags)[0][0] == "cooperation"
