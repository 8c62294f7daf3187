from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CaseStudyIndexPage, Municipality, ProjectWorkshop, Region
from .roles import EDITORS, PROJECT_LEADS


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


@hooks.register("construct_page_chooser_queryset")
def project_leads_choose_only_published_pages_outside_their_section(pages, request):
    """Project leads must not see other sections' drafts, not even as titles in a chooser."""
    user = request.user
    if user.is_superuser or not user.groups.filter(name=PROJECT_LEADS).exists():
        return pages
    if user.groups.filter(name=EDITORS).exists():
        return pages
    visible = Q(live=True)
    for path in CaseStudyIndexPage.objects.values_list("path", flat=True):
        visible |= Q(path__startswith=path)
    return pages.filter(visible)
