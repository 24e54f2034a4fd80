"""Demo step: the Kammerkooperation IHK Braunschweig - IHK Lüneburg-Wolfsburg (seed 003)."""

import datetime

from verbund.core.demo.registry import DemoContext, register_step
from verbund.networks.demo.building import Kind, Role, Status, activity, goals, members, network
from verbund.networks.models import Agreement, GoalProgress, Network, PartyDecision, Review

D = datetime.date
DECIDED = D(2018, 9, 24)  # Vollversammlung der IHK Braunschweig, einstimmig

AGREEMENT_GOALS = (
    "Dienstleistungsangebot beider Kammern für die Mitgliedsunternehmen verbessern",
    "Interessenvertretung durch abgestimmtes gemeinsames Auftreten optimieren",
    "Synergie- und Effizienzgewinne in den zentralen Diensten (Back Office) realisieren",
    "Gemeinsamer Konjunkturbericht für den Wirtschaftsraum Braunschweig-Wolfsburg",
    "Gemeinsame Ausbilderqualifizierungen",
    "Gemeinsame Prüfer-Pools",
    "Gemeinsame Prüfungsausschüsse einrichten",
    "Gemeinsame Prüferschulungen",
)


@register_step(34, "network: Kammerkooperation IHK Braunschweig - IHK Lüneburg-Wolfsburg")
def load_ihk_cooperation(ctx: DemoContext) -> None:
    net = network(
        ctx,
        "ihk-kooperation",
        regions=("03101", "03103", "03151", "03153", "03154", "03157", "03158", "03355"),
        name="Kammerkooperation IHK Braunschweig – IHK Lüneburg-Wolfsburg",
        short_name="IHK BS – IHK LG-WOB",
        kind=Network.Kind.KAMMERKOOPERATION,
        since=DECIDED,
        description=(
            "Kooperationsvertrag der beiden Industrie- und Handelskammern mit Schwergewicht "
            "auf dem gemeinsamen Wirtschaftsraum Braunschweig-Wolfsburg; vorbereitet in "
            "zwölf Monaten harmonischer Zusammenarbeit der Präsidien. Jährliche gemeinsame "
            "Präsidialsitzungen prüfen das Erreichte und legen weitere Ziele fest."
        ),
    )
    members(
        ctx,
        net,
        ("ihk-braunschweig", Role.LEAD, DECIDED),
        ("ihk-lueneburg-wolfsburg", Role.LEAD, DECIDED),
    )
    agreement = Agreement.objects.create(
        network=net,
        title="Kooperationsvertrag IHK Braunschweig – IHK Lüneburg-Wolfsburg",
        decided_on=DECIDED,
        signed_on=None,
        goals_text=(
            "Beschlossen von der Vollversammlung der IHK Braunschweig am 24.09.2018 "
            "(gleichlautender Beschluss der Vollversammlung der IHK Lüneburg-Wolfsburg "
            "zuvor); danach von Präsidenten und Hauptgeschäftsführern beider IHKs zu "
            "unterzeichnen.\n" + "\n".join(f"- {goal}" for goal in AGREEMENT_GOALS)
        ),
    )
    agreement.parties.set([ctx.org("ihk-braunschweig"), ctx.org("ihk-lueneburg-wolfsburg")])
    # Each chamber's general assembly decided on its own (seed 003); the source dates only
    # Braunschweig's, Lüneburg-Wolfsburg's "zuvor" is placed in June here (demo material).
    for key, decided_on in (
        ("ihk-lueneburg-wolfsburg", D(2018, 6, 27)),
        ("ihk-braunschweig", DECIDED),
    ):
        PartyDecision.objects.create(
            agreement=agreement, organization=ctx.org(key), decided_on=decided_on,
            body="Vollversammlung",
        )  # fmt: skip
    created = goals(net, AGREEMENT_GOALS, agreement=agreement, status=Status.IN_PROGRESS)
    by_title = {goal.title: goal for goal in created}
    report_goal = by_title[AGREEMENT_GOALS[3]]
    report_goal.due = D(2019, 1, 31)
    report_goal.save(update_fields=["due"])

    both = ("ihk-braunschweig", "ihk-lueneburg-wolfsburg")
    activity(
        ctx,
        net,
        Kind.MEETING,
        "Vollversammlung der IHK Braunschweig beschließt den Kooperationsvertrag",
        DECIDED,
        place="IHK Braunschweig, Braunschweig",
        region=ctx.region("03101"),
        organizations=("ihk-braunschweig",),
        notes="Einstimmiger Beschluss; die Vollversammlung der Schwesterkammer hatte bereits "
        "gleichlautend beschlossen.",
    )
    activity(
        ctx,
        net,
        Kind.REPORT,
        "Erster gemeinsamer Konjunkturbericht, IV. Quartal 2018",
        D(2018, 10, 1),
        end=D(2018, 12, 31),
        place="Wirtschaftsraum Braunschweig-Wolfsburg",
        organizations=both,
        notes="Berichtszeitraum IV. Quartal 2018; erstmals gemeinsam herausgegeben.",
    )
    _reviews(ctx, net, by_title)


def _reviews(ctx: DemoContext, net: Network, by_title: dict) -> None:
    """The annual joint presidium meetings (gemeinsame Präsidialsitzungen) as reviews.

    The source announces them; their content here is demo material.
    """
    report, trainers, pools = (by_title[AGREEMENT_GOALS[index]] for index in (3, 4, 5))
    first = Review.objects.create(
        network=net,
        date=D(2019, 9, 24),
        summary="Erste gemeinsame Präsidialsitzung ein Jahr nach dem Beschluss: der "
        "gemeinsame Konjunkturbericht erscheint; Prüfer-Pools sind in Vorbereitung.",
        next_steps="Gemeinsame Ausbilderqualifizierung anbieten; Prüferschulungen planen.",
    )
    GoalProgress.objects.create(
        review=first, goal=report, status=Status.ACHIEVED,
        progress="Erster gemeinsamer Bericht für das IV. Quartal 2018 veröffentlicht.",
    )  # fmt: skip
    GoalProgress.objects.create(
        review=first, goal=pools, status=Status.IN_PROGRESS,
        progress="Prüferinnen und Prüfer beider Kammern erfasst.",
    )  # fmt: skip
    second = Review.objects.create(
        network=net,
        date=D(2020, 9, 24),
        summary="Zweite gemeinsame Präsidialsitzung: Konjunkturbericht quartalsweise etabliert.",
        next_steps="Gemeinsame Prüfungsausschüsse in ersten Berufen einrichten.",
    )
    GoalProgress.objects.create(
        review=second, goal=trainers, status=Status.IN_PROGRESS,
        progress="Erste gemeinsame AEVO-Lehrgänge ausgeschrieben.",
    )  # fmt: skip
    report.status = Status.ACHIEVED
    report.save(update_fields=["status"])
    ctx.log(f"{net}: 2 reviews")
