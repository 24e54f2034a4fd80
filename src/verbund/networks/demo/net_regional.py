"""Demo steps: the two regional networks, as seeds 002 (MehrWert) and 004 (Ruhr) report them."""

import datetime
from decimal import Decimal

from verbund.core.demo.registry import MARKER_NETWORK_NAME, DemoContext, register_step
from verbund.networks.demo.building import Kind, Role, Status, activity, goals, members, network
from verbund.networks.models import FundingSource, Network

D = datetime.date

MEHRWERT_DISTRICTS = (
    "lk-holzminden",
    "lk-hameln-pyrmont",
    "lk-schaumburg",
    "lk-nienburg",
    "lk-diepholz",
    "lk-cloppenburg",
    "lk-vechta",
)
# "fast eine Million Euro, rund 70 Prozent der Gesamtkosten": 980,000 EUR of 1.4 million.
MEHRWERT_BUDGET = Decimal("1400000.00")
MEHRWERT_BMAS_SHARE = Decimal("70.00")
# The source only says the seven districts carry the remaining 30 %; the demo splits them
# as evenly as two decimals allow (4 x 4.29 % + 3 x 4.28 % = 30.00 %).
MEHRWERT_DISTRICT_SHARES = (
    Decimal("4.29"),
    Decimal("4.29"),
    Decimal("4.29"),
    Decimal("4.29"),
    Decimal("4.28"),
    Decimal("4.28"),
    Decimal("4.28"),
)


@register_step(33, "network: MehrWert Weiterbildungsverbund")
def load_mehrwert(ctx: DemoContext) -> None:
    net = network(
        ctx,
        "mehrwert",
        regions=("03255", "03252", "03257", "03256", "03251", "03453", "03460"),
        name=MARKER_NETWORK_NAME,
        short_name="MehrWert",
        kind=Network.Kind.WEITERBILDUNGSVERBUND,
        budget=MEHRWERT_BUDGET,
        currency="EUR",
        budget_period="3 Jahre",
        description=(
            "Sieben Landkreise schaffen gemeinsam eine attraktive landkreisübergreifende "
            "Weiterbildungsregion: „Wir im ländlichen Raum können es auch!“ Einer von "
            "zurzeit 39 Weiterbildungsverbünden bundesweit, gefördert vom BMAS."
        ),
    )
    members(
        ctx,
        net,
        ("psg", Role.SPONSOR, None, None, "Projektträgerin"),
        *((key, Role.MEMBER, None, None, "Wirtschaftsförderung") for key in MEHRWERT_DISTRICTS),
    )
    FundingSource.objects.create(
        network=net,
        funder="Bundesministerium für Arbeit und Soziales (BMAS)",
        share_percent=MEHRWERT_BMAS_SHARE,
        amount=MEHRWERT_BUDGET * MEHRWERT_BMAS_SHARE / 100,
        note="Förderung über drei Jahre, fast eine Million Euro (rund 70 % der Gesamtkosten)",
    )
    for key, share in zip(MEHRWERT_DISTRICTS, MEHRWERT_DISTRICT_SHARES, strict=True):
        district = ctx.org(key)
        FundingSource.objects.create(
            network=net,
            funder=district.name,
            organization=district,
            share_percent=share,
            amount=MEHRWERT_BUDGET * share / 100,
            note="Eigenanteil der Landkreise: zusammen 30 %, gleichmäßig aufgeteilt (Annahme)",
        )
    goals(
        net,
        (
            "Qualifizierungsbedarf bei kleinen und mittelständischen Betrieben erheben",
            "Anbieterübergreifende regionale Beratungsbüros (MehrWert-Büros) schaffen",
            "Eine Weiterbildungsdatenbank für die Region aufbauen",
            "Passgenaue Angebote mit den Weiterbildungsanbietern vor Ort entwickeln",
        ),
        status=Status.IN_PROGRESS,
    )
    goals(net, ("Gemeinsamer Auftritt mit frischem, modernem Logo",))
    everyone = ("psg", *MEHRWERT_DISTRICTS)
    activity(
        ctx,
        net,
        Kind.WORKSHOP,
        "Erster gemeinsamer Workshop des MehrWert-Verbunds",
        D(2022, 2, 1),
        organizations=everyone,
        notes=(
            "Einigung auf den gemeinsamen Auftritt: frisches, modernes Logo, Botschaft "
            "„Wir im ländlichen Raum können es auch!“; Beraterinnen und Berater für die "
            "MehrWert-Büros werden gesucht. (Quelle: Workshop „in 2022“, Bericht vom "
            "21.02.2022; Tag gewählt.)"
        ),
    )
    activity(
        ctx,
        net,
        Kind.SURVEY,
        "Befragung von Personengruppen in kleinen und mittelständischen Betrieben",
        D(2022, 3, 1),
        end=D(2022, 6, 30),
        organizations=everyone,
        notes=(
            "Geplant für die Monate nach dem ersten Workshop: Unternehmerinnen und "
            "Unternehmer, ältere und jüngere Beschäftigte, Menschen mit Migrationsgeschichte. "
            "Beispielthemen: Neue Arbeitsformen, Digitalisierung, generationenübergreifendes "
            "Arbeiten."
        ),
    )


@register_step(35, "network: In|Die RegionRuhr")
def load_ruhr(ctx: DemoContext) -> None:
    net = network(
        ctx,
        "ruhr",
        regions=("05911", "05562004", "05913", "05914", "05916", "05954"),
        name="In|Die RegionRuhr",
        short_name="In|Die RegionRuhr",
        kind=Network.Kind.INITIATIVE,
        description=(
            "Gemeinsame Netzwerkinitiative der Wirtschaftsstandorte Bochum, Castrop-Rauxel, "
            "Dortmund, Hagen, Herne und des Ennepe-Ruhr-Kreises zur nachhaltigen Stärkung des "
            "regionalen Produktions- und Dienstleistungsverbundes: Unternehmen, Hochschulen und "
            "Forschungseinrichtungen verbinden, Innovationen anstoßen, Märkte erschließen, "
            "Kooperationsprojekte fördern. Rund 2.000 Spezialanbieter und Mittelständler mit "
            "130.000 Beschäftigten."
        ),
    )
    members(
        ctx,
        net,
        ("stadt-bochum", Role.MEMBER),
        ("stadt-castrop-rauxel", Role.MEMBER),
        ("stadt-dortmund", Role.MEMBER),
        ("stadt-hagen", Role.MEMBER),
        ("stadt-herne", Role.MEMBER),
        ("ennepe-ruhr-kreis", Role.MEMBER),
        ("en-agentur", Role.MEMBER, None, None, "Wirtschaftsförderung des Ennepe-Ruhr-Kreises"),
        ("sihk-hagen", Role.MEMBER),
        ("hesterberg", Role.MEMBER, None, None, "Gastgeber „Wirtschaft trifft Wirtschaft“"),
    )
    goals(
        net,
        (
            "Potenziale von Unternehmen, Hochschulen und Forschung verbinden",
            "Verbundausbildung über die Kreisgrenzen hinaus fördern",
            "Kooperationsprojekte und neue Märkte erschließen",
        ),
        status=Status.IN_PROGRESS,
    )
    activity(
        ctx,
        net,
        Kind.FORUM,
        "Wirtschaft trifft Wirtschaft: Verbundausbildung",
        D(2024, 6, 20),
        start_time=datetime.time(17, 30),
        end_time=datetime.time(20, 0),
        place="F. Hesterberg & Söhne, Ennepetal",
        region=ctx.region("05954"),
        organizations=("hesterberg", "en-agentur", "sihk-hagen"),
        notes=(
            "Stand und Instrumente der Verbundausbildung, gemeinsame Trainingsstationen und "
            "-module; praktische Beispiele, wo Verbundausbildung möglich, sinnvoll und "
            "kostensparend ist. Referenten aus der Geschäftsführung des Gastgebers und der "
            "SIHK Hagen. Für Firmen aus Bochum, Dortmund, Hagen, Herne und dem "
            "Ennepe-Ruhr-Kreis; Teilnehmerzahl begrenzt."
        ),
    )
