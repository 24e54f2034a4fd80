"""The platform's rate tables as the solver's ``Rates`` (per call year and country group)."""

from verbund.mobility.models import RateTable
from verbund.mobility.solver.model import Rates
from verbund.mobility.solver.rates import country_group


class MissingRates(LookupError):
    pass


def table_for(call_year: int) -> RateTable:
    table = RateTable.objects.filter(call_year=call_year).first()
    if table is None:
        raise MissingRates(call_year)
    return table


def rates_for(call_year: int, country: str = "FR") -> Rates:
    """The table of ``call_year`` with the daily rates of ``country``'s group."""
    table = table_for(call_year)
    group = country_group(country)
    return Rates(
        travel_bands=tuple(
            (
                band.from_km,
                band.to_km,
                int(band.standard),
                None if band.green is None else int(band.green),
            )
            for band in table.bands.all()
        ),
        daily={
            rate.participant_type: int(rate.amount)
            for rate in table.daily_rates.filter(country_group=group)
        },
        travel_days={"standard": table.travel_days_standard, "green": table.travel_days_green},
        organisational={
            rate.participant_type: int(rate.organisational) for rate in table.type_rates.all()
        },
        inclusion=int(table.inclusion),
    )


def rates_or_none(call_year: int, country: str = "FR") -> Rates | None:
    """For the batch commands: the table of the year, or None when there is none."""
    try:
        return rates_for(call_year, country)
    except MissingRates:
        return None


def seed_rates() -> None:
    """The shipped tables (migration 0002) again, for years that have none (idempotent);
    transactional tests call it after a flush."""
    from verbund.mobility.models import DailyRate, TravelBand, TypeRate
    from verbund.mobility.solver import rates

    for year in range(rates.FIRST_CALL_YEAR, rates.LAST_CALL_YEAR + 1):
        table, created = RateTable.objects.get_or_create(
            call_year=year,
            defaults={
                "travel_days_standard": rates.TRAVEL_DAYS["standard"],
                "travel_days_green": rates.TRAVEL_DAYS["green"],
                "inclusion": rates.inclusion_for(year),
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
