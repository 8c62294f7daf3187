from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knowledge.models import ArticlePage, KnowledgeIndexPage, SuccessFactorPage

register = template.Library()
HOME_ITEMS = 3


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_research_summary_section(context):
    """The home page's "Examples of research summaries" section.

    The research summaries the editors chose on the knowledge index page, or else the latest.
    Hidden while there is nothing to show.
    """
    request = context.get("request")
    # A join on the language code rather than a Locale query of its own.
    language = get_language()
    index = (
        KnowledgeIndexPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("pk")
        .first()
    )
    summaries = (
        ArticlePage.objects.live()
        .public()
        .filter(locale__language_code=language, kind="research_summary")
        .defer_streamfields()
    )
    chosen = []
    if index:
        chosen_ids = list(
            index.home_research_summaries.order_by("sort_order").values_list(
                "article_id", flat=True
            )
        )
        found = {page.pk: page for page in summaries.filter(pk__in=chosen_ids)}
        chosen = [found[pk] for pk in chosen_ids if pk in found]
    articles = chosen or list(summaries.order_by(*ArticlePage.reader_order())[:HOME_ITEMS])
    items = [
        {
            "url": article.get_url(request),
            "title": article.title,
            "meta": (
                date_format(article.publication_date, "j F Y") if article.publication_date else ""
            ),
            "text": article.lead,
        }
        for article in articles
    ]
    return {
        "slug": "research-summaries",
        "title": _("Examples of research summaries"),
        "items": items,
        "more_url": f"{index.get_url(request)}?kind=research_summary" if index else "",
        "more_text": _("All research summaries"),
    }


@register.inclusion_tag("knowledge/includes/home_factors.html", takes_context=True)
def home_success_factor_section(context):
    """The home page's five success factors, each with its pictogram; hidden without any."""
    request = context.get("request")
    language = get_language()
    factors = list(
        SuccessFactorPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .defer_streamfields()
        .order_by("path")
    )
    index = factors[0].get_parent() if factors else None
    return {
        "request": request,
        "factors": factors,
        "more_url": index.get_url(request) if index else "",
    }
