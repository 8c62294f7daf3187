"""RSS feeds of the newest case studies, for the whole index or any filtered selection."""

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from pluginnovation.openweb.feeds import feed_date, feed_response
from pluginnovation.openweb.hosts import page_full_url

FEED_LENGTH = 20


def case_study_feed(index, request, listing):
    """The newest case studies of the selection (`filters.CaseStudyListing`)."""
    filters = listing.filters
    query = f"?{filters.query_string}" if filters.query_string else ""
    pages = (
        listing.results.defer_streamfields()
        .select_related("municipality__region")
        .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
    )
    title = _("Case studies – PlugInnovation")
    if filters.chosen:
        title = f"{title} ({', '.join(str(chosen.label) for chosen in filters.chosen)})"
    index_url = page_full_url(index, request)
    feed = Rss201rev2Feed(
        title=title,
        link=index_url + query,
        description=index.introduction or title,
        language=index.locale.language_code,
        # The normalised selection, not the query string as typed.
        feed_url=f"{index_url}feed/{query}",
    )
    for page in pages:
        url = page_full_url(page, request)
        feed.add_item(
            title=f"{page.title} ({page.municipality.name})",
            link=url,
            description=page.summary,
            # The case study's own date, if it has one; never the date it was loaded.
            pubdate=feed_date(getattr(page, "publication_date", None)),
            unique_id=url,
            categories=[page.municipality.region.name, page.get_round_display()],
        )
    return feed_response(feed)
