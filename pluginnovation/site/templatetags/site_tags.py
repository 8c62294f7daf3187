from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import richtext

from pluginnovation.openweb.hosts import absolute_url
from pluginnovation.openweb.metadata import is_public, page_family
from pluginnovation.site.factor_icons import icon_for
from pluginnovation.site.html import html_format, html_join
from pluginnovation.site.models import HomePage, SiteNavigation

register = template.Library()


def _home_pages_by_language():
    return {
        home.locale.language_code: home for home in HomePage.objects.live().select_related("locale")
    }


@register.simple_tag(takes_context=True)
def page_languages(context):
    """Where each language version of what is shown lives.

    One entry per site language, in settings order: the live translation of the current page
    when there is one (`available`); for a page without one, a notice in that language that
    links back to the page; otherwise that language's home page. Views that are not pages may
    put a `translation_urls` dict (language code -> path) in the context.
    """
    request = context["request"]
    page = context.get("page")
    active = translation.get_language()
    urls = {}
    is_page = isinstance(page, Page) and page.pk
    if is_page:
        for version in page_family(request, page)[1]:
            urls[version.locale.language_code] = version.get_url(request)
    else:
        urls.update(context.get("translation_urls") or {})

    homes = None
    languages = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        available = url is not None
        # The notice is public; a restricted page's other language is its home page.
        if not available and is_page and code != active and is_public(page, request):
            with translation.override(code):
                url = reverse("untranslated", args=[page.pk])
        elif not available:
            if homes is None:
                homes = _home_pages_by_language()
            home = homes.get(code)
            url = home.get_url(request) if home else ("/" if code == "sv" else f"/{code}/")
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": absolute_url(url, request),
                "available": available,
                "current": code == active,
            }
        )
    return languages


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The menu and footer of the active language, as links."""
    request = context["request"]

    def links(pairs):
        return [
            {"url": page.get_url(request), "text": text, "page_id": page.pk} for page, text in pairs
        ]

    found = SiteNavigation.published_links()
    if found is None:
        return {"menu_items": [], "footer_text": "", "footer_links": []}
    footer_text, menu_items, footer_links = found
    return {
        "menu_items": links(menu_items),
        "footer_text": richtext(footer_text) if footer_text else "",
        "footer_links": links(footer_links),
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    """The start page of the language shown: for a page, the first of its ancestors."""
    request, page = context["request"], context.get("page")
    if isinstance(page, Page) and page.pk:
        ancestors = page_family(request, page)[0]
        if ancestors and ancestors[0].locale.language_code == translation.get_language():
            return ancestors[0].get_url(request)
    home = HomePage.for_language(translation.get_language(), request)
    return home.get_url(request) if home else "/"


@register.simple_tag
def facet_options(facet, id_prefix):
    """The options of one facet (`components/facet_panel.html`), as list items: a checkbox, or
    a radio button where one value may be chosen, labelled with the option's pictogram (a
    success factor's), its label (with `lang` where that is not the page's language) and
    its count.

    Written here rather than in the panel's template: the library's panel holds some ninety
    options, and drawing each from a dozen template lookups took about 3 ms of a page.
    """
    language = translation.get_language()
    input_type = "checkbox" if facet.multiple else "radio"
    icons = {}

    def icon(slug):
        if slug and slug not in icons:
            context = factor_icon(slug=slug, size=20, named=False)
            icons[slug] = render_to_string("components/factor_icon.html", context)
        return icons.get(slug, "")

    def fields(option):
        input_id = f"{id_prefix}-{facet.key}-{slugify(option.value)}"
        return (
            input_type,
            input_id,
            facet.name,
            option.value,
            mark_safe(" checked") if option.selected else "",
            input_id,
            icon(option.icon),
            html_format(' lang="{}"', option.lang)
            if option.lang and option.lang != language
            else "",
            option.label,
            html_format(' <span class="facet__count">({})</span>', option.count)
            if option.count is not None
            else "",
        )

    return html_join(
        "\n",
        '<li>\n<input type="{}" id="{}" name="{}" value="{}"{}>\n'
        '<label for="{}">{}<span{}>{}</span>{}</label>\n</li>',
        (fields(option) for option in facet.visible_options),
    )


@register.simple_tag
def chart_marks(chart):
    """The bars of a chart (`components/bar_chart.html`) as SVG: each bar with its label and
    value as a tooltip, and, on a bar chart, the label above it and the value at its end.

    Written here rather than in the template, as `facet_options` is: the library's year chart
    draws a column per year. Coordinates are plain Python numbers ("1.5" in every language).
    """
    marks = (
        '<rect class="chart__bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
    )
    labelled = chart.kind == "bars"
    if labelled:
        marks += (
            '\n<text class="chart__label" x="0" y="{}">{}</text>'
            '\n<text class="chart__value" x="{}" y="{}">{}</text>'
        )

    def fields(drawn):
        bar = (drawn.x, drawn.y, drawn.width, drawn.height, drawn.bar.label, drawn.bar.value)
        if not labelled:
            return bar
        return bar + (drawn.label_y, drawn.bar.label, drawn.text_x, drawn.text_y, drawn.bar.value)

    return html_join("\n", marks, map(fields, chart.drawn()))


@register.simple_tag
def chart_rows(chart):
    """The figures of a chart as table rows: its label (a link where it leads to a filter) and
    its value."""
    return html_join(
        "\n",
        '<tr><th scope="row">{}</th><td>{}</td></tr>',
        (
            (
                html_format('<a href="{}">{}</a>', bar.url, bar.label) if bar.url else bar.label,
                bar.value,
            )
            for bar in chart.bars
        ),
    )


@register.inclusion_tag("components/factor_icon.html")
def factor_icon(factor=None, size=24, named=True, size_class="", slug=""):
    """The pictogram of a success factor (or of the factor with `slug`), named after it unless
    `named=False`: when the factor's name is already the text of the same link or label."""
    return {
        "icon": icon_for(factor.slug if factor else slug),
        "size": size,
        "size_class": size_class,
        "label": factor.title if factor and named else "",
    }
