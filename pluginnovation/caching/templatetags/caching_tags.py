from django import template
from django.utils import translation

from pluginnovation.caching.cache import FRAGMENT_SECONDS, fragment_key, may_cache_fragments
from pluginnovation.caching.cache import page_cache as cache

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        if not may_cache_fragments(request):
            return self.nodelist.render(context)
        key = fragment_key(self.name, request, translation.get_language(), request.get_full_path())
        html = cache().get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache().set(key, html, FRAGMENT_SECONDS)
        return html


@register.tag
def page_fragment(parser, token):
    """`{% page_fragment "name" %}…{% endpage_fragment %}`: the HTML of one address, cached.

    Kept per content version, host, language and full path, so it holds only what is the same
    for every reader of that address: never a CSP nonce, a CSRF token or anything about the
    user. Previews (drafts) are always rendered afresh. Used by the site's base template only:
    the page cache (`PageCacheMiddleware`) serves anonymous readers whole pages, and this
    spares readers with a cookie (editors, say) the rendering between edits. A restricted
    page is still checked by Wagtail before anything is rendered.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, bits[1].strip("\"'"))
