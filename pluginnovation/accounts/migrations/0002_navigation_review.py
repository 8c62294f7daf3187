from django.db import migrations

from pluginnovation.accounts.roles import put_navigation_under_review


class Migration(migrations.Migration):
    dependencies = [
        ("pluginnovation_accounts", "0001_later_role_permissions"),
        ("pluginnovation", "0007_navigation_drafts_and_review"),
    ]

    operations = [migrations.RunPython(put_navigation_under_review, migrations.RunPython.noop)]
