"""Wagtail 8's autosave speaks to editors in words its Swedish catalogue does not have yet.

Listing them here keeps them in our catalogue (locale/sv), which Django reads before any
app's; the words its editor script shows are in locale/sv/LC_MESSAGES/djangojs.po, which
`make translations` leaves alone.
"""

from django.utils.translation import gettext_noop

WAGTAIL_AUTOSAVE_MESSAGES = [
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("There are validation errors, click save to highlight them."),
]
