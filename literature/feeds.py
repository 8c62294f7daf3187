"""RSS of new literature, for the whole library or any filtered selection of it."""

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from pluginnovation.openweb.feeds import feed_date, feed_response
from pluginnovation.openweb.hosts import page_full_url

FEED_ITEMS = 50


def literature_feed(index, request, listing):
    """Newest additions first: what a subscriber wants to hear about is what is new."""
    filters = listing.filters
    query = f"?{filters.query_string}" if filters.query_string else ""
    pages = listing.results.defer_streamfields().order_by("-first_published_at", "-pk")[:FEED_ITEMS]
    title = index.title
    if filters.is_active:
        title = f"{index.title}: {', '.join(str(chosen.label) for chosen in filters.chosen)}"
    index_url = page_full_url(index, request)
    feed = Rss201rev2Feed(
        title=title,
        link=index_url + query,
        description=_("New entries in the PlugInnovation literature library."),
        language=index.locale.language_code,
        # The normalised selection, not the query string as typed.
        feed_url=f"{index_url}feed/{query}",
    )
    for page in pages:
        url = page_full_url(page, request)
        feed.add_item(
            title=page.title,
            link=url,
            description=f"{', '.join(page.authors_list)} ({page.year}). {page.summary}",
            # When the entry was published, if the page says; never a load or import date.
            pubdate=feed_date(getattr(page, "publication_date", None)),
            unique_id=url,
        )
    return feed_response(feed)
