"""The checker's rule lines in the reader's language, with names instead of ids.

The independent checker (``solver/checker.py``) writes one plain English line per broken
rule: that is its interface for ``verbund apprenticeship check`` and the tests. A planner
editing a stay by hand reads the same findings here, in German (or English/French), with
the apprentices' and stations' names of the run.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

WHERE = r"stay (?P<n>\d+) \((?P<apprentice>\S+) at (?P<station>\S+), week (?P<start>\d+)\+(?P<weeks>\d+)\): "

STAY_RULES = [
    (
        r"unknown apprentice, station or year",
        lambda m: _("Auszubildende/r, Station oder Ausbildungsabschnitt unbekannt"),
    ),
    (
        r"a stay needs at least one week",
        lambda m: _("ein Einsatz dauert mindestens eine Woche"),
    ),
    (
        r"station teaches position (?P<has>\S+), not (?P<wanted>\S+)",
        lambda m: (
            _("die Station vermittelt die Position „%(has)s“, nicht „%(wanted)s“")
            % {"has": m["has_title"], "wanted": m["wanted_title"]}
        ),
    ),
    (
        r"(?P<count>\d+) weeks outside the station's (?P<low>\d+)\.\.(?P<high>\d+)",
        lambda m: (
            _(
                "%(count)s Wochen liegen außerhalb der Einsatzdauer der Station (%(low)s bis %(high)s Wochen)"
            )
            % m
        ),
    ),
    (
        r"not inside training year (?P<year>\d+) \(weeks (?P<low>\d+)\.\.(?P<high>\d+)\)",
        lambda m: (
            _("liegt nicht im Ausbildungsabschnitt %(year)s (Wochen %(low)s bis %(high)s)") % m
        ),
    ),
    (
        r"blocked weeks (?P<list>.+) \(school or holidays\)",
        lambda m: (
            _("die Wochen %(list)s sind durch Berufsschule, Urlaub oder Feiertage belegt") % m
        ),
    ),
    (
        r"station not available in weeks (?P<list>.+)",
        lambda m: _("die Station ist in den Wochen %(list)s nicht verfügbar") % m,
    ),
]

OTHER_RULES = [
    (
        r"apprentice (?P<apprentice>\S+): in two stays at once in weeks (?P<list>.+)",
        lambda m: _("%(apprentice_name)s: in den Wochen %(list)s in zwei Einsätzen zugleich") % m,
    ),
    (
        r"station (?P<station>\S+): more than (?P<capacity>\d+) apprentices in weeks (?P<list>.+)",
        lambda m: (
            _("%(station_name)s: mehr als %(capacity)s Auszubildende in den Wochen %(list)s") % m
        ),
    ),
    (
        r"apprentice (?P<apprentice>\S+): position (?P<position>\S+) year (?P<year>\d+) covered "
        r"(?P<covered>\d+) of (?P<gap>\d+) weeks and (?P<missing>\d+) missing weeks not reported as uncovered",
        lambda m: (
            _(
                "%(apprentice_name)s: %(position_title)s (Abschnitt %(year)s) ist nur %(covered)s von "
                "%(gap)s Wochen abgedeckt; %(missing)s Wochen fehlen im Plan"
            )
            % m
        ),
    ),
]


def in_words(line: str, labels: dict, positions: dict) -> str:
    """One checker line as a sentence for the planner; unknown lines keep their text."""

    def named(match: re.Match) -> dict:
        values = {key: value for key, value in match.groupdict().items() if value is not None}
        values["apprentice_name"] = labels.get("apprentices", {}).get(
            values.get("apprentice"), values.get("apprentice", "")
        )
        values["station_name"] = labels.get("stations", {}).get(
            values.get("station"), values.get("station", "")
        )
        for key in ("position", "has", "wanted"):
            if key in values:
                values[f"{key}_title"] = positions.get(values[key], values[key])
        return values

    head = re.match(WHERE, line)
    if head:
        rest = line[head.end() :]
        for pattern, text in STAY_RULES:
            match = re.fullmatch(pattern, rest)
            if match:
                # the stay's names come from its head, the rule's own values from the rest
                values = {**named(match), **named(head)}
                return _(
                    "Einsatz von %(apprentice_name)s bei %(station_name)s ab Woche %(start)s "
                    "(%(weeks)s Wochen): %(rule)s"
                ) % {**values, "rule": text(values)}
    for pattern, text in OTHER_RULES:
        match = re.fullmatch(pattern, line)
        if match:
            return text(named(match))
    return _("Regel verletzt: %(line)s") % {"line": line}
