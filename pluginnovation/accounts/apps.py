from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pluginnovation.accounts"
    label = "pluginnovation_accounts"
    verbose_name = _("Accounts and security")

    def ready(self):
        from pluginnovation.accounts.permissions import register_policies

        register_policies()
