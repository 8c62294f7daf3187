"""RSS of new literature, for the whole library or any filtered selection of it."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from pluginnovation.feeds import remembered_feed

FEED_ITEMS = 50


def literature_feed(index, request, browse):
    """Newest additions first: what a subscriber wants to hear about is what is new."""
    return remembered_feed(
        request,
        f"literature:{index.pk}:{browse.filter_query}",
        lambda: _feed(index, request, browse),
    )


def _feed(index, request, browse):
    ids = [entry["pk"] for entry in browse.results]
    pages = (
        browse.entry_queryset()
        .filter(pk__in=ids)
        .order_by("-first_published_at", "-pk")[:FEED_ITEMS]
    )
    title = index.title
    if browse.is_filtered:
        labels = ", ".join(option.label for option in browse.active_filters())
        years = "–".join(str(year) for year in (browse.year_from, browse.year_to) if year)
        title = f"{index.title}: {', '.join(part for part in (labels, years) if part)}"
    feed = Rss201rev2Feed(
        title=title,
        link=request.build_absolute_uri(index.url + browse.filter_query),
        description=_("New entries in the PlugInnovation literature library."),
        language=index.locale.language_code,
        # The normalised selection, not the query string as typed.
        feed_url=index.get_full_url(request) + "feed/" + browse.filter_query,
    )
    for page in pages:
        feed.add_item(
            title=page.title,
            link=page.get_full_url(request),
            description=f"{', '.join(page.authors_list)} ({page.year}). {page.summary}",
            pubdate=page.first_published_at
            or timezone.make_aware(datetime.datetime(page.year, 1, 1)),
            unique_id=page.get_full_url(request),
        )
    return feed
