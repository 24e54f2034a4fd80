"""Demo steps: the two international partnerships, as seeds 000 and 001 report them.

Dates the sources leave open are chosen and say so in the notes.
"""

import datetime

from verbund.core.demo.registry import DemoContext, register_step
from verbund.networks.demo.building import Kind, Role, Status, activity, goals, members, network
from verbund.networks.models import Network

D = datetime.date


@register_step(31, "network: Kammerpartnerschaft Hannover - Normandie")
def load_normandie(ctx: DemoContext) -> None:
    net = network(
        ctx,
        "normandie",
        regions=("03241", "FR:R28", "FR:76"),
        name="Kammerpartnerschaft Handwerkskammer Hannover – CMA Normandie",
        short_name="HWK Hannover – CMA Normandie",
        kind=Network.Kind.PARTNERSCHAFT,
        since=D(1984, 1, 1),
        description=(
            "Seit 40 Jahren bestehende Partnerschaft der Handwerkskammer Hannover mit der "
            "Chambre de Métiers et de l'Artisanat (CMA) Normandie: gemeinsame Projekte in "
            "Ausbildung, Wirtschaft und regionaler Entwicklung, Mobilität von Lernenden "
            "zwischen beiden Regionen. (Beginn 1984: 40 Jahre vor dem Treffen 2024.)"
        ),
    )
    members(
        ctx,
        net,
        ("hwk-hannover", Role.LEAD, D(1984, 1, 1)),
        ("cma-normandie", Role.PARTNER_ABROAD, D(1984, 1, 1)),
        ("cma-formation-le-havre", Role.PARTNER_ABROAD, None, None, "Standort der CMA Formation"),
    )
    goals(
        net,
        (
            "Partnerschaft stärken und gemeinsame Projekte ausweiten",
            "Austausch und Mobilität von Auszubildenden zwischen beiden Regionen fördern",
            "Pädagogische Innovationen in der Ausbildung austauschen",
            "Wirtschaftlichen Austausch und regionale Entwicklung voranbringen",
        ),
        status=Status.IN_PROGRESS,
    )
    visit = activity(
        ctx,
        net,
        Kind.DELEGATION,
        "Delegationsbesuch der Handwerkskammer Hannover bei der CMA Normandie",
        D(2024, 9, 24),
        end=D(2024, 9, 26),
        place="Normandie (u. a. Le Havre)",
        region=ctx.regions["FR:R28"],
        organizations=("hwk-hannover", "cma-normandie", "cma-formation-le-havre"),
        notes=(
            "Dreitägiger Aufenthalt Ende September mit Fachgesprächen, "
            "Betriebsbesichtigungen und kulturellen Aktivitäten. Themen: Handwerk der "
            "Region, Herausforderungen der städtischen Schwerpunktviertel, bestehende "
            "Kammer-Partnerschaften, Chancen der regionalen Zusammenarbeit. "
            "(Genaue Tage gewählt: 24.-26.09.2024.)"
        ),
    )
    activity(
        ctx,
        net,
        Kind.WORKSHOP,
        "Arbeitstreffen bei der CMA Formation Le Havre: Pädagogische Innovationen und "
        "Internationale Mobilität für Auszubildende",
        D(2024, 9, 25),
        place="CMA Formation, Le Havre",
        region=ctx.region("76", "FR"),
        organizations=("hwk-hannover", "cma-formation-le-havre"),
        notes=(
            "Besichtigung des Ausbildungszentrums, anschließend Arbeitstreffen zu den Themen "
            "„Pädagogische Innovationen“ und „Internationale Mobilität für Auszubildende“; "
            "konkrete Ansätze für Austausch und Mobilität von Lernenden erarbeitet. "
            f"Teil des Delegationsbesuchs ({visit.start:%d.%m.}-{visit.end:%d.%m.%Y})."
        ),
    )


@register_step(32, "network: Partnerschaft Landkreis Harz - Territoire de Belfort")
def load_harz_belfort(ctx: DemoContext) -> None:
    net = network(
        ctx,
        "harz-belfort",
        regions=("15085", "FR:90"),
        name="Partnerschaft Landkreis Harz – Territoire de Belfort",
        short_name="Harz – Belfort",
        kind=Network.Kind.PARTNERSCHAFT,
        since=D(1994, 1, 1),
        description=(
            "Partnerschaft zwischen Belfort und dem Altlandkreis Halberstadt seit 1994, seit "
            "der Kreisfusion vom Landkreis Harz weitergeführt. Auf den Weg gebracht auf "
            "Initiative eines Belforter Überlebenden des KZ Langenstein-Zwieberge. "
            "Schwerpunkte: Kooperationen in Wirtschaft und Bildung, Austausch von "
            "Studierenden, Lehrkräften und Forschenden, Jugendaustausch."
        ),
    )
    fusion = D(2007, 7, 1)  # Kreisgebietsreform Sachsen-Anhalt
    members(
        ctx,
        net,
        ("lk-harz", Role.LEAD, fusion, None, "führt die Partnerschaft seit der Kreisfusion"),
        ("lk-halberstadt", Role.LEAD, D(1994, 1, 1), fusion - datetime.timedelta(days=1)),
        ("departement-belfort", Role.PARTNER_ABROAD, D(1994, 1, 1)),
        ("hochschule-harz", Role.MEMBER),
        ("ihk-magdeburg", Role.MEMBER),
        ("koba-harz", Role.MEMBER, None, None, "Integrationsprojekt, Jugendaustausch"),
        ("vhs-bildungswerk", Role.MEMBER, None, None, "Integrationsprojekt, Jugendaustausch"),
        ("iut-belfort-montbeliard", Role.PARTNER_ABROAD),
        ("utbm", Role.PARTNER_ABROAD),
        ("esta-belfort", Role.PARTNER_ABROAD),
        ("epide", Role.PARTNER_ABROAD, None, None, "Partnerorganisation im Jugendaustausch"),
    )
    goals(
        net,
        (
            "Kooperationen im Bereich Wirtschaft anbahnen",
            "Austausch von Studierenden, Lehrkräften und Forschenden aufbauen",
            "Europäischen Gedanken und Zusammenarbeit der Partnerregionen fördern",
        ),
        status=Status.IN_PROGRESS,
    )
    belfort = ctx.region("90", "FR")
    activity(
        ctx,
        net,
        Kind.DELEGATION,
        "Delegationsbesuch des Landkreises Harz in Belfort",
        D(2016, 4, 13),
        end=D(2016, 4, 15),
        place="Kreisverwaltung (Département), Belfort",
        region=belfort,
        organizations=(
            "lk-harz",
            "departement-belfort",
            "ihk-magdeburg",
            "hochschule-harz",
            "iut-belfort-montbeliard",
            "utbm",
            "esta-belfort",
        ),
        notes=(
            "Offizielle Delegation Mitte April mit Akteuren aus Wirtschaft, Hochschule und "
            "Verwaltung: Austausch und Anbahnung von Kooperationen in Wirtschaft und Bildung; "
            "Gespräche von IHK-Vertretern und Unternehmern beider Regionen; IUT, UTBM, ESTA "
            "und Hochschule Harz stellen ihr Bildungsangebot vor. "
            "(Beginn 13.04. gewählt; die Quelle nennt „Mitte April“ und den 15. April.)"
        ),
    )
    activity(
        ctx,
        net,
        Kind.MEETING,
        "Tourismustag: Altstadt und Zitadelle von Belfort",
        D(2016, 4, 15),
        place="Altstadt und Zitadelle, Belfort",
        region=belfort,
        organizations=("lk-harz", "departement-belfort"),
        notes="Der 15. April stand im Zeichen des Tourismus.",
    )
    activity(
        ctx,
        net,
        Kind.EXCHANGE,
        "Jugendaustausch im Integrationsprojekt von KoBa und VHS-Bildungswerk mit EPIDE",
        D(2016, 9, 5),
        end=D(2016, 9, 9),
        place="Landkreis Harz",
        region=ctx.region("15085"),
        organizations=("koba-harz", "vhs-bildungswerk", "epide"),
        notes=(
            "Französische Jugendliche aus der Partnerregion Belfort arbeiten im Landkreis Harz "
            "gemeinsam mit deutschen Jugendlichen in Projekten (Woche der Pressemitteilung "
            "vom 08.09.2016)."
        ),
    )
    activity(
        ctx,
        net,
        Kind.FORUM,
        "Wirtschaftsforum Harz mit Unternehmern aus Belfort",
        D(2016, 11, 1),
        place="Landkreis Harz",
        region=ctx.region("15085"),
        organizations=("lk-harz", "ihk-magdeburg"),
        notes="Für November 2016 geplant; ein genauer Tag ist nicht überliefert (1.11. gesetzt).",
    )
