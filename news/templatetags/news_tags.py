from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from news.models import NewsIndexPage
from pluginnovation.openweb.hosts import page_full_url
from pluginnovation.site.pages import index_of_language

register = template.Library()


def news_index(request):
    """The news index of the active language, looked up once per request and language: the
    head's feed link and the home page's section both need it."""
    return index_of_language(request, NewsIndexPage)


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_news_section(context):
    """The home page's "News" section: the three latest items of the active language.

    Hidden while there is nothing to show.
    """
    request = context.get("request")
    index = news_index(request)
    items = []
    if index:
        for item in index.news()[:3]:
            items.append(
                {
                    "url": item.get_url(request),
                    "title": item.title,
                    "meta": (
                        date_format(item.publication_date, "j F Y") if item.publication_date else ""
                    ),
                    "text": item.lead,
                }
            )
    return {
        "slug": "news",
        "title": _("News"),
        "items": items,
        "more_url": index.get_url(request) if index else "",
        "more_text": _("All news"),
    }


@register.inclusion_tag("news/includes/feed_link.html", takes_context=True)
def news_feed_link(context, index=None):
    """The `<link rel="alternate">` to the news feed of `index` (by default the active
    language's), in the head of the home page and of the news pages.

    Not in every page's head: finding the news index was a query of its own on every other
    page (about 3 ms right after an edit), and the library and the case studies announce
    their own feeds there instead.
    """
    if index is None:
        index = news_index(context.get("request"))
    return {
        "url": page_full_url(index, context.get("request")) + "feed/" if index else "",
        "title": index.title if index else "",
    }
