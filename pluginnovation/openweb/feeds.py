"""RSS responses, each feed written once per content version."""

from django.http import HttpResponse

from .cache import remember_for_host


def remembered_feed(request, name, build_feed):
    """The response for `build_feed()` (a `SyndicationFeed`), remembered until the next edit.

    `name` must say everything the feed depends on besides content, language and host (the
    index, the normalised selection); its links must not echo the raw query string.
    """
    xml = remember_for_host(request, f"feed:{name}", lambda: build_feed().writeString("utf-8"))
    return HttpResponse(xml, content_type="application/rss+xml; charset=utf-8")
