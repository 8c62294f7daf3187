from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import importer, views
from .models import LiteratureTag


class TagIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("literature.delete_literaturetag"):
            buttons.append(
                HeaderButton(_("Merge tags"), url=reverse("literature_tag_merge"), icon_name="tag")
            )
        return buttons


class LiteratureTagViewSet(SnippetViewSet):
    """Rename a tag, give it its English label or move it to another taxonomy."""

    model = LiteratureTag
    index_view_class = TagIndexView
    icon = "tag"
    menu_label = _("Literature tags")
    url_prefix = "literature/tags"
    url_namespace = "literature_tags"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "name_en", "taxonomy", "slug"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "name_en"]
    ordering = ["taxonomy", "name"]


register_snippet(LiteratureTagViewSet)


@hooks.register("register_admin_urls")
def literature_admin_urls():
    return [
        path("literature/import/", views.import_view, name="literature_import"),
        path("literature/tags/merge/", views.merge_view, name="literature_tag_merge"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("literature.import_literature")


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import literature"), reverse("literature_import"), icon_name="upload", order=320
    )


@hooks.register("register_log_actions")
def literature_log_actions(actions):
    @actions.register_action(importer.IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        """ "Imported from RIS by Anna Andersson", in page history and site history."""

        label = _("Import from a reference manager")

        def format_message(self, log_entry):
            values = {"format": log_entry.data.get("format") or "RIS/BibTeX"}
            if log_entry.user_id:
                values["user"] = log_entry.user_display_name
                return gettext("Imported from %(format)s by %(user)s") % values
            return gettext("Imported from %(format)s") % values
