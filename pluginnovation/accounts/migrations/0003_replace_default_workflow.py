from django.db import migrations

from pluginnovation.accounts.roles import replace_default_workflow


class Migration(migrations.Migration):
    dependencies = [
        ("pluginnovation_accounts", "0002_navigation_review"),
        ("wagtailcore", "0083_workflowcontenttype"),
    ]

    operations = [migrations.RunPython(replace_default_workflow, migrations.RunPython.noop)]
