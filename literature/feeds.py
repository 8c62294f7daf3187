"""RSS of new literature, for the whole library or any filtered selection of it."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from pluginnovation.openweb.feeds import feed_response

FEED_ITEMS = 50


def literature_feed(index, request, browse):
    """Newest additions first: what a subscriber wants to hear about is what is new."""
    filters = browse.filters
    query = f"?{filters.query_string}" if filters.query_string else ""
    pages = browse.results.defer_streamfields().order_by("-first_published_at", "-pk")[:FEED_ITEMS]
    title = index.title
    if filters.is_active:
        title = f"{index.title}: {', '.join(str(chosen.label) for chosen in filters.chosen)}"
    index_url = index.get_full_url(request)
    feed = Rss201rev2Feed(
        title=title,
        link=index_url + query,
        description=_("New entries in the PlugInnovation literature library."),
        language=index.locale.language_code,
        # The normalised selection, not the query string as typed.
        feed_url=f"{index_url}feed/{query}",
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
    return feed_response(feed)
