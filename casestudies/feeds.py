"""RSS feeds of the newest case studies, for the whole index or any filtered selection."""

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from pluginnovation.feeds import remembered_feed

from .models import CaseStudyPage

FEED_LENGTH = 20


def case_study_feed(index, request, case_filter):
    query = case_filter.query_string()
    return remembered_feed(
        request,
        f"case-studies:{index.pk}:{query}",
        lambda: _feed(index, request, case_filter, query),
    )


def _feed(index, request, case_filter, query):
    pks = [row.pk for row in case_filter.results()]
    pages = (
        CaseStudyPage.objects.filter(pk__in=pks)
        .select_related("municipality__region")
        .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
    )
    title = _("Case studies – PlugInnovation")
    labels = [facet.selected_label for facet in case_filter.facets() if facet.selected_label]
    if labels:
        title = f"{title} ({', '.join(str(label) for label in labels)})"
    link = index.get_full_url(request) + (f"?{query}" if query else "")
    feed = Rss201rev2Feed(
        title=title,
        link=link,
        description=index.introduction or title,
        language=index.locale.language_code,
        # The normalised selection, not the query string as typed.
        feed_url=f"{index.get_full_url(request)}feed/" + (f"?{query}" if query else ""),
    )
    for page in pages:
        feed.add_item(
            title=f"{page.title} ({page.municipality.name})",
            link=page.get_full_url(request),
            description=page.summary,
            pubdate=page.first_published_at,
            unique_id=page.get_full_url(request),
            categories=[page.municipality.region.name, page.get_round_display()],
        )
    return feed
