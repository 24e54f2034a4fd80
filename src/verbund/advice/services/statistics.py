"""The figures a funder asks of an advisory office, per quarter: counselling cases, contacts
by channel and time spent, companies reached (per district) and referrals to offers.

Aggregates only: the statistics page shows counts, never a company or a person, so the
network's coordination may read them (the cases themselves stay with the advisors).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from verbund.advice.models import Case, Contact, Office, Recommendation

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str


def quarter(year: int, number: int) -> Period:
    start = datetime.date(year, 3 * number - 2, 1)
    following = datetime.date(year + (number == 4), (3 * number) % 12 + 1, 1)
    return Period(start, following - datetime.timedelta(days=1), f"{number}. Quartal {year}")


@dataclass
class OfficeFigures:
    period: Period
    cases: int = 0
    contacts: int = 0
    minutes: int = 0
    by_channel: dict = field(default_factory=dict)
    companies: int = 0
    referrals: int = 0
    companies_by_district: dict = field(default_factory=dict)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def figures(offices, start: datetime.date, end: datetime.date, label: str = "") -> OfficeFigures:
    """Figures of ``offices`` (a queryset or list) between ``start`` and ``end`` (inclusive)."""
    office_ids = [office.pk for office in offices]
    period = Period(start, end, label)
    cases = Case.objects.filter(office__in=office_ids, opened_on__gte=start, opened_on__lte=end)
    contacts = Contact.objects.filter(case__office__in=office_ids, date__gte=start, date__lte=end)
    totals = contacts.aggregate(count=Count("pk"), minutes=Sum("minutes"))
    channels = dict(
        contacts.values_list("channel")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("channel", "count")
    )
    # A company counts as reached when a case of it was opened or it had a contact.
    reached = Case.objects.filter(office__in=office_ids, organization__isnull=False).filter(
        Q(opened_on__gte=start, opened_on__lte=end)
        | Q(contacts__date__gte=start, contacts__date__lte=end)
    )
    by_district = {}
    for name, count in (
        reached.values("district__name")
        .annotate(count=Count("organization", distinct=True))
        .order_by("district__name")
        .values_list("district__name", "count")
    ):
        by_district[name or ""] = count
    return OfficeFigures(
        period=period,
        cases=cases.count(),
        contacts=totals["count"] or 0,
        minutes=totals["minutes"] or 0,
        by_channel={choice: channels.get(choice, 0) for choice in Contact.Channel.values},
        companies=reached.values("organization").distinct().count(),
        referrals=Recommendation.objects.filter(
            case__office__in=office_ids, created_at__date__gte=start, created_at__date__lte=end
        ).count(),
        companies_by_district=by_district,
    )


def quarterly(office: Office, year: int) -> list[OfficeFigures]:
    """The office's figures for each quarter of ``year``, then the whole year."""
    rows = [
        figures([office], period.start, period.end, period.label)
        for period in (quarter(year, number) for number in QUARTERS)
    ]
    rows.append(
        figures([office], datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))
    )
    return rows
