"""Searchable choosers for places and workshops.

Wagtail's snippet chooser offers a search box only for models in the search index, and these
are not indexed: a few hundred rows, looked up by name or code. So the chooser searches the
database with the viewset's `search_fields`, as the snippet listing already does, and needs no
index to keep up to date.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.admin.forms.choosers import SearchFilterMixin
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


class DatabaseSearchMixin(SearchFilterMixin):
    """Wagtail's search field ("q"), matched with `icontains` on `search_fields`."""

    search_fields = ()

    def filter(self, objects):
        # Skip SearchFilterMixin.filter, which asks the search backend.
        objects = super(SearchFilterMixin, self).filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            matches = [Q(**{f"{field}__icontains": query}) for field in self.search_fields]
            objects = objects.filter(reduce(or_, matches))
            self.is_searching = True
            self.search_query = query
        return objects


class SearchableChooseMixin:
    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        fields = self.model.snippet_viewset.search_fields
        if not fields:
            return form_class
        return type("FilterForm", (DatabaseSearchMixin, form_class), {"search_fields": fields})


class SearchableChooseView(SearchableChooseMixin, ChooseView):
    pass


class SearchableChooseResultsView(SearchableChooseMixin, ChooseResultsView):
    pass


class SearchableChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SearchableChooseView
    choose_results_view_class = SearchableChooseResultsView
