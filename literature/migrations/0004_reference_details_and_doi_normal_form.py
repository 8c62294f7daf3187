import re

from django.db import migrations, models

DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalise_dois(apps, schema_editor):
    """DOIs typed with `doi:` or a resolver's address, stored in the one form `10.xxxx/…`."""
    LiteraturePage = apps.get_model("literature", "LiteraturePage")
    for page in LiteraturePage.objects.exclude(doi="").only("pk", "doi"):
        doi = DOI_PREFIX.sub("", page.doi.strip()).strip()
        if doi != page.doi:
            LiteraturePage.objects.filter(pk=page.pk).update(doi=doi)


class Migration(migrations.Migration):
    dependencies = [
        ("literature", "0003_featured_and_work_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="literaturepage",
            name="volume",
            field=models.CharField(blank=True, max_length=30, verbose_name="volume"),
        ),
        migrations.AddField(
            model_name="literaturepage",
            name="issue",
            field=models.CharField(blank=True, max_length=30, verbose_name="issue"),
        ),
        migrations.AddField(
            model_name="literaturepage",
            name="pages",
            field=models.CharField(
                blank=True, help_text="e.g. 949–967", max_length=30, verbose_name="pages"
            ),
        ),
        migrations.AddField(
            model_name="literaturepage",
            name="issn",
            field=models.CharField(
                blank=True,
                help_text="The journal's or series' ISSN.",
                max_length=20,
                verbose_name="ISSN",
            ),
        ),
        migrations.AlterField(
            model_name="literaturepage",
            name="doi",
            field=models.CharField(
                blank=True,
                help_text="e.g. 10.1111/…; a doi: prefix or a doi.org address is removed on saving.",
                max_length=200,
                verbose_name="DOI",
            ),
        ),
        migrations.RunPython(normalise_dois, migrations.RunPython.noop),
    ]
