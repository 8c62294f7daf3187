# Separate from 0002: PostgreSQL cannot alter a table in the transaction that updated it.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_term_locale_kind"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchterm",
            name="locale",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.RemoveIndex(model_name="searchterm", name="sitesearch_term_prefix"),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["locale", "title", "page"], name="sitesearch_locale_title"
            ),
        ),
        migrations.AddIndex(
            model_name="searchterm",
            index=models.Index(
                fields=["locale", "term", "document", "in_title", "weight", "kind"],
                name="sitesearch_term_match",
            ),
        ),
        migrations.AddIndex(
            model_name="searchterm",
            index=models.Index(
                condition=models.Q(in_title=True),
                fields=["locale", "term", "document"],
                name="sitesearch_title_prefix",
                opclasses=["int4_ops", "varchar_pattern_ops", "int4_ops"],
            ),
        ),
    ]
