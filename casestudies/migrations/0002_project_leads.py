from django.db import migrations

from casestudies.roles import create_project_leads


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_case_studies"),
        ("knowledge", "0001_success_factors"),
        ("pluginnovation", "0003_roles"),
    ]

    operations = [migrations.RunPython(create_project_leads, migrations.RunPython.noop)]
