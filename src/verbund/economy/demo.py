"""Demo step: the joint business-climate survey of IHK Braunschweig and IHK Lüneburg-Wolfsburg.

Seed 003: the two chambers publish their first joint report for the economic area
Braunschweig-Wolfsburg in autumn 2018. The panel (a few directory companies and about 300
synthetic firms with the region's mix: much industry and automotive supply, trade,
services, some construction) answered three waves a year from early 2016 until the wave
before today; the current wave is open and half answered. The mood follows the real cycle
in broad strokes: good years to 2018, the 2019 slowdown, the 2020 slump, recovery, the
2022 energy-price shock, a weak 2023-2025. Answers are drawn per firm, with a firm's own
persistent tilt, so the panel looks like a panel, not like noise.
"""

import datetime
import math
import random

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization
from verbund.economy import choices
from verbund.economy.choices import Season
from verbund.economy.models import Answer, ExtraQuestion, Invitation, PanelFirm, Report, Wave
from verbund.economy.services import reports
from verbund.needs.services.waves import new_token

FIRST_YEAR = 2016
SEASON_START = {1: (1, 10), 2: (5, 2), 3: (9, 5)}  # (month, day) a wave opens
SURVEY_DAYS = 21
BRAUNSCHWEIG_DISTRICTS = ("03101", "03153", "03154", "03157", "03158")
LUENEBURG_WOLFSBURG_DISTRICTS = ("03103", "03151", "03355")
# The cycle: (year, season) -> mood from -1 (slump) to +1 (boom); waves not listed interpolate.
CYCLE = {
    (2016, 1): 0.35, (2017, 1): 0.5, (2018, 1): 0.6, (2018, 3): 0.45, (2019, 2): 0.15,
    (2020, 1): 0.05, (2020, 2): -0.75, (2020, 3): -0.3, (2021, 2): 0.1, (2021, 3): 0.3,
    (2022, 1): 0.25, (2022, 2): -0.1, (2022, 3): -0.55, (2023, 2): -0.2, (2024, 1): -0.35,
    (2025, 1): -0.3, (2026, 1): -0.1, (2027, 1): 0.0,
}  # fmt: skip
SECTOR_TILT = {"C": 0.05, "29": 0.0, "F": 0.15, "G": -0.1, "I": -0.15, "H": -0.05, "M": 0.2}
WZ_MIX = (
    ["29.32"] * 8 + ["28.99"] * 3 + ["25.62"] * 4 + ["22.29"] * 2 + ["C"] * 3 + ["F"] * 4
    + ["47.11"] * 3 + ["46.69"] * 3 + ["G"] * 2 + ["49.41"] * 3 + ["56.10"] * 2
    + ["62.01"] * 4 + ["71.12"] * 3 + ["M"] * 2 + ["N"] * 2 + ["86.21"] * 2
)  # fmt: skip
TRADES = {
    "29": ("Fahrzeugteile", "Automotive Systems", "Kunststofftechnik"),
    "28": ("Maschinenbau", "Anlagenbau"),
    "25": ("Präzisionsteile", "Metallbearbeitung"),
    "22": ("Kunststoffwerk",),
    "C": ("Feinwerktechnik", "Verpackungen"),
    "F": ("Bauunternehmung", "Hoch- und Tiefbau", "Dachtechnik"),
    "47": ("Einzelhandel", "Fachmarkt"),
    "46": ("Großhandel", "Industriebedarf"),
    "G": ("Autohaus", "Handelshaus"),
    "49": ("Spedition", "Logistik"),
    "56": ("Gastronomie", "Hotel und Restaurant"),
    "62": ("Software", "IT-Systemhaus"),
    "71": ("Ingenieurbüro", "Prüftechnik"),
    "M": ("Unternehmensberatung", "Steuerberatung"),
    "N": ("Gebäudeservice", "Personaldienstleistungen"),
    "86": ("Praxisklinik", "Gesundheitszentrum"),
}
FAMILIES = (
    "Hartmann", "Wendt", "Brandes", "Kemmling", "Rautenberg", "Ohlendorf", "Bosse", "Lüddecke",
    "Ahrens", "Wesche", "Hillmer", "Grabenhorst", "Pape", "Schaper", "Kahle", "Voges",
    "Bertram", "Lampe", "Strube", "Mahnkopf", "Rode", "Warnecke", "Klages", "Ebeling",
)  # fmt: skip
LEGAL = ("GmbH", "GmbH & Co. KG", "KG", "AG", "e.K.")
# Directory companies of the region that joined the panel (fictitious firms, real places).
DIRECTORY_FIRMS = (
    ("Brandes Präzisionsteile GmbH", "03101", "25.62", "10-49", 45, "ihk-braunschweig"),
    ("Ohlendorf Fahrzeugtechnik GmbH & Co. KG", "03158", "29.32", "250+", 640, "ihk-braunschweig"),
    ("Harzer Bauunternehmung Kahle GmbH", "03153", "F", "50-249", 120, "ihk-braunschweig"),
    ("Wolfsburger Software-Werkstatt GmbH", "03103", "62.01", "50-249", 85, "ihk-lueneburg-wolfsburg"),
    ("Spedition Voges Gifhorn KG", "03151", "49.41", "50-249", 210, "ihk-lueneburg-wolfsburg"),
    ("Kaufhaus Lüddecke Lüneburg e.K.", "03355", "47.11", "10-49", 38, "ihk-lueneburg-wolfsburg"),
)  # fmt: skip
REPORT_TEXTS = {
    "summary": (
        "Die Wirtschaft im gemeinsamen Wirtschaftsraum Braunschweig-Wolfsburg ist im Herbst "
        "2018 weiter in guter Verfassung, die Erwartungen sind aber vorsichtiger geworden."
    ),
    "situation_text": (
        "Knapp die Hälfte der Betriebe bewertet ihre Lage als gut. Getragen wird das von der "
        "Industrie und den unternehmensnahen Dienstleistungen."
    ),
    "outlook_text": (
        "Für die kommenden zwölf Monate rechnen weniger Betriebe mit besseren Geschäften als "
        "im Frühsommer. Als größtes Risiko nennen sie den Fachkräftemangel, gefolgt von den "
        "wirtschaftspolitischen Rahmenbedingungen."
    ),
    "sectors_text": (
        "Die Automobilzulieferer melden nach der Umstellung auf das neue Prüfverfahren WLTP "
        "eine gedämpfte Nachfrage; der Bau ist voll ausgelastet."
    ),
    "press_text": (
        "„Erstmals sprechen wir für den ganzen Wirtschaftsraum mit einer Stimme“, sagen die "
        "Hauptgeschäftsführer beider Kammern."
    ),
}


def _mood(year: int, season: int) -> float:
    points = sorted(CYCLE.items())
    position = year * 3 + season
    for (key_a, mood_a), (key_b, mood_b) in zip(points, points[1:], strict=False):
        pos_a, pos_b = key_a[0] * 3 + key_a[1], key_b[0] * 3 + key_b[1]
        if pos_a <= position <= pos_b:
            return mood_a + (mood_b - mood_a) * (position - pos_a) / (pos_b - pos_a)
    return points[-1][1]


def _pick(rng: random.Random, level: float, options: tuple[str, str, str]) -> str:
    """One of (up, middle, down): a higher ``level`` makes "up" likelier, "down" rarer."""
    up = 0.25 + 0.3 * math.tanh(level)
    down = 0.21 - 0.28 * math.tanh(level)
    up, down = min(max(up, 0.03), 0.85), min(max(down, 0.03), 0.8)
    draw = rng.random()
    return options[0] if draw < up else options[2] if draw > 1 - down else options[1]


def _waves_until(today: datetime.date):
    year, season = FIRST_YEAR, 1
    while True:
        month, day = SEASON_START[season]
        opens = datetime.date(year, month, day)
        if opens > today:
            return
        yield year, season, opens
        year, season = (year + 1, 1) if season == 3 else (year, season + 1)


def _synthetic_firms(rng: random.Random, net, chambers, regions) -> list[PanelFirm]:
    firms = []
    for number in range(300):
        wz = rng.choice(WZ_MIX)
        key = wz[:2] if wz[:2] in TRADES else wz[0]
        chamber_key = "ihk-braunschweig" if rng.random() < 0.6 else "ihk-lueneburg-wolfsburg"
        districts = (
            BRAUNSCHWEIG_DISTRICTS
            if chamber_key == "ihk-braunschweig"
            else LUENEBURG_WOLFSBURG_DISTRICTS
        )
        size = rng.choices((6, 25, 90, 320, 700, 2500), weights=(30, 35, 20, 9, 4, 2))[0]
        firms.append(
            PanelFirm(
                network=net,
                name=f"{FAMILIES[number % len(FAMILIES)]} {rng.choice(TRADES[key])} "
                f"{rng.choice(LEGAL)}",
                chamber=chambers[chamber_key],
                district=regions[rng.choice(districts)],
                wz=wz,
                employees=max(1, int(size * rng.uniform(0.6, 1.4))),
                email=f"konjunktur{number:03d}@betrieb.example",
            )
        )
    return PanelFirm.objects.bulk_create(firms)


# Seed 003: the first joint report covers "IV. Quartal 2018" (the autumn survey's round).
FIRST_JOINT = (2018, Season.QUARTAL_4)


def _answers(rng, wave, firms, tilt, share: float) -> list[Answer]:
    season = Season.HERBST if wave.season == Season.QUARTAL_4 else wave.season
    mood = _mood(wave.year, season)
    rows = []
    for firm in firms:
        if rng.random() > share:
            continue
        level = mood + tilt[firm.pk] + SECTOR_TILT.get(firm.wz[:2], SECTOR_TILT.get(firm.wz[0], 0))
        future = mood * 0.6 + tilt[firm.pk] * 0.5 + rng.gauss(0, 0.2) - 0.1
        risks = [r for r in choices.Risk.values if rng.random() < _risk_share(r, mood)]
        rows.append(
            Answer(
                wave=wave,
                firm=firm,
                chamber_id=firm.chamber_id,
                district_id=firm.district_id,
                wz=firm.wz,
                employees=firm.employees,
                lage=_pick(rng, level, ("gut", "befriedigend", "schlecht")),
                erwartungen=_pick(rng, future, ("besser", "gleich", "schlechter")),
                exporte=_pick(rng, future, ("hoeher", "gleich", "geringer"))
                if firm.wz[0] in "C2" or rng.random() < 0.3
                else "",
                investitionen=_pick(rng, future - 0.1, ("hoeher", "gleich", "geringer")),
                beschaeftigung=_pick(rng, future - 0.05, ("hoeher", "gleich", "geringer")),
                risiken=risks,
                status=Answer.Status.SUBMITTED,
                submitted_at=wave.created_at,
            )
        )
    return rows


def _risk_share(risk: str, mood: float) -> float:
    """About three risks per firm; skills shortage weighs in booms, demand in slumps."""
    base = {
        "inlandsnachfrage": 0.45 - 0.2 * mood,
        "auslandsnachfrage": 0.2 - 0.1 * mood,
        "finanzierung": 0.12 - 0.08 * mood,
        "arbeitskosten": 0.4,
        "fachkraeftemangel": 0.5 + 0.15 * mood,
        "energie_rohstoffe": 0.35,
        "wechselkurse": 0.07,
        "wirtschaftspolitik": 0.45,
    }
    return min(max(base[risk], 0.02), 0.95)


@register_step(
    600, "economy: joint business-climate survey IHK Braunschweig - IHK Lüneburg-Wolfsburg"
)
def load_business_climate(ctx: DemoContext) -> None:
    rng = random.Random(2018)
    net = ctx.network("ihk-kooperation")
    chambers = {key: ctx.org(key) for key in ("ihk-braunschweig", "ihk-lueneburg-wolfsburg")}
    regions = {
        code: ctx.region(code) for code in BRAUNSCHWEIG_DISTRICTS + LUENEBURG_WOLFSBURG_DISTRICTS
    }
    firms = []
    for name, district, wz, size_class, employees, chamber in DIRECTORY_FIRMS:
        company = Organization.objects.create(
            name=name, kind=Organization.Kind.COMPANY, wz_section=wz[0] if wz[0].isalpha() else "C",
            size_class=size_class, region=regions[district], city=regions[district].name,
        )  # fmt: skip
        ctx.organizations[f"konjunktur-{len(firms)}"] = company
        firms.append(
            PanelFirm.objects.create(
                network=net,
                organization=company,
                name=name,
                chamber=chambers[chamber],
                district=regions[district],
                wz=wz,
                employees=employees,
                email=f"info{len(firms)}@betrieb.example",
            )  # fmt: skip
        )
    firms += _synthetic_firms(rng, net, chambers, regions)
    tilt = {firm.pk: rng.gauss(0, 0.35) for firm in firms}
    waves = list(_waves_until(ctx.today))
    answers = []
    for index, (year, season, opens) in enumerate(waves):
        current = index == len(waves) - 1
        if (year, season) == (FIRST_JOINT[0], Season.HERBST):
            season = FIRST_JOINT[1]
        wave = Wave.objects.create(
            network=net, year=year, season=season, opens_on=opens,
            closes_on=opens + datetime.timedelta(days=SURVEY_DAYS),
            status=Wave.Status.OPEN if current else Wave.Status.CLOSED,
        )  # fmt: skip
        if current:
            wave.closes_on = max(wave.closes_on, ctx.days(14))
            wave.save(update_fields=["closes_on"])
            Invitation.objects.bulk_create(
                Invitation(wave=wave, firm=firm, token=new_token(), sent_at=wave.created_at)
                for firm in firms
            )
            _extra_questions(wave, chambers)
        answers += _answers(rng, wave, firms, tilt, 0.45 if current else rng.uniform(0.68, 0.8))
    Answer.objects.bulk_create(answers, batch_size=2000)
    _comments_and_extra_answers(net)
    _reports(ctx, net, chambers)
    ctx.log(f"{len(firms)} panel firms, {len(waves)} waves, {len(answers)} answers")


COMMENTS = (
    "Uns fehlen vor allem Elektrikerinnen und Elektriker; Stellen bleiben monatelang offen.",
    "Die Energiepreise fressen unsere Marge auf, weitergeben können wir sie kaum.",
    "Die Aufträge aus Wolfsburg sind rückläufig, wir suchen neue Kunden außerhalb der Autoindustrie.",
    "Genehmigungen dauern zu lange; die Erweiterung unserer Halle wartet seit einem Jahr.",
    "Die Nachfrage ist gut, aber Material kommt nur mit langen Lieferzeiten.",
    "Wir investieren in Digitalisierung, dafür fehlt uns aber IT-Personal.",
    "Bürokratie bei Förderprogrammen schreckt uns als kleinen Betrieb ab.",
    "Das Weihnachtsgeschäft lief besser als erwartet.",
)


def _comments_and_extra_answers(net) -> None:
    """A few free-text remarks in every wave; the chambers' extra questions answered."""
    rng = random.Random(14)  # its own sequence: the figures of the demo stay as they were
    questions = {q.chamber_id: q for q in ExtraQuestion.objects.filter(wave__network=net)}
    changed = []
    for answer in Answer.objects.filter(wave__network=net).select_related("wave"):
        if rng.random() < 0.06:
            answer.free_text = rng.choice(COMMENTS)
        question = questions.get(answer.chamber_id)
        if question is not None and question.wave_id == answer.wave_id:
            weights = (0.3, 0.45, 0.25) if len(question.options) == 3 else (0.5, 0.5)
            option = rng.choices(range(len(question.options)), weights)[0]
            answer.extra_answers = {str(question.pk): str(option)}
        if answer.free_text or answer.extra_answers:
            changed.append(answer)
    Answer.objects.bulk_update(changed, ["free_text", "extra_answers"], batch_size=2000)


def _extra_questions(wave, chambers) -> None:
    ExtraQuestion.objects.create(
        wave=wave, chamber=chambers["ihk-braunschweig"], order=1, kind=ExtraQuestion.Kind.CHOICE,
        options=[
            {"de": "stark", "en": "strongly", "fr": "fortement"},
            {"de": "etwas", "en": "somewhat", "fr": "un peu"},
            {"de": "gar nicht", "en": "not at all", "fr": "pas du tout"},
        ],
        text_de="Wie stark betrifft Sie der Wandel der Automobilindustrie zur Elektromobilität?",
        text_en="How strongly does the automotive industry's shift to electric vehicles affect you?",
        text_fr="Dans quelle mesure êtes-vous concerné par le passage de l'automobile à l'électrique ?",
    )  # fmt: skip
    ExtraQuestion.objects.create(
        wave=wave, chamber=chambers["ihk-lueneburg-wolfsburg"], order=1,
        kind=ExtraQuestion.Kind.CHOICE,
        options=[{"de": "ja", "en": "yes", "fr": "oui"}, {"de": "nein", "en": "no", "fr": "non"}],
        text_de="Planen Sie in den nächsten zwölf Monaten Investitionen in die Digitalisierung?",
        text_en="Do you plan investments in digitalisation in the next twelve months?",
        text_fr="Prévoyez-vous des investissements dans la numérisation dans les douze prochains mois ?",
    )  # fmt: skip


def _reports(ctx, net, chambers) -> None:
    publisher = ctx.users.get("konjunktur")
    first_joint = Wave.objects.get(network=net, year=FIRST_JOINT[0], season=FIRST_JOINT[1])
    joint = reports.report_for(first_joint, None, publisher)
    Report.objects.filter(pk=joint.pk).update(**REPORT_TEXTS)
    joint.refresh_from_db()
    reports.publish(joint, publisher)
    own = reports.report_for(first_joint, chambers["ihk-braunschweig"], publisher)
    reports.publish(own, publisher)
    latest = (
        Wave.objects.filter(network=net, status=Wave.Status.CLOSED)
        .order_by("-year", "-season")
        .first()
    )
    if latest is not None and latest != first_joint:
        latest_report = reports.report_for(latest, None, publisher)
        Report.objects.filter(pk=latest_report.pk).update(
            summary="Die Stimmung bleibt gedämpft; die Betriebe halten sich mit Investitionen zurück."
        )
        latest_report.refresh_from_db()
        reports.publish(latest_report, publisher)
