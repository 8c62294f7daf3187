"""Publishing schedules that say their time zone and ask before a past time publishes at once.

Times in the admin are the site's time (settings.TIME_ZONE, Europe/Stockholm); the schedule
fields say so. Publishing with a go-live time that has already passed would make the page
live at once, which is seldom what the editor who typed that time meant: the first attempt is
refused with a message saying so, and publishing again with the same time confirms it. The
confirmation travels in a hidden field, so it works without JavaScript.
"""

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

CONFIRM_FIELD = "publish_past_go_live"


def zone_help():
    return _("Swedish time (%(zone)s).") % {"zone": settings.TIME_ZONE}


class SchedulingFormMixin:
    """For page forms (`EditorialPageForm`): the zone on the schedule fields, and the
    question before a go-live time in the past publishes the page at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[name].help_text = zone_help()
        if "go_live_at" in self.fields:
            self.fields[CONFIRM_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        self.ask_before_publishing_in_the_past()
        return cleaned_data

    def ask_before_publishing_in_the_past(self):
        go_live_at = self.cleaned_data.get("go_live_at")
        if not (go_live_at and self.data.get("action-publish")) or go_live_at > timezone.now():
            return
        confirmation = go_live_at.isoformat()
        if self.cleaned_data.get(CONFIRM_FIELD) == confirmation:
            return
        # The form comes back with the confirmation in it: publishing again says yes.
        self.data = self.data.copy()
        self.data[CONFIRM_FIELD] = confirmation
        shown = formats.date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
        self.add_error(
            "go_live_at",
            forms.ValidationError(
                _(
                    "The go-live time %(time)s (%(zone)s) has already passed: publishing "
                    "now makes the page live at once. Publish again to confirm, or change "
                    "or clear the time."
                ),
                code="past_go_live",
                params={"time": shown, "zone": settings.TIME_ZONE},
            ),
        )
