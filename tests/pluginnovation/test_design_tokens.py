"""The colour tokens of static/css/site.css: every text colour is readable on the surfaces it
is used on (WCAG 2.1 AA, 4.5:1), in the light scheme and in the dark one."""

import re

import pytest
from django.conf import settings

SITE_CSS = settings.BASE_DIR / "static" / "css" / "site.css"
AA = 4.5

# (text, background) as the components pair them.
PAIRS = [
    ("--color-text", "--color-surface"),
    ("--color-text", "--color-surface-alt"),
    ("--color-text", "--color-surface-brand"),
    ("--color-text", "--color-info-surface"),
    ("--color-muted", "--color-surface"),
    ("--color-muted", "--color-surface-alt"),
    ("--color-muted", "--color-surface-brand"),
    ("--color-link", "--color-surface"),
    ("--color-link", "--color-surface-alt"),
    ("--color-link", "--color-surface-brand"),
    ("--color-link-hover", "--color-surface"),
    ("--color-brand", "--color-surface"),
    ("--color-brand", "--color-surface-alt"),
    ("--color-brand", "--color-surface-brand"),
    ("--color-on-brand", "--color-brand"),
    ("--color-surface", "--color-link"),  # buttons
    ("--color-focus-text", "--color-focus"),  # the skip link
    ("--color-mark-text", "--color-mark"),  # highlighted search words
    ("--color-success", "--color-success-surface"),
    ("--color-warning", "--color-warning-surface"),
    ("--color-error", "--color-error-surface"),
    ("--color-info", "--color-info-surface"),
]


def declarations(block):
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))


def schemes():
    css = SITE_CSS.read_text()
    light = declarations(re.search(r":root\s*{(.*?)\n}", css, re.S).group(1))
    dark_block = re.search(
        r"@media \(prefers-color-scheme: dark\)\s*{\s*:root\s*{(.*?)}\s*}", css, re.S
    )
    return {"light": light, "dark": {**light, **declarations(dark_block.group(1))}}


def resolve(tokens, name):
    value = tokens[name].strip()
    while value.startswith("var("):
        value = tokens[value[4:-1].strip()].strip()
    return value


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_and_surface_pair_meets_aa(scheme):
    tokens = schemes()[scheme]
    failing = []
    for text, background in PAIRS:
        ratio = contrast(resolve(tokens, text), resolve(tokens, background))
        if ratio < AA:
            failing.append(f"{text} on {background}: {ratio:.2f}")
    assert failing == []


def test_dark_scheme_changes_the_surfaces():
    light, dark = schemes()["light"], schemes()["dark"]
    assert luminance(resolve(dark, "--color-surface")) < luminance(
        resolve(light, "--color-surface")
    )
    assert luminance(resolve(dark, "--color-text")) > luminance(resolve(dark, "--color-surface"))
