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


def factor_card(html, title):
    from bs4 import BeautifulSoup

    for card in BeautifulSoup(html, "html.parser").select("li.factor-card"):
        if card.h3.get_text() == title:
            return card
    raise AssertionError(title)


@pytest.mark.django_db
def test_home_factor_cards_count_what_each_language_holds_about_the_factor(client, site_tree):
    from tests.casestudies.factories import build_section

    factors = build_success_factors(site_tree)
    samverkan, cooperation = factors["Samverkan"]
    knowledge = samverkan.get_parent()
    first = ArticlePageFactory(parent=knowledge, success_factors=[samverkan])
    ArticlePageFactory(parent=knowledge, success_factors=[samverkan])
    ArticlePageFactory(parent=knowledge, success_factors=[samverkan], live=False)
    section = build_section(site_tree)
    case = section.case("krokom", title="Plug In Krokom")
    case.success_factors = [samverkan]
    case.save_revision().publish()
    # The translation keeps the original's (Swedish) factor: it counts for the English factor.
    site_tree.translate(first, title="Working together", slug="working-together")

    home = client.get("/").content.decode()
    counts = factor_card(home, "Samverkan").select_one(".factor-card__counts").get_text()
    assert counts == "2 artiklar · 1 fallstudie"
    # A factor nothing is tagged with says nothing rather than "0".
    assert factor_card(home, "Flexibla lösningar").select_one(".factor-card__counts") is None

    english = client.get("/en/").content.decode()
    counts = factor_card(english, cooperation.title).select_one(".factor-card__counts")
    assert counts.get_text() == "1 article"


@pytest.mark.django_db
def test_article_and_case_study_cards_show_their_factors_beside_silent_pictograms(
    client, site_tree
):
    from bs4 import BeautifulSoup

    from tests.casestudies.factories import build_section

    factors = build_success_factors(site_tree)
    samverkan, relations = factors["Samverkan"][0], factors["Relationer"][0]
    for page, slug in ((samverkan, "samverkan"), (relations, "relationer")):
        page.slug = slug
        page.save_revision().publish()
    ArticlePageFactory(
        parent=samverkan.get_parent(), title="Tillsammans", success_factors=[samverkan, relations]
    )
    ArticlePageFactory(parent=samverkan.get_parent(), title="Utan faktor")
    section = build_section(site_tree)
    case = section.case("krokom", title="Plug In Krokom")
    case.success_factors = [samverkan]
    case.save_revision().publish()

    def cards(path):
        html = client.get(path).content.decode()
        return {
            card.h3.get_text(): card
            for card in BeautifulSoup(html, "html.parser").select("li.card:not(.factor-card)")
        }

    articles = cards(samverkan.get_parent().url)
    tagged = articles["Tillsammans"].select(".card-factors li")
    assert [item.get_text(strip=True) for item in tagged] == ["Samverkan", "Relationer"]
    assert [item.svg["data-factor-icon"] for item in tagged] == ["cooperation", "relationships"]
    assert all(item.svg["aria-hidden"] == "true" for item in tagged)
    assert articles["Utan faktor"].select(".card-factors") == []

    (tagged,) = cards("/fallstudier/")["Plug In Krokom"].select(".card-factors li")
    assert tagged.get_text(strip=True) == "Samverkan"
    assert tagged.svg["aria-hidden"] == "true"
