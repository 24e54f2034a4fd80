"""Case needs count in a wave's analysis and gap report (registered in AppConfig.ready)."""

from django.db.models import Q

from verbund.advice.models import CaseNeed
from verbund.advice.services.cases import case_key
from verbund.needs.services.analysis import demand_source

FIELDS = {
    "district": "case__district",
    "sector": "case__organization__wz_section",
    "size": "case__organization__size_class",
    "topic": "topic",
    "target_group": "target_group",
}


def _case_needs(wave):
    needs = CaseNeed.objects.filter(case__office__network=wave.network)
    if wave.opens_on:
        needs = needs.filter(case__opened_on__gte=wave.opens_on)
    if wave.closes_on:
        needs = needs.filter(case__opened_on__lte=wave.closes_on)
    return needs


@demand_source
def case_contributions(wave, dims, filters):
    needs = _case_needs(wave)
    for name, value in filters.active().items():
        needs = needs.filter(**{FIELDS[name]: value})
    fields = [FIELDS[dim] for dim in dims]
    for row in needs.values("case__organization", "case__person", "case", "employees", *fields):
        key = tuple(
            row[field] or "" if field.endswith(("section", "class")) else row[field]
            for field in fields
        )
        yield (
            case_key(row["case__organization"], row["case__person"], row["case"]),
            key,
            row["employees"],
            1,
        )


def gap_rows(wave):
    needs = _case_needs(wave).exclude(Q(case__district__isnull=True))
    for row in needs.values(
        "case__organization",
        "case__person",
        "case",
        "case__district",
        "topic",
        "target_group",
        "urgency",
        "format",
        "time_of_day",
        "employees",
        "budget_per_person",
    ):
        budget = row["budget_per_person"]
        yield (
            case_key(row["case__organization"], row["case__person"], row["case"]),
            row["case__district"],
            row["topic"],
            row["target_group"],
            row["urgency"],
            row["format"],
            row["time_of_day"],
            row["employees"],
            float(budget or 0),
            1 if budget is not None else 0,
        )


case_contributions.gap_rows = gap_rows
