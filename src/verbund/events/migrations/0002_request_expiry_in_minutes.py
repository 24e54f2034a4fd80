"""Request expiry in minutes instead of hours (15 minutes ... 10 days); stored hours are
converted, so every forum keeps its period (capped at the 10 days now allowed, which also
keeps the product inside the integer column)."""

import django.core.validators
from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Least


def hours_to_minutes(apps, schema_editor):
    setup = apps.get_model("events", "MatchmakingSetup")
    setup.objects.update(request_minutes=Least(F("request_minutes"), Value(240)) * 60)


def minutes_to_hours(apps, schema_editor):
    setup = apps.get_model("events", "MatchmakingSetup")
    # Rounded up, so a reversed period never gets shorter; at least one hour.
    for row in setup.objects.all():
        row.request_minutes = max(1, -(-row.request_minutes // 60))
        row.save(update_fields=["request_minutes"])


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RenameField("matchmakingsetup", "request_hours", "request_minutes"),
        migrations.RunPython(hours_to_minutes, minutes_to_hours),
        migrations.AlterField(
            model_name="matchmakingsetup",
            name="request_minutes",
            field=models.PositiveIntegerField(
                default=4320,
                validators=[
                    django.core.validators.MinValueValidator(15),
                    django.core.validators.MaxValueValidator(14400),
                ],
                verbose_name="Anfragen verfallen nach (Minuten)",
            ),
        ),
    ]
