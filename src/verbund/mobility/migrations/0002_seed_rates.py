"""Ship the Erasmus+ rate tables of the calls 2021-2027 (mobility.md): the Commission's
travel bands, and example daily and organisational rates marked as examples until an
administrator enters the national agency's figures."""

from django.db import migrations

from verbund.mobility.solver import rates


def seed(apps, schema_editor):
    RateTable = apps.get_model("mobility", "RateTable")
    TravelBand = apps.get_model("mobility", "TravelBand")
    DailyRate = apps.get_model("mobility", "DailyRate")
    TypeRate = apps.get_model("mobility", "TypeRate")
    for year in range(rates.FIRST_CALL_YEAR, rates.LAST_CALL_YEAR + 1):
        table, created = RateTable.objects.get_or_create(
            call_year=year,
            defaults={
                "travel_days_standard": rates.TRAVEL_DAYS["standard"],
                "travel_days_green": rates.TRAVEL_DAYS["green"],
                "inclusion": rates.inclusion_for(year),
                "rates_are_examples": True,
                "source": "Erasmus+ Programmleitfaden (Entfernungsbänder); Tagessätze Beispiel",
            },
        )
        if not created:
            continue
        TravelBand.objects.bulk_create(
            TravelBand(table=table, from_km=low, to_km=high, standard=standard, green=green)
            for low, high, standard, green in rates.bands_for(year)
        )
        DailyRate.objects.bulk_create(
            DailyRate(table=table, participant_type=kind, country_group=group, amount=amount)
            for kind, by_group in rates.EXAMPLE_DAILY.items()
            for group, amount in by_group.items()
        )
        TypeRate.objects.bulk_create(
            TypeRate(table=table, participant_type=kind, organisational=amount)
            for kind, amount in rates.EXAMPLE_ORGANISATIONAL.items()
        )


class Migration(migrations.Migration):
    dependencies = [("mobility", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
