from django import template
from django.utils import translation
from wagtail.models import Page

from pluginnovation.cache import remember
from pluginnovation.metadata import page_metadata as gather_page_metadata

register = template.Library()


def is_remembered_page(request, page):
    """A published page, shown as it is live: the same for every reader until the next edit."""
    return (
        isinstance(page, Page) and page.pk is not None and not getattr(request, "is_preview", False)
    )


def page_key(request, page):
    language = translation.get_language()
    return f"{page.pk}:{language}:{request.scheme}://{request.get_host()}"


@register.inclusion_tag("components/page_metadata.html", takes_context=True)
def page_metadata(context):
    """Canonical URL, description, link previews and JSON-LD for the page being shown."""
    request, page = context["request"], context.get("page")
    if is_remembered_page(request, page):
        return remember(
            f"page-metadata:{page_key(request, page)}",
            lambda: gather_page_metadata(request, page),
        )
    return gather_page_metadata(request, page)
