"""Demo: MehrWert's financing as seed 002 tells it — the BMAS carries 70 % (ESF Plus
"Fachkräftesicherung"), the seven districts 30 %.

Two plans: last year's, closed with every call paid (the final proof of use), and this
year's, running, with receipts up to last month, one line (Öffentlichkeitsarbeit) past what
the 20 % rule allows and a call for funds not yet paid. Amounts are the demo's assumptions
(the seed gives "fast eine Million Euro, rund 70 Prozent" over three years).
"""

import datetime
from decimal import Decimal

from verbund.core.demo.registry import DemoContext, register_step
from verbund.funding.models import BudgetLine, Cofunder, FinancingPlan, FundsCall, Receipt
from verbund.funding.services import reports

D = Decimal
DISTRICTS = (
    ("lk-holzminden", "14.285715"),
    ("lk-hameln-pyrmont", "14.285715"),
    ("lk-schaumburg", "14.285714"),
    ("lk-nienburg", "14.285714"),
    ("lk-diepholz", "14.285714"),
    ("lk-cloppenburg", "14.285714"),
    ("lk-vechta", "14.285714"),
)
LINES = (
    (
        "personal",
        "Personalausgaben (Koordination, MehrWert-Büros)",
        BudgetLine.Kind.STAFF,
        "300000",
    ),
    ("honorare", "Honorare (Referentinnen und Referenten)", BudgetLine.Kind.OTHER, "70000"),
    ("sach", "Sachausgaben (Büros, Ausstattung, Datenbank)", BudgetLine.Kind.OTHER, "60000"),
    ("oeffentlichkeit", "Öffentlichkeitsarbeit", BudgetLine.Kind.OTHER, "20000"),
    ("reise", "Reisekosten", BudgetLine.Kind.OTHER, "16000"),
)
# (line, payee, purpose, amount) per month; staff are booked by hours (ESF Plus Art. 55).
MONTHLY = (
    (
        "honorare",
        "Dr. Sabine Lindner, Bildungsberatung",
        "Workshop Digitalisierung im Handwerk",
        "5200.00",
    ),
    ("sach", "Bürogemeinschaft Markt 7, Holzminden", "Miete MehrWert-Büro Holzminden", "1450.00"),
    ("sach", "Weserbergland IT-Service GmbH", "Betreuung Weiterbildungsdatenbank", "2380.00"),
    ("sach", "Bürobedarf Meyer, Nienburg", "Büromaterial und Telefon der MehrWert-Büros", "970.00"),
    ("reise", "Deutsche Bahn Fernverkehr AG", "Fahrten zu Betriebsbesuchen", "1150.00"),
)
# Öffentlichkeitsarbeit: the new logo, the flyer and a fair stand push it past 120 %.
PUBLICITY = (
    (2, "Agentur Weserbergland Kommunikation", "Neues Logo und Gestaltungsraster", "9800.00"),
    (
        4,
        "Druckerei Hahn & Söhne, Hameln",
        "Flyer „Wir im ländlichen Raum können es auch!“",
        "6240.00",
    ),
    (6, "Messe Hannover-Land e. V.", "Gemeinschaftsstand Ausbildungsmesse", "5900.00"),
    (9, "Druckerei Hahn & Söhne, Hameln", "Nachdruck Flyer und Plakate", "3860.00"),
)
REASON = (
    " Logo, Flyer und der Messestand wurden vorgezogen, um die neuen MehrWert-Büros in allen "
    "sieben Landkreisen bekannt zu machen; Einsparungen bei den Reisekosten gleichen das aus."
)
# Network meetings of the year (the networks step holds the history of 2022).
MEETINGS = (
    (3, 18, "meeting", "Netzwerktreffen der MehrWert-Büros in Nienburg"),
    (6, 24, "workshop", "Workshop „Weiterbildung im Handwerk digital planen“"),
    (9, 30, "meeting", "Lenkungskreis mit den sieben Landkreisen"),
)
STAFF = (  # (payee, annual gross employment costs, hours a month)
    ("Koordinatorin MehrWert (PSG)", "68800.00", "140"),
    ("Berater MehrWert-Büro Holzminden", "55040.00", "120"),
    ("Beraterin MehrWert-Büro Nienburg/Weser", "55040.00", "120"),
    ("Berater MehrWert-Büro Stadthagen", "55040.00", "120"),
    ("Beraterin MehrWert-Büro Diepholz", "55040.00", "120"),
    ("Berater MehrWert-Büro Cloppenburg und Vechta", "55040.00", "120"),
)


def _plan(ctx, year):
    net = ctx.network("mehrwert")
    plan = FinancingPlan.objects.create(
        network=net,
        year=year,
        funder="Bundesministerium für Arbeit und Soziales (BMAS)",
        programme="ESF Plus „Fachkräftesicherung: Weiterbildungsverbünde“",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        project_end=datetime.date(ctx.today.year + 1, 12, 31),
        financing=FinancingPlan.Kind.SHARE,
        share_percent=D("70"),
        max_grant=D("326200.00"),
        notice_reference=f"ESF-WBV-{year}-0117",
        notice_date=datetime.date(year - 1, 11, 28),
        notice_conditions=(
            "Es gelten die ANBest-P. Mittel dürfen nur für fällige Zahlungen innerhalb von "
            "sechs Wochen abgerufen werden. Zwischennachweis bis 30.04. des Folgejahres, "
            "Verwendungsnachweis sechs Monate nach Ende des Bewilligungszeitraums."
        ),
    )
    lines = {}
    for position, (key, label, kind, planned) in enumerate(LINES, start=1):
        lines[key] = BudgetLine.objects.create(
            plan=plan, key=key, label=label, kind=kind, planned=D(planned), position=position
        )
    for position, (key, share) in enumerate(DISTRICTS, start=1):
        district = ctx.org(key)
        Cofunder.objects.create(
            plan=plan,
            name=district.name,
            organization=district,
            share_percent=D(share),
            position=position,
        )
    return plan, lines


def _receipts(ctx, plan, lines, months, user):
    year = plan.year
    numbers = iter(range(1, 10_000))
    for month in months:
        booked = datetime.date(year, month, 28)
        for payee, annual, hours in STAFF:
            annual, hours = D(annual), D(hours)
            Receipt.objects.create(
                plan=plan,
                line=lines["personal"],
                number=f"{year}-{next(numbers):04d}",
                date=booked,
                amount=(annual / 1720 * hours).quantize(D("0.01")),
                payee=payee,
                purpose=f"Personalkosten {month:02d}/{year}",
                staff_hours=hours,
                annual_gross_costs=annual,
                entered_by=user,
            )
        for key, payee, purpose, amount in MONTHLY:
            Receipt.objects.create(
                plan=plan,
                line=lines[key],
                number=f"{year}-{next(numbers):04d}",
                date=booked - datetime.timedelta(days=10),
                amount=D(amount),
                payee=payee,
                purpose=purpose,
                entered_by=user,
            )
    for month, payee, purpose, amount in PUBLICITY:
        if month in months:
            Receipt.objects.create(
                plan=plan,
                line=lines["oeffentlichkeit"],
                number=f"{year}-{next(numbers):04d}",
                date=datetime.date(year, month, 15),
                amount=D(amount),
                payee=payee,
                purpose=purpose,
                entered_by=user,
            )


def _calls(plan, quarters, paid_quarters, amount):
    for number in quarters:
        called = datetime.date(plan.year, 3 * number - 2, 10)
        paid = number in paid_quarters
        FundsCall.objects.create(
            plan=plan,
            number=number,
            called_on=called,
            amount=D(amount),
            received_on=called + datetime.timedelta(days=18) if paid else None,
            received_amount=D(amount) if paid else None,
        )


@register_step(900, "funding: MehrWert financing plans")
def load_mehrwert_funding(ctx: DemoContext) -> None:
    user = ctx.user("koordination")
    today = ctx.today
    # Last year: closed, every receipt booked, four calls paid (the final proof of use).
    last, last_lines = _plan(ctx, today.year - 1)
    _receipts(ctx, last, last_lines, range(1, 13), user)
    _calls(last, (1, 2, 3, 4), (1, 2, 3, 4), "52000.00")
    # This year: receipts up to last month, the last call not paid yet.
    current, current_lines = _plan(ctx, today.year)
    months = range(1, max(today.month - 1, 1) + 1)
    _receipts(ctx, current, current_lines, months, user)
    quarters = tuple(range(1, (today.month - 1) // 3 + 2))
    _calls(current, quarters, quarters[:-1], "45000.00")
    from verbund.networks.models import Activity

    for year in (today.year - 1, today.year):
        for month, day, kind, title in MEETINGS:
            held = datetime.date(year, month, day)
            if held >= today:
                continue
            activity = Activity.objects.create(
                network=current.network, kind=kind, title=title, start=held, place="Nienburg/Weser"
            )
            activity.organizations.set(
                [ctx.org(key) for key, _share in DISTRICTS] + [ctx.org("psg")]
            )
    # Last year's Sachbericht released with the final proof of use; this year's drafted.
    final = reports.draft(last, "final", last.period_start, last.period_end, user)
    money = next(section["text"] for section in final.sections if section["key"] == "money")
    reports.edit(
        final,
        {
            "money": "\n".join(
                line + REASON if line.startswith("– Öffentlichkeitsarbeit") else line
                for line in money.splitlines()
            )
        },
        user,
    )
    reports.release(final, user)
    reports.draft(current, "interim", current.period_start, today, user)
