from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_literature_section(context):
    """The home page\'s "Examples of literature" section.

    Hidden while there is nothing to show.
    """
    return {"slug": "literature", "title": _("Examples of literature"), "items": []}
