"""Project leads (Projektledare) and the review workflow (Granskning) of the case studies.

Project leads may create and edit case studies under a case-study index and submit them for
review; they hold no publish permission anywhere, so Wagtail offers them no way to publish.
Editors (Redaktörer) approve and publish through the "Granskning" workflow on each index.
The group is created by a data migration; the page permissions and the workflow attach to
each case-study index as it appears (a signal), since the index does not exist when
migrations run on a new database.
"""

from django.apps import apps as global_apps

from pluginnovation.accounts.roles import create_all_permissions

PROJECT_LEADS = "Projektledare"
EDITORS = "Redaktörer"
WORKFLOW_NAME = "Granskning"
TASK_NAME = "Redaktörernas granskning"

# Places and workshops are live the moment they are saved (snippets without drafts), so only
# editors change them; project leads choose among them.
MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "casestudies.view_region",
    "casestudies.view_municipality",
    "casestudies.view_projectworkshop",
]
EDITOR_MODEL_PERMISSIONS = [
    f"casestudies.{action}_{model}"
    for model in ("region", "municipality", "projectworkshop")
    for action in ("add", "change", "delete", "view")
]
# A lead who misses a municipality or workshop proposes it; editors approve or decline
# (casestudies.PlaceProposal). Granted by a later migration than the ones above.
PROPOSAL_PERMISSIONS = {
    PROJECT_LEADS: ["casestudies.add_placeproposal", "casestudies.view_placeproposal"],
    EDITORS: [
        f"casestudies.{action}_placeproposal" for action in ("add", "change", "delete", "view")
    ],
}
COLLECTION_PERMISSIONS = ["wagtaildocs.add_document", "wagtaildocs.choose_document"]
INDEX_PAGE_PERMISSIONS = ["add_page", "change_page"]


def works_on_own_municipalities_only(user):
    """A project lead who is not also an editor: limited to their municipalities."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return PROJECT_LEADS in names and EDITORS not in names


def _permission(apps, dotted):
    app_label, codename = dotted.split(".")
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label=app_label, codename=codename
    )


def create_project_leads(apps, schema_editor=None):
    """The group, its permissions, the editors' rights on places, the review workflow.

    Idempotent.
    """
    create_all_permissions(apps)

    group_model = apps.get_model("auth", "Group")
    leads, _ = group_model.objects.get_or_create(name=PROJECT_LEADS)
    for dotted in MODEL_PERMISSIONS:
        leads.permissions.add(_permission(apps, dotted))
    editors = group_model.objects.get(name=EDITORS)
    for dotted in EDITOR_MODEL_PERMISSIONS:
        editors.permissions.add(_permission(apps, dotted))
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if collection:
        for dotted in COLLECTION_PERMISSIONS:
            apps.get_model("wagtailcore", "GroupCollectionPermission").objects.get_or_create(
                group=leads, collection=collection, permission=_permission(apps, dotted)
            )

    # The workflow, built with the historical models (a task row carries its content type).
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    if not workflow_model.objects.filter(name=WORKFLOW_NAME).exists():
        content_type_model = apps.get_model("contenttypes", "ContentType")
        task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
        content_type, _ = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = task_model.objects.create(name=TASK_NAME, content_type=content_type, active=True)
        task.groups.add(editors)
        workflow = workflow_model.objects.create(name=WORKFLOW_NAME, active=True)
        apps.get_model("wagtailcore", "WorkflowTask").objects.create(
            workflow=workflow, task=task, sort_order=0
        )

    for index in apps.get_model("casestudies", "CaseStudyIndexPage").objects.all():
        open_index(index, apps=apps)


def grant_proposal_permissions(apps, schema_editor=None):
    """`PROPOSAL_PERMISSIONS` (a data migration; idempotent)."""
    create_all_permissions(apps)
    group_model = apps.get_model("auth", "Group")
    for name, permissions in PROPOSAL_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        for dotted in permissions:
            group.permissions.add(_permission(apps, dotted))


def open_index(index, apps=None):
    """Let project leads work under this case-study index, and put it under review."""
    apps = apps or global_apps  # the historical registry in a migration
    group = apps.get_model("auth", "Group").objects.filter(name=PROJECT_LEADS).first()
    if group is not None:
        for codename in INDEX_PAGE_PERMISSIONS:
            apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
                group=group,
                page_id=index.pk,
                permission=_permission(apps, f"wagtailcore.{codename}"),
            )
    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page_id=index.pk, defaults={"workflow": workflow}
        )
