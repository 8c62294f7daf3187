from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import policy_registry

from pluginnovation.accounts.permissions import LanguagePermissionPolicy


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Account page: anyone may set up (or renew) their second factor."""
    return {
        "url": reverse("pluginnovation_2fa_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app and get new backup codes."),
    }


def _language_rule(request, instances, action):
    """Wagtail's snippet views check the model permission only; a language's snippet needs more."""
    for instance in instances:
        policy = policy_registry.get(instance)
        if isinstance(policy, LanguagePermissionPolicy) and not (
            policy.user_has_permission_for_instance(request.user, action, instance)
        ):
            messages.error(
                request,
                _(
                    "Only someone who publishes pages in this language (%(language)s) may "
                    "change its navigation and footer. Ask an editor."
                )
                % {"language": instance.locale.get_display_name()},
            )
            opts = instance._meta
            return redirect(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:list")
    return None


@hooks.register("before_edit_snippet")
def snippet_edit_follows_the_language_rule(request, instance):
    return _language_rule(request, [instance], "change")


@hooks.register("before_delete_snippet")
def snippet_delete_follows_the_language_rule(request, instances):
    return _language_rule(request, instances, "delete")
