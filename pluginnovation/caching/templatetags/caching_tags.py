from django import template

from pluginnovation.caching import cache

register = template.Library()


@register.simple_tag
def content_version():
    """`{% content_version as content_version %}`: the version of the content a request reads.

    For the fragments of the site's base template, cached with Wagtail's `{% wagtailcache %}`
    and varying on it, so that a committed edit leaves every kept fragment behind (they
    expire). See "Page cache" in README.md.
    """
    return cache.content_version()


@register.simple_tag
def fragment_seconds():
    """`{% fragment_seconds as fragment_seconds %}`: how long the base template's fragments are
    kept, as long as the memos of the same content version (`FRAGMENT_SECONDS`)."""
    return cache.FRAGMENT_SECONDS
