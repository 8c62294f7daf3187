from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pluginnovation.accounts import twofactor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return twofactor.admin_urls()


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Account page: anyone may set up (or renew) their second factor."""
    return {
        "url": reverse("pluginnovation_2fa_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app and get new backup codes."),
    }
