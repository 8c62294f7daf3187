"""The editorial roles and exactly the permissions each needs.

Redaktörer (editors): all content, publishing, images and documents, tags, menus, workflows,
translation. Översättare (translators): edit drafts of Swedish pages (never publish them) and
create, edit and publish the pages of the other language trees. Projektledare (project
leads) are defined by the case-study app, whose section they work in.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils import timezone
from wagtail.models import GroupPagePermission

EDITORS = "Redaktörer"
TRANSLATORS = "Översättare"

PAGE_PERMISSIONS = {
    EDITORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    TRANSLATORS: ["change_page"],
}
TRANSLATED_TREE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
    TRANSLATORS: ["choose_image", "choose_document"],
}
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "pluginnovation.add_sitenavigation",
        "pluginnovation.change_sitenavigation",
        "pluginnovation.delete_sitenavigation",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    TRANSLATORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "pluginnovation.change_sitenavigation",
    ],
}


# Granted after the first roles migration: editors fill in the site owner's facts (not the
# technical Sites); translators read the Swedish menu they translate, and change only the menus
# of the languages they publish (pluginnovation/accounts/permissions.py).
LATER_PERMISSIONS = {
    EDITORS: ["pluginnovation.change_siteowner", "pluginnovation.view_sitenavigation"],
    TRANSLATORS: ["pluginnovation.view_sitenavigation"],
}


def permission(apps, dotted):
    permission_model = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return permission_model.objects.get(content_type__app_label=app_label, codename=codename)


def create_all_permissions(apps):
    """Django's permissions for every app of `apps` (in a migration, before post_migrate).

    A historical app config has no models module, which create_permissions wants; a real one
    keeps its own (setting it to None would hide the app from every later post_migrate, and
    so from the content types a test database flush recreates).
    """
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module


def create_roles(apps, schema_editor=None):
    """Create or complete the groups; safe to run again (used by a data migration)."""
    # Permissions are normally created after all migrations have run; make sure they exist.
    create_all_permissions(apps)

    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = page_model.objects.filter(depth=1).first()
    root_collection = collection_model.objects.filter(depth=1).first()

    # Wagtail's sample groups would only confuse: ours replace them (unless someone uses them).
    group_model.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    for name in (EDITORS, TRANSLATORS):
        group, _ = group_model.objects.get_or_create(name=name)
        for dotted in MODEL_PERMISSIONS[name]:
            group.permissions.add(permission(apps, dotted))
        if root_page:
            for codename in PAGE_PERMISSIONS[name]:
                group_page_permission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=permission(apps, f"wagtailcore.{codename}"),
                )
        if root_collection:
            for codename in COLLECTION_PERMISSIONS[name]:
                app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                group_collection_permission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, f"{app_label}.{codename}"),
                )

    # Language trees that exist already (the signal handles those created later).
    home_model = apps.get_model("pluginnovation", "HomePage")
    translators = group_model.objects.get(name=TRANSLATORS)
    for home in home_model.objects.exclude(locale__language_code=settings.LANGUAGE_CODE):
        for codename in TRANSLATED_TREE_PAGE_PERMISSIONS:
            group_page_permission.objects.get_or_create(
                group=translators,
                page_id=home.pk,
                permission=permission(apps, f"wagtailcore.{codename}"),
            )


def grant_later_permissions(apps, schema_editor=None):
    """`LATER_PERMISSIONS` (a data migration; idempotent)."""
    create_all_permissions(apps)
    group_model = apps.get_model("auth", "Group")
    for name, permissions in LATER_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        for dotted in permissions:
            group.permissions.add(permission(apps, dotted))


# The navigation and footer have drafts and go through review (pluginnovation.site, 0007):
# both roles hold "publish" on the model, and the language rule narrows it per language
# (pluginnovation/accounts/permissions.py), so translators publish the English menu and submit
# Swedish changes for review; editors approve them in the same "Granskning" workflow as case
# studies.
NAVIGATION_PUBLISHERS = [EDITORS, TRANSLATORS]
REVIEW_WORKFLOW = "Granskning"
REVIEW_TASK = "Redaktörernas granskning"


def put_navigation_under_review(apps, schema_editor=None):
    """Publish permission on the navigation, and its review workflow (a data migration;
    idempotent)."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    navigation_type, _ = content_type_model.objects.get_or_create(
        app_label="pluginnovation", model="sitenavigation"
    )
    # Wagtail adds this permission after migrate; the grant needs it now.
    publish, _ = permission_model.objects.get_or_create(
        content_type=navigation_type,
        codename="publish_sitenavigation",
        defaults={"name": "Can publish navigation and footer"},
    )
    for name in NAVIGATION_PUBLISHERS:
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(publish)

    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow = workflow_model.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is None:
        task_type, _ = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = apps.get_model("wagtailcore", "GroupApprovalTask").objects.create(
            name=REVIEW_TASK, content_type=task_type, active=True
        )
        task.groups.add(group_model.objects.get(name=EDITORS))
        workflow = workflow_model.objects.create(name=REVIEW_WORKFLOW, active=True)
        apps.get_model("wagtailcore", "WorkflowTask").objects.create(
            workflow=workflow, task=task, sort_order=0
        )
    apps.get_model("wagtailcore", "WorkflowContentType").objects.get_or_create(
        content_type=navigation_type, defaults={"workflow": workflow}
    )


# Wagtail's own migrations put "Moderators approval" on the root page, with a task for the
# group Moderators, which `create_roles` deletes: whatever was submitted to it waited for
# nobody, locked. "Granskning" takes its place on the root page, so a translator's submitted
# draft of any Swedish page reaches the editors' review list, as a case study and a Swedish
# menu do.
DEFAULT_WORKFLOW = "Moderators approval"
WAITING = ["in_progress", "needs_changes"]


def replace_default_workflow(apps, schema_editor=None):
    """Remove Wagtail's default workflow and every task nobody may approve, and put the root
    page under "Granskning" (a data migration; idempotent).

    What was waiting in them is cancelled (as Wagtail's "Disable" does), which unlocks the
    pages. A workflow or task with earlier submissions in its history is kept, disabled and
    attached to nothing, so the pages' workflow history still reads; the others are deleted.
    """
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    task_model = apps.get_model("wagtailcore", "Task")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_state_model = apps.get_model("wagtailcore", "WorkflowState")
    task_state_model = apps.get_model("wagtailcore", "TaskState")

    defaults = workflow_model.objects.filter(name=DEFAULT_WORKFLOW)
    without_approvers = apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(
        groups__isnull=True
    )
    only_in_defaults = task_model.objects.filter(workflow_tasks__workflow__in=defaults).exclude(
        workflow_tasks__workflow__in=workflow_model.objects.exclude(name=DEFAULT_WORKFLOW)
    )
    tasks = set(without_approvers.values_list("pk", flat=True))
    tasks |= set(only_in_defaults.values_list("pk", flat=True))
    # A workflow goes when it is the default one, or when none of its tasks has approvers.
    approvable = workflow_task_model.objects.exclude(task__in=tasks).values("workflow")
    workflows = set(defaults.values_list("pk", flat=True))
    workflows |= set(
        workflow_model.objects.filter(workflow_tasks__isnull=False)
        .exclude(pk__in=approvable)
        .values_list("pk", flat=True)
    )

    waiting = workflow_state_model.objects.filter(status__in=WAITING).filter(
        models.Q(workflow__in=workflows) | models.Q(current_task_state__task__in=tasks)
    )
    task_state_model.objects.filter(
        models.Q(workflow_state__in=waiting) | models.Q(task__in=tasks), status="in_progress"
    ).update(status="cancelled", finished_at=timezone.now())
    waiting.update(status="cancelled")

    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(workflow__in=workflows).delete()
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        workflow__in=workflows
    ).delete()
    workflow_task_model.objects.filter(
        models.Q(workflow__in=workflows) | models.Q(task__in=tasks)
    ).delete()
    with_history = workflow_model.objects.filter(pk__in=workflows, workflow_states__isnull=False)
    with_history.update(active=False)
    workflow_model.objects.filter(pk__in=workflows).exclude(pk__in=with_history).delete()
    task_history = task_model.objects.filter(pk__in=tasks, task_states__isnull=False)
    task_history.update(active=False)
    task_model.objects.filter(pk__in=tasks).exclude(pk__in=task_history).delete()

    review = workflow_model.objects.filter(name=REVIEW_WORKFLOW, active=True).first()
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if review is not None and root_page is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page_id=root_page.pk, defaults={"workflow": review}
        )


def grant_translators_tree(home_page):
    """Translators may publish in a translated language tree (called when its home appears)."""
    group = Group.objects.filter(name=TRANSLATORS).first()
    if group is None:
        return
    for codename in TRANSLATED_TREE_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
