"""The admin's words that Wagtail and wagtail-localize write into their JavaScript bundles.

Most of the admin is translated through the catalogues (ours in LOCALE_PATHS take precedence
over the packages'), but a few words are fixed English inside the bundles: the search forms'
hidden submit button ("Search"), the translation editor's heading ("Svenska to English
translation") and its "More actions" button, and the dates it prints with the server's C locale
("4 December 2026"). A small script puts the editor's language in their place.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.dates import MONTHS
from django.utils.html import format_html, json_script
from django.utils.translation import get_language_info, gettext

ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def admin_words():
    """What the script needs, in the active language."""
    return {
        "replace": {
            "Search": gettext("Search"),
            "More actions": gettext("More actions"),
        },
        "translationHeading": gettext("%(source)s to %(target)s translation"),
        "languages": {
            code: get_language_info(code)["name_translated"] for code, _name in settings.LANGUAGES
        },
        # wagtail-localize prints dates with strftime("%-d %B %Y"), always in English.
        "months": dict(zip(ENGLISH_MONTHS, (str(month) for month in MONTHS.values()), strict=True)),
    }


def admin_language_js():
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(admin_words(), "admin-language-words"),
        static("js/admin-language.js"),
    )
