from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from casestudies.mapdata import HEIGHT, WIDTH, outline_paths, project
from casestudies.models import CaseStudyIndexPage, CaseStudyPage

register = template.Library()
HOME_ITEMS = 3
# How wide the small map beside a case study is drawn, in CSS pixels.
PLACE_MAP_WIDTH = 112


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_case_study_section(context):
    """The home page's "Examples of case studies" section: the newest in the reader's language.

    Hidden while there is nothing to show.
    """
    # A join on the language code rather than a Locale query of its own.
    language = get_language()
    cases = (
        CaseStudyPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .defer_streamfields()
        .select_related("municipality")
        .order_by("-first_published_at", "-pk")[:HOME_ITEMS]
    )
    items = [
        {
            "url": case.get_url(context.get("request")),
            "title": case.municipality.name,
            "meta": case.get_round_display(),
            "text": case.summary,
        }
        for case in cases
    ]
    index = (
        CaseStudyIndexPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("pk")
        .first()
        if items
        else None
    )
    return {
        "slug": "case-studies",
        "title": _("Examples of case studies"),
        "items": items,
        "more_url": index.get_url(context.get("request")) if index and items else "",
        "more_text": _("All case studies"),
    }


@register.inclusion_tag("casestudies/includes/map.html", takes_context=True)
def case_study_map(context, points):
    """An SVG map of Sweden with a linked marker per municipality that has case studies."""
    index_url = context["page"].get_url(context.get("request"))
    markers = []
    for place, count in points:
        x, y = project(place.longitude, place.latitude)
        markers.append(
            {
                "municipality": place,
                "count": count,
                # Strings, so that the Swedish decimal comma never reaches the SVG.
                "x": f"{x:.1f}",
                "y": f"{y:.1f}",
                "url": f"{index_url}?municipality={place.code}",
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "paths": outline_paths(), "markers": markers}


@register.inclusion_tag("casestudies/includes/place_map.html")
def case_study_place_map(place):
    """The small map beside a case study: Sweden with its municipality marked."""
    if place.latitude is None or place.longitude is None:
        return {}
    x, y = project(place.longitude, place.latitude)
    return {
        "place": place,
        # Strings, so that the Swedish decimal comma never reaches the SVG.
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "width": WIDTH,
        "height": HEIGHT,
        "shown_width": PLACE_MAP_WIDTH,
        "shown_height": round(HEIGHT * PLACE_MAP_WIDTH / WIDTH),
        "paths": outline_paths(),
    }
