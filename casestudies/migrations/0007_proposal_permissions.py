from django.db import migrations

from casestudies.roles import grant_proposal_permissions


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0006_place_proposals")]

    operations = [migrations.RunPython(grant_proposal_permissions, migrations.RunPython.noop)]
