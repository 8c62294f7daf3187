"""Permission policies that narrow Wagtail's own where a role needs it.

- Pages: Wagtail grants page permissions down the tree. A role that works on part of a section
  (a project lead on their own municipality's case studies) narrows that with the
  `pluginnovation_scope_pages` hook: each function gets `(user, pages)` and returns the pages
  the user may work on. The policy applies the hooks wherever Wagtail asks which pages a user
  may edit or explore (explorer, admin search, reports, site history, workflows), the
  permission tester applies them to a single page, and `AdminScopeMiddleware` keeps the
  explorer from opening a page outside them (Wagtail only checks the explorable root).
- Snippets that carry a language (navigation and footer) follow the page rule: a user may
  change a language's snippet only if they may publish that language's home page, so a
  translator edits the English menu but never changes the Swedish one, which is live at once.
"""

from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import AbstractPage, Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from pluginnovation.site.models import SiteNavigation

SCOPE_HOOK = "pluginnovation_scope_pages"
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
EXPLORER_VIEWS = {"wagtailadmin_explore", "wagtailadmin_explore_results"}


def scope_pages(user, pages):
    """The pages among `pages` that this user's roles let them work on at all."""
    if user.is_superuser:
        return pages
    for narrow in hooks.get_hooks(SCOPE_HOOK):
        pages = narrow(user, pages)
    return pages


def in_scope(user, page):
    return scope_pages(user, Page.objects.filter(pk=page.pk)).exists()


class ScopedPagePermissionPolicy(PagePermissionPolicy):
    def instances_user_has_any_permission_for(self, user, actions):
        return scope_pages(user, super().instances_user_has_any_permission_for(user, actions))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and (
            instance.pk is None or in_scope(user, instance)
        )

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not user.is_active or user.is_superuser:
            return pages
        # Wagtail's explorable pages: everything below a permission, and the way down to it.
        workable = self.instances_user_has_any_permission_for(user, EXPLORE_ACTIONS)
        ancestors = Page.objects.none()
        for permission in self.get_cached_permissions_for_user(user):
            ancestors |= Page.objects.ancestor_of(permission.page, inclusive=True)
        return pages.filter(pk__in=(workable | ancestors).values("pk"))


class ScopedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with no permission at all on a page outside the user's scope."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser and page.pk and not in_scope(user, page):
            self.permissions = set()


class AdminScopeMiddleware:
    """The explorer opens only pages the user may explore (else their explorable root).

    Without this, /admin/pages/<id>/ shows any page's title ("Exploring: …"), drafts included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        page_id = view_kwargs.get("parent_page_id")
        if match is None or match.url_name not in EXPLORER_VIEWS or page_id is None:
            return None
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        policy = ScopedPagePermissionPolicy()
        if policy.explorable_instances(user).filter(pk=page_id).exists():
            return None
        root = policy.explorable_root_instance(user)
        if root is None:
            return None  # Wagtail's own check refuses the user
        return redirect(match.url_name, root.pk)


def may_publish_language(user, locale_id):
    """Whether the user may publish pages in this language (its home page decides)."""
    if user.is_superuser:
        return True
    home = Page.objects.filter(depth=2, locale_id=locale_id).first()
    return home is not None and home.permissions_for_user(user).can_publish()


class LanguagePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus the page rule per language for translatable snippets with drafts.

    Viewing and editing (a draft, which nobody sees until it is published) need only the model
    permission; publishing, unpublishing and deleting also need the right to publish pages of
    the snippet's language. So a translator proposes a change to the Swedish menu and submits
    it for review, as with a Swedish page.
    """

    DRAFT_ACTIONS = frozenset({"view", "change", "add", "lock", "unlock"})

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        drafts = actions & self.DRAFT_ACTIONS
        if drafts and self.user_has_any_permission(user, drafts):
            return True
        live = actions - self.DRAFT_ACTIONS
        return (
            bool(live)
            and self.user_has_any_permission(user, live)
            and may_publish_language(user, instance.locale_id)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or self.user_has_any_permission(
            user, set(actions) & self.DRAFT_ACTIONS
        ):
            return instances
        locales = {
            locale_id
            for locale_id in instances.values_list("locale_id", flat=True).distinct()
            if may_publish_language(user, locale_id)
        }
        return instances.filter(locale_id__in=locales)


def register_policies():
    """Called from the app's ready(), before Wagtail builds the snippet viewsets."""
    register_permission_policy(AbstractPage, ScopedPagePermissionPolicy())
    register_permission_policy(SiteNavigation, LanguagePermissionPolicy(SiteNavigation))
