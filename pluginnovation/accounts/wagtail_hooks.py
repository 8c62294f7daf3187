from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import policy_registry

from pluginnovation.accounts.admin_language import admin_language_js
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


def _may_publish(request, instance):
    policy = policy_registry.get(instance)
    if not isinstance(policy, LanguagePermissionPolicy):
        return True
    return policy.user_has_permission_for_instance(request.user, "publish", instance)


@hooks.register("construct_snippet_action_menu")
def snippet_publish_follows_the_language_rule(menu_items, request, context):
    """Wagtail offers Publish on the model permission; a language's snippet needs more. Without
    it the editor keeps Save draft and Submit for review (as on a page of that language)."""
    instance = context.get("instance")
    if instance is None or instance.pk is None or _may_publish(request, instance):
        return
    menu_items[:] = [
        item for item in menu_items if item.name not in {"action-publish", "action-unpublish"}
    ]


def _refuse_publishing(request, instance, message):
    if _may_publish(request, instance):
        return None
    messages.error(request, message % {"language": instance.locale.get_display_name()})
    opts = instance._meta
    return redirect(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", instance.pk)


@hooks.register("before_publish")
def publishing_follows_the_language_rule(request, instance):
    # Runs after the edit view has saved the changes as a draft.
    message = _(
        "Only someone who publishes pages in this language (%(language)s) may publish its "
        "navigation and footer. Your changes are saved as a draft: submit them for review."
    )
    return _refuse_publishing(request, instance, message)


@hooks.register("before_unpublish")
def unpublishing_follows_the_language_rule(request, instance):
    message = _(
        "Only someone who publishes pages in this language (%(language)s) may unpublish its "
        "navigation and footer."
    )
    return _refuse_publishing(request, instance, message)


@hooks.register("insert_global_admin_js")
def admin_language_script():
    """The admin's words that Wagtail's bundles fix in English, in the editor's language."""
    return admin_language_js()
