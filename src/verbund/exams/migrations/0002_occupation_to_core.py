"""Move the occupation list to core (one list for exams, apprenticeship and mobility).

The rows are copied with their ids, so every board, sitting and examiner keeps its
occupation; then the foreign keys are repointed and the old table is dropped.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


def copy_occupations(apps, schema_editor):
    Old = apps.get_model("exams", "Occupation")
    New = apps.get_model("core", "Occupation")
    New.objects.bulk_create(
        [New(id=o.id, code=o.code, name=o.name) for o in Old.objects.all()],
        ignore_conflicts=True,
    )
    # Explicit ids leave PostgreSQL's sequence behind; move it past the copied rows.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(sql)


def copy_back(apps, schema_editor):
    Old = apps.get_model("exams", "Occupation")
    New = apps.get_model("core", "Occupation")
    Old.objects.bulk_create(
        [Old(id=o.id, code=o.code, name=o.name) for o in New.objects.all()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_occupation"),
        ("exams", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_occupations, copy_back),
        migrations.AlterField(
            model_name="board",
            name="occupation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="boards",
                to="core.occupation",
                verbose_name="Beruf",
            ),
        ),
        migrations.AlterField(
            model_name="sitting",
            name="occupation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sittings",
                to="core.occupation",
                verbose_name="Beruf",
            ),
        ),
        migrations.AlterField(
            model_name="examiner",
            name="occupations",
            field=models.ManyToManyField(
                related_name="examiners", to="core.occupation", verbose_name="Prüfbare Berufe"
            ),
        ),
        migrations.DeleteModel(name="Occupation"),
    ]
