"""The pattern library: every component of the site, in Swedish and English, on one page.

Only under DEBUG (`/patterns/`; 404 otherwise). Each pattern renders the template the site
itself uses, with realistic content from a function that returns its context; the function
runs once per language, inside that language. Content apps register their own components in
a `patterns` module (found when the page is first asked for), so this module imports none of
them.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from pluginnovation.site.blocks import StandardBodyBlock
from pluginnovation.site.charts import Bar, BarChart, ColumnChart, years_filled
from pluginnovation.site.listing import Filter, FilterState

PATTERNS = []
LANGUAGES = ("sv", "en")


@dataclass
class Pattern:
    name: str
    template: str
    context: object  # () -> dict, called in each language
    description: str = ""


def pattern(name, template, description=""):
    """Register the decorated function as the example context of `template`."""

    def register(context):
        PATTERNS.append(Pattern(name, template, context, description))
        return context

    return register


def _rendered(item, request):
    examples = []
    for language in LANGUAGES:
        with translation.override(language):
            context = item.context()
            if item.template.startswith("block:"):
                html = context["block"].render(context["value"], context={"request": request})
            else:
                html = render_to_string(item.template, context, request)
        examples.append({"language": language, "html": html})
    return examples


def pattern_library(request):
    if not settings.DEBUG:
        raise Http404
    autodiscover_modules("patterns")
    patterns = [
        {"pattern": item, "examples": _rendered(item, request)}
        for item in sorted(PATTERNS, key=lambda item: item.name)
    ]
    return render(request, "devtools/pattern_library.html", {"patterns": patterns})


# The site's own components ---------------------------------------------------------------


@pattern("Search form", "components/search_form.html", "The site's search box.")
def search_form():
    return {"input_id": f"pattern-search-{translation.get_language()}", "value": "mentorskap"}


@pattern("Pagination", "components/pagination.html", "Page 3 of 5, the filters kept.")
def pagination():
    return {
        "items": Paginator(range(100), 20).page(3),
        "query": "tag=gymnasieskolan&",
    }


@pattern(
    "Chosen filters",
    "components/chosen_filters.html",
    "What narrows a listing, each a link that removes it.",
)
def chosen_filters():
    filters = FilterState(
        QueryDict("tag=gymnasieskolan&tag=samverkan"),
        [
            Filter(
                "tag",
                {"gymnasieskolan": "Gymnasieskolan", "samverkan": _("Collaboration")},
                label=_("Tag"),
                multiple=True,
            )
        ],
    )
    # The listing the links lead back to: any page will do here.
    return {"filters": filters, "page": Page.objects.filter(depth=2).first()}


def _facet_filters():
    return FilterState(
        QueryDict("level=gymnasieskolan&kind=research_summary"),
        [
            Filter(
                "kind",
                {"article": _("Article"), "research_summary": _("Research summary")},
                label=_("Kind"),
            ),
            Filter(
                "level",
                {"grundskolan": "Grundskolan", "gymnasieskolan": "Gymnasieskolan"},
                label=_("School level"),
                multiple=True,
            ),
        ],
    )


@pattern(
    "Facet panel",
    "components/facet_panel.html",
    "The filters of every listing: one choice as radio buttons, several as checkboxes, counted.",
)
def facet_panel():
    filters = _facet_filters()
    kinds = filters.facet("kind", {"article": 12, "research_summary": 5})
    kinds.total = 17
    levels = filters.facet("level", {"grundskolan": 3, "gymnasieskolan": 5})
    return {
        "facets": [kinds, levels],
        "filters": filters,
        "action": "#",
        "heading": _("Filter the articles"),
        "id": f"pattern-facets-{translation.get_language()}",
    }


@pattern("Listing count", "components/listing_count.html", "A status message, read out on change.")
def listing_count():
    return {"text": ngettext("%(counter)s article", "%(counter)s articles", 17) % {"counter": 17}}


@pattern("Home section", "components/home_section.html", "A home page section of cards.")
def home_section():
    return {
        "slug": f"pattern-{translation.get_language()}",
        "title": _("Examples of case studies"),
        "items": [
            {
                "url": "#",
                "title": "Krokom",
                "meta": "Plug In 2.0 (2015–2018)",
                "text": "Mentorskap och tidiga insatser när frånvaron ökar på gymnasiet.",
                "lang": "sv",
            },
            {
                "url": "#",
                "title": "Lund",
                "meta": "Plug In (2012–2015)",
                "text": "Samverkan mellan skola, socialtjänst och arbetsmarknadsenhet.",
                "lang": "sv",
            },
        ],
        "more_url": "#",
        "more_text": _("All case studies"),
    }


@pattern("Bar chart", "components/bar_chart.html", "Counts per category, with the figures.")
def bar_chart():
    return {
        "chart": BarChart(
            title=_("Case studies per project round"),
            bars=[Bar("Plug In 2.0 (2015–2018)", 7), Bar("Plug In (2012–2015)", 10)],
            label_heading=_("Project round"),
            unit=_("Case studies"),
            name=f"pattern-bars-{translation.get_language()}",
        )
    }


@pattern("Column chart", "components/bar_chart.html", "Counts per year, for a facet panel.")
def column_chart():
    per_year = {2003: 1, 2005: 2, 2008: 4, 2009: 6, 2010: 3, 2014: 5, 2016: 2}
    return {
        "chart": ColumnChart(
            title=_("Works per year"),
            bars=years_filled(per_year),
            label_heading=_("Year"),
            unit=_("Works"),
            name=f"pattern-columns-{translation.get_language()}",
        )
    }


@pattern("Missing fact", "components/missing_fact.html", "A fact only the site owner can give.")
def missing_fact():
    return {"text": _("No contact e-mail address has been given yet.")}


@pattern("Last reviewed", "components/last_reviewed.html", "When an editor last checked a page.")
def last_reviewed():
    return {"page": {"last_reviewed": datetime.date(2026, 11, 3)}}


BODY = StandardBodyBlock()


def _block(name, value):
    block = BODY.child_blocks[name]
    return {"block": block, "value": block.to_python(value)}


@pattern("Quote", "block:quote", "A body block.")
def quote():
    return _block(
        "quote",
        {
            "text": "Det viktigaste var att någon vuxen märkte när jag inte kom.",
            "attribution": "Elev, Krokom",
        },
    )


@pattern("Fact box", "block:fact_box", "A body block.")
def fact_box():
    return _block(
        "fact_box",
        {
            "title": _("Success factors"),
            "body": "<p>Individcentrerat arbetssätt, systematisk uppföljning av frånvaro, "
            "positiva relationer, flexibla lösningar och samverkan.</p>",
        },
    )


@pattern("Timeline", "block:timeline", "A standard page's body block.")
def timeline():
    return _block(
        "timeline",
        {
            "title": "Plug In 2012–2018",
            "periods": [
                {"name": "Plug In", "start_year": 2012, "end_year": 2015, "description": ""},
                {"name": "Plug In 2.0", "start_year": 2015, "end_year": 2018, "description": ""},
            ],
        },
    )
