from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_research_summary_section(context):
    """The home page\'s "Examples of research summaries" section.

    Hidden while there is nothing to show.
    """
    return {"slug": "research-summaries", "title": _("Examples of research summaries"), "items": []}
