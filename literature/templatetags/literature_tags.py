from urllib.parse import quote

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from literature.models import LiteratureIndexPage, LiteraturePage
from pluginnovation.site.html import html_format, html_join
from pluginnovation.site.pages import index_of_language

register = template.Library()
HOME_ITEMS = 3


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_literature_section(context):
    """The home page's "Examples of literature": chosen entries first, then the newest.

    Hidden while there is nothing to show.
    """
    request = context.get("request")
    language = translation.get_language()
    entries = (
        LiteraturePage.objects.live()
        .public()
        .in_language(language)
        .defer_streamfields()
        .order_by("-featured", "-year", "-first_published_at")[:HOME_ITEMS]
    )
    items = [
        {
            "url": entry.get_url(request),
            "title": entry.title,
            # The title is in the work's language (Hattie's book keeps its English title).
            "lang": entry.work_language if entry.work_language != language else "",
            "meta": f"{'; '.join(entry.authors_list)} ({entry.year})",
            "text": entry.summary,
        }
        for entry in entries
    ]
    index = index_of_language(request, LiteratureIndexPage)
    return {
        "slug": "literature",
        "title": _("Examples of literature"),
        "items": items,
        "more_url": index.get_url(request) if index else "",
        "more_text": _("Browse the whole library"),
    }


@register.simple_tag
def tag_list(tags, base_url=""):
    """An entry's tags as links to the library narrowed to each (`?tag=…`), with `lang` on a
    label in the other language. Written here rather than in an included template: the
    library's listing draws some eighty of them on every page of results."""
    if not tags:
        return ""
    language = translation.get_language()

    def lang(tag):
        written_in = tag.label_language_in(language)
        return "" if written_in == language else html_format(' lang="{}"', written_in)

    items = html_join(
        "",
        '<li><a href="{}?tag={}"{}>{}</a></li>',
        ((base_url, quote(tag.slug), lang(tag), tag.label_in(language)) for tag in tags),
    )
    return html_format('<ul class="tag-list" aria-label="{}">{}</ul>', _("Tags"), items)
