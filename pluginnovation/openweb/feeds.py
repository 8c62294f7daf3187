"""RSS responses: one helper, so every feed is sent the same way."""

from django.http import HttpResponse


def feed_response(feed):
    """The response for a `SyndicationFeed`, written as one string.

    One bytes object instead of the many small chunks the writer produces: quicker to store in
    the page cache and sent in one write.
    """
    xml = feed.writeString("utf-8")
    return HttpResponse(xml, content_type="application/rss+xml; charset=utf-8")
