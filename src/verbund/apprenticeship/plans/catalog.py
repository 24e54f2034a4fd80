"""The seven regulations shipped with verbund and how their Anlage tables are read.

Each ``Part`` names one table of the regulation text (its heading, where it ends, a prefix
that keeps position numbers of several tables apart) and maps the table's time columns
to training periods. The columns were read off the table headers by hand; the test in
tests/apprenticeship/test_plan_extraction.py checks the result against the texts.
"""

from __future__ import annotations

from dataclasses import dataclass

WEEKS_PER_YEAR = 52


@dataclass(frozen=True)
class Period:
    year: int
    label: str
    from_week: int
    to_week: int


@dataclass(frozen=True)
class Part:
    heading: str
    until: str | None
    time_columns: int
    column_periods: tuple[int, ...]  # period ``year`` of every time column
    prefix: str = ""
    label: str = ""


@dataclass(frozen=True)
class Grouped:
    """Where a *zeitliche Gliederung* in months per group stands (see ``groups``).

    ``heading``/``until`` cut the time table (or the prose, ``prose=True``) out of the text,
    from ``start`` on; ``periods`` maps the period labels beside a Zeitrahmen to the years;
    ``positions_heading`` names the table that gives titles and skills when the time part is
    prose; positions whose number starts with one of ``throughout`` are taught throughout.
    """

    heading: str
    until: str | None
    start: str = ""
    stop: str = ""
    time_columns: int = 1
    periods: tuple[tuple[str, int], ...] = ()
    prose: bool = False
    positions_heading: str = ""
    positions_until: str = ""
    throughout: tuple[str, ...] = ()


@dataclass(frozen=True)
class Regulation:
    code: str
    name: str
    regulation: str
    source: str  # file name under shared/domain/occupations
    duration_months: int
    periods: tuple[Period, ...]
    parts: tuple[Part, ...] = ()
    grouped: Grouped | None = None

    @property
    def weeks(self) -> int:
        return self.periods[-1].to_week


def _years(*labels_and_lengths: tuple[str, int]) -> tuple[Period, ...]:
    periods, start = [], 1
    for year, (label, length) in enumerate(labels_and_lengths, start=1):
        periods.append(Period(year, label, start, start + length - 1))
        start += length
    return tuple(periods)


THREE_AND_A_HALF_YEARS = _years(
    ("1. Ausbildungsjahr", 52), ("2. Ausbildungsjahr", 52), ("3. und 4. Ausbildungsjahr", 78)
)
MONTHS_18_42 = _years(("1. bis 18. Monat", 78), ("19. bis 42. Monat", 104))
MONTHS_18_36 = _years(("1. bis 18. Monat", 78), ("19. bis 36. Monat", 78))

REGULATIONS: tuple[Regulation, ...] = (
    Regulation(
        code="2710",
        name="Mechatroniker/-in",
        regulation="Mechatroniker-Ausbildungsverordnung (MechatronikerAusbV) 2018",
        source="mechatronikerausbv.md",
        duration_months=42,
        periods=THREE_AND_A_HALF_YEARS,
        # "2" spans two columns (before and after Teil 1 of the final exam)
        parts=(Part("## Anlage 1", None, 4, (1, 2, 2, 3)),),
    ),
    Regulation(
        code="2811",
        name="Kfz-Mechatroniker/-in, Schwerpunkt Personenkraftwagentechnik",
        regulation="Kraftfahrzeugmechatroniker-Ausbildungsverordnung (KfzMechAAusbV) 2013",
        source="kfzmechaausbv_2013.md",
        duration_months=42,
        periods=MONTHS_18_42,
        parts=(
            Part("**Abschnitt A:", "**1. Schwerpunkt", 2, (1, 2), "A", "Abschnitt A"),
            Part("**1. Schwerpunkt", "**2. Schwerpunkt", 2, (1, 2), "P", "Schwerpunkt Pkw"),
            Part("**Abschnitt B:", None, 2, (1, 2), "B", "Abschnitt B"),
        ),
    ),
    Regulation(
        code="6420",
        name="Fachinformatiker/-in Anwendungsentwicklung",
        regulation="Fachinformatikerausbildungsverordnung (FIAusbV) 2020",
        source="fiausbv.md",
        duration_months=36,
        periods=MONTHS_18_36,
        parts=(
            Part("## **Abschnitt A:", "\n## ", 2, (1, 2), "A", "Abschnitt A"),
            Part("## **Abschnitt B:", "\n## ", 2, (1, 2), "B", "Abschnitt B"),
            Part("## **Abschnitt F:", None, 2, (1, 2), "F", "Abschnitt F"),
        ),
    ),
)

REGULATIONS += (
    Regulation(
        code="MB-KT",
        name="Metallbauer/-in, Fachrichtung Konstruktionstechnik",
        regulation="Metallbauer-Ausbildungsverordnung (MetallbAusbV) 2008",
        source="metallbausbv_2008.md",
        duration_months=42,
        periods=THREE_AND_A_HALF_YEARS,
        parts=(
            Part(
                "**Abschnitt I:", "**Abschnitt II", 4, (1, 2, 2, 3), "I", "Berufliche Grundbildung"
            ),
            Part(
                "**Abschnitt II",
                "B. Berufliche Fachbildung",
                4,
                (1, 2, 2, 3),
                "II",
                "Berufliche Fachbildung",
            ),
            Part(
                "1\\. Fachrichtung Konstruktionstechnik",
                "2\\. Fachrichtung",
                4,
                (1, 2, 2, 3),
                "K",
                "Fachrichtung Konstruktionstechnik",
            ),
        ),
    ),
)

# Time guidelines in months per group of positions (Zeitrahmen), read by ``groups``.
THREE_AND_A_HALF_YEARS_HALVES = _years(
    ("1. Ausbildungsjahr", 52),
    ("2. Ausbildungsjahr, 1. Halbjahr", 26),
    ("2. Ausbildungsjahr, 2. Halbjahr, 3. und 4. Ausbildungsjahr", 104),
)
TWO_YEARS = _years(("1. Ausbildungsjahr", 52), ("2. Ausbildungsjahr", 52))
THREE_YEARS = _years(
    ("1. Ausbildungsjahr", 52), ("2. Ausbildungsjahr", 52), ("3. Ausbildungsjahr", 52)
)

REGULATIONS += (
    Regulation(
        code="2611",
        name="Industriemechaniker/-in",
        regulation="Verordnung über die Berufsausbildung in den industriellen Metallberufen "
        "(IndMetAusbV) 2007, Anlage 3",
        source="indmetausbv_2007.md",
        duration_months=42,
        periods=THREE_AND_A_HALF_YEARS_HALVES,
        grouped=Grouped(
            "### Anlage 3",
            "### Anlage 4",
            start="**Teil B",
            periods=(
                ("1. Ausbildungsjahr", 1),
                ("2. Ausbildungsjahr, 1. Halbjahr", 2),
                ("2. Ausbildungsjahr, 2. Halbjahr", 3),
            ),
        ),
    ),
    Regulation(
        code="IE-BT",
        name="Industrieelektriker/-in, Fachrichtung Betriebstechnik",
        regulation="Verordnung über die Berufsausbildung zum Industrieelektriker/zur "
        "Industrieelektrikerin (IndElekAusbV) 2009",
        source="indelekausbv.md",
        duration_months=24,
        periods=TWO_YEARS,
        # Abschnitt 1 (common) and 2 (Betriebstechnik); Abschnitt 3 is Geräte und Systeme
        grouped=Grouped("## Anlage 2", None, stop="**Abschnitt 3:", time_columns=2),
    ),
    Regulation(
        code="6170",
        name="Industriekaufmann/-frau",
        regulation="Verordnung über die Berufsausbildung zum Industriekaufmann/zur "
        "Industriekauffrau (IndKfmAusbV) 2002",
        source="indkfmausbv_2002.md",
        duration_months=36,
        periods=THREE_YEARS,
        grouped=Grouped(
            "## Anlage 2",
            None,
            prose=True,
            positions_heading="## Anlage 1",
            positions_until="## Anlage 2",
            throughout=("1.", "2.", "3.", "4."),
        ),
    ),
)

BY_CODE = {regulation.code: regulation for regulation in REGULATIONS}
