from django.db import migrations

from pluginnovation.accounts.roles import grant_later_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("pluginnovation", "0005_site_owner"),
        ("casestudies", "0002_project_leads"),
    ]

    operations = [migrations.RunPython(grant_later_permissions, migrations.RunPython.noop)]
