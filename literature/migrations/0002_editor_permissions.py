"""Editors (Redaktörer) manage the tag taxonomies and import references; nobody else does."""

from django.db import migrations

PERMISSIONS = [
    "add_literaturetag",
    "change_literaturetag",
    "delete_literaturetag",
    "import_literature",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("literature")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name="Redaktörer")
    group.permissions.add(
        *permission_model.objects.filter(
            content_type__app_label="literature", codename__in=PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("literature", "0001_library"),
        ("pluginnovation", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
