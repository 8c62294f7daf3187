from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Municipality, ProjectWorkshop, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "first_round_name"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


class ProjectWorkshopViewSet(SnippetViewSet):
    model = ProjectWorkshop
    icon = "group"
    list_display = ["name", "municipality", "round", "focus"]
    list_filter = ["round", "focus"]
    search_fields = ["name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    items = (RegionViewSet, MunicipalityViewSet, ProjectWorkshopViewSet)
    menu_icon = "site"
    menu_label = _("Places and projects")
    menu_name = "case-study-places"


register_snippet(PlacesViewSetGroup)
