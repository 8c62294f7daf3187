from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knowledge.models import ArticlePage, KnowledgeIndexPage
from pluginnovation.site.pages import index_of_language
from pluginnovation.site.taxonomy import success_factors, tagged_counts

register = template.Library()
HOME_ITEMS = 3


def knowledge_index(request):
    """The knowledge index of the active language, looked up once per request and language:
    the home page's hero, its success factors and its research summaries all link to it."""
    return index_of_language(request, KnowledgeIndexPage)


@register.simple_tag(takes_context=True)
def knowledge_index_url(context):
    """The address of "Kunskap" in the active language, or "" while there is none."""
    request = context.get("request")
    index = knowledge_index(request)
    return index.get_url(request) if index else ""


def counted(model, count):
    """ "3 articles", "1 case study": the page type's own name, in the active language."""
    name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
    return f"{count} {name}"


@register.inclusion_tag("components/home_section.html", takes_context=True)
def home_research_summary_section(context):
    """The home page's "Examples of research summaries" section.

    The research summaries the editors chose on the knowledge index page, or else the latest.
    Hidden while there is nothing to show.
    """
    request = context.get("request")
    language = get_language()
    index = knowledge_index(request)
    summaries = (
        ArticlePage.objects.live()
        .public()
        .in_language(language)
        .filter(kind="research_summary")
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
    """The home page's five success factors, each with its pictogram and how much the home
    page's language holds about it (articles, case studies …, counted in one query); hidden
    without any."""
    request = context.get("request")
    # The factors of the knowledge index's language (they are its children); the index comes
    # with the other sections' indexes, read once per request.
    index = knowledge_index(request)
    factors = list(success_factors(index.locale_id)) if index else []
    counts = tagged_counts(context["page"]) if factors else {}
    for factor in factors:
        factor.tagged_counts = [
            counted(model, count) for model, count in counts.get(str(factor.translation_key), [])
        ]
    return {
        "request": request,
        "factors": factors,
        "more_url": index.get_url(request) if index else "",
    }
