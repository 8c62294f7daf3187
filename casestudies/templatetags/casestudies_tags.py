from django import template
from django.http import QueryDict

from casestudies.filters import CaseStudyListing
from casestudies.mapdata import HEIGHT, WIDTH, outline_paths, project
from casestudies.models import CaseStudyIndexPage
from pluginnovation.site.pages import index_of_language

register = template.Library()
# How wide the small map beside a case study is drawn, in CSS pixels.
PLACE_MAP_WIDTH = 112


def case_study_index(request):
    """The case-study index of the active language, looked up once per request and language:
    the home page's hero and its map both link to it."""
    return index_of_language(request, CaseStudyIndexPage)


@register.simple_tag(takes_context=True)
def case_study_index_url(context):
    """The address of "Fallstudier" in the active language, or "" while there is none."""
    request = context.get("request")
    index = case_study_index(request)
    return index.get_url(request) if index else ""


def _position(place):
    x, y = project(place.longitude, place.latitude)
    # Strings, so that the Swedish decimal comma never reaches the SVG.
    return f"{x:.1f}", f"{y:.1f}"


def _markers(points, index_url):
    markers = []
    for place, count in points:
        x, y = _position(place)
        markers.append(
            {
                "municipality": place,
                "count": count,
                "x": x,
                "y": y,
                "url": f"{index_url}?municipality={place.code}",
            }
        )
    return markers


def _map(markers, name, counted=False):
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "paths": outline_paths(),
        "markers": markers,
        "name": name,
        "counted": counted,
    }


@register.inclusion_tag("casestudies/includes/map.html", takes_context=True)
def case_study_map(context, points):
    """An SVG map of Sweden with a linked marker per municipality that has case studies."""
    index_url = context["page"].get_url(context.get("request"))
    return _map(_markers(points, index_url), "case-map") | {"listed": True}


@register.inclusion_tag("casestudies/includes/home_map.html", takes_context=True)
def home_case_study_map(context):
    """The home page's case studies: the map with the number of case studies in each
    municipality, and a table of the regions, each a link to the case studies it filters.

    One query (the listing's combinations) besides the index; hidden while there is nothing to
    show.
    """
    request = context.get("request")
    index = case_study_index(request)
    if index is None:
        return {}
    listing = CaseStudyListing(index, QueryDict())
    index_url = index.get_url(request)
    regions = listing.regions
    for region in regions:
        region["url"] = f"{index_url}?region={region['slug']}"
    return _map(_markers(listing.map_points, index_url), "home-map", counted=True) | {
        "regions": regions,
        "total": sum(region["count"] for region in regions),
        "index_url": index_url,
    }


@register.inclusion_tag("casestudies/includes/place_map.html")
def case_study_place_map(place):
    """The small map beside a case study: Sweden with its municipality marked."""
    if place.latitude is None or place.longitude is None:
        return {}
    x, y = _position(place)
    return {
        "place": place,
        "x": x,
        "y": y,
        "width": WIDTH,
        "height": HEIGHT,
        "shown_width": PLACE_MAP_WIDTH,
        "shown_height": round(HEIGHT * PLACE_MAP_WIDTH / WIDTH),
        "paths": outline_paths(),
    }
