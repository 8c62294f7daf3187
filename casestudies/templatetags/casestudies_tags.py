from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_case_study_section(context):
    """The home page\'s "Examples of case studies" section.

    Hidden while there is nothing to show.
    """
    return {"slug": "case-studies", "title": _("Examples of case studies"), "items": []}
