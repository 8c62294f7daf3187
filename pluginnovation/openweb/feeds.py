"""RSS responses: one helper, so every feed is sent the same way."""

import datetime

from django.http import HttpResponse


def feed_response(feed):
    """The response for a `SyndicationFeed`, written as one string.

    One bytes object instead of the many small chunks the writer produces: quicker to store in
    the page cache and sent in one write.
    """
    xml = feed.writeString("utf-8")
    return HttpResponse(xml, content_type="application/rss+xml; charset=utf-8")


def feed_date(value):
    """A feed item's date from a page's `publication_date` (a date or None): a date becomes
    midnight UTC; None stays None, and the item goes without a date."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
