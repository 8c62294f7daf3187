from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_news_section(context):
    """The home page\'s "News" section.

    Hidden while there is nothing to show.
    """
    return {"slug": "news", "title": _("News"), "items": []}
