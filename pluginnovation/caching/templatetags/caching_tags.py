from django import template

from pluginnovation.caching.cache import content_version as current_content_version

register = template.Library()


@register.simple_tag
def content_version():
    """`{% content_version as content_version %}`: the version of the content a request reads.

    For the fragments of the site's base template, cached with Wagtail's `{% wagtailcache %}`
    and varying on it, so that a committed edit leaves every kept fragment behind (they
    expire). See "Page cache" in README.md.
    """
    return current_content_version()
