from django import template

from pluginnovation.openweb.metadata import page_metadata as gather_page_metadata

register = template.Library()


@register.inclusion_tag("components/page_metadata.html", takes_context=True)
def page_metadata(context):
    """Canonical URL, description, link previews and JSON-LD for the page being shown."""
    return gather_page_metadata(context["request"], context.get("page"))
