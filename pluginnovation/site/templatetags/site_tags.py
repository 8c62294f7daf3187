from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import richtext

from pluginnovation.cache import remember
from pluginnovation.metadata import page_family
from pluginnovation.models import HomePage, SiteNavigation
from pluginnovation.templatetags.metadata_tags import is_remembered_page, page_key

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
    if is_remembered_page(request, page):
        return remember(
            f"page-languages:{page_key(request, page)}", lambda: _page_languages(context)
        )
    return _page_languages(context)


def _page_languages(context):
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
        if not available and is_page and code != active:
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
                "absolute_url": request.build_absolute_uri(url),
                "available": available,
                "current": code == active,
            }
        )
    return languages


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The menu and footer of the active language, as links; remembered until the next edit."""
    request = context["request"]

    def links(items):
        return [
            {"url": item.page.get_url(request), "text": item.text, "page_id": item.page_id}
            for item in items.all()
        ]

    def navigation():
        found = SiteNavigation.for_active_locale()
        if found is None:
            return {"menu_items": [], "footer_text": "", "footer_links": []}
        return {
            "menu_items": links(found.menu_items),
            "footer_text": richtext(found.footer_text) if found.footer_text else "",
            "footer_links": links(found.footer_links),
        }

    return remember(f"navigation:{translation.get_language()}:{request.get_host()}", navigation)


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]
    language = translation.get_language()

    def url():
        home = HomePage.objects.live().filter(locale__language_code=language).first()
        return home.get_url(request) if home else "/"

    return remember(f"home-url:{language}:{request.get_host()}", url)


class RememberedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            # A preview shows a draft: never remembered, never served from what was.
            return self.nodelist.render(context)
        parts = [self.name, translation.get_language(), request.get_host()]
        parts += [str(variable.resolve(context)) for variable in self.vary_on]
        return remember(":".join(parts), lambda: self.nodelist.render(context))


@register.tag
def remember_fragment(parser, token):
    """`{% remember_fragment "name" var1 var2 %}…{% endremember_fragment %}`

    The enclosed HTML, rendered once per content version, language, host and the values of
    the variables named (which must say everything else it depends on). Only for what is the
    same for every reader: never a CSP nonce, a CSRF token or anything about the user. Page
    previews (drafts) are always rendered afresh.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endremember_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return RememberedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
