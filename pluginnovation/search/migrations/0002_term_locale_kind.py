import django.db.models.deletion
from django.db import migrations, models

# Each term takes its document's locale and kind, so a search reads the term table alone.
COPY_FROM_DOCUMENTS = """
UPDATE sitesearch_searchterm SET
    locale_id = (
        SELECT locale_id FROM sitesearch_searchdocument
        WHERE sitesearch_searchdocument.page_id = sitesearch_searchterm.document_id
    ),
    kind = (
        SELECT kind FROM sitesearch_searchdocument
        WHERE sitesearch_searchdocument.page_id = sitesearch_searchterm.document_id
    )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchterm",
            name="locale",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.AddField(
            model_name="searchterm",
            name="kind",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="kind"),
            preserve_default=False,
        ),
        migrations.RunSQL(COPY_FROM_DOCUMENTS, reverse_sql=migrations.RunSQL.noop),
    ]
