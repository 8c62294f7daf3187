from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from pluginnovation.site.html import html_format, html_join

# What a listing's tags write: labels from editors and imports, safe markup, lazy
# translations and numbers.
VALUES = [
    '<script>alert("x")</script>',
    "Barn & unga 'i' skolan",
    mark_safe('<span class="count">3</span>'),
    gettext_lazy("Region"),
    12,
    1.5,
    None,
    "",
]
FORMAT = '<li data-x="{}">{}</li>'


def test_html_join_writes_what_format_html_join_writes():
    rows = [(value, other) for value in VALUES for other in VALUES]
    with override("sv"):
        ours = html_join("\n", FORMAT, rows)
        django_s = format_html_join("\n", FORMAT, rows)
    assert ours == django_s
    assert isinstance(ours, SafeString)
    assert "<script>" not in ours
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in ours
    assert "&amp; unga &#x27;i&#x27;" in ours
    assert '<span class="count">3</span>' in ours  # markup stays markup


def test_html_format_writes_what_format_html_writes():
    for value in VALUES:
        assert html_format(' lang="{}"', value) == format_html(' lang="{}"', value)
    assert isinstance(html_format("{}", "a"), SafeString)


def test_the_separator_is_escaped_unless_safe():
    assert html_join("<br>", "{}", [("a",), ("b",)]) == "a&lt;br&gt;b"
    assert html_join(mark_safe("<br>"), "{}", [("a",), ("b",)]) == "a<br>b"
