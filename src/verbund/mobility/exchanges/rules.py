"""The rules of a Franco-German group exchange (ProTandem), checked on plain data.

Pure Python without Django: the batch command ``verbund mobility check-exchange`` and the
screens call :func:`check`; a violation carries its text in German and French, because
both partners read it. The rules are data (:data:`PROGRAMMES`, by programme and, where an
agency changes them, by year), as ``shared/domain/mobility.md`` asks:

- ``group_size``: at least N learners and M companions per leg (language companions are
  funded on their own and do not count as companions);
- ``duration``: at least D days abroad per leg, counting the first and the last day;
- ``reciprocity``: an outgoing and an incoming leg (Hin- und Rückaustausch);
- ``guardian_consent``: a learner under 18 on the leg's first day needs a guardian's
  written consent (age by § 187 (2) BGB: one is 18 from the start of the 18th birthday;
  born on 29 February, from 1 March in a year without one);
- ``preparatory_meeting``: held, and before the first leg;
- ``tandem_course``: at least 20 hours of tandem language course.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgrammeRules:
    label_de: str
    label_fr: str
    min_learners: int
    min_companions: int
    min_days: int
    min_tandem_hours: int = 20


# ProTandem's guidelines (shared/domain/mobility.md); an agency's change gets a new entry
# keyed by the first year it applies, e.g. ("protandem_initial", 2028).
PROGRAMMES: dict[tuple[str, int], ProgrammeRules] = {
    ("protandem_initial", 2000): ProgrammeRules(
        "ProTandem Gruppenaustausch Ausbildung",
        "ProTandem échange de groupe, formation initiale",
        min_learners=8,
        min_companions=2,
        min_days=21,
    ),
    ("protandem_continuing", 2000): ProgrammeRules(
        "ProTandem Gruppenaustausch Weiterbildung",
        "ProTandem échange de groupe, formation continue",
        min_learners=6,
        min_companions=1,
        min_days=14,
    ),
}
ROLES = ("learner", "companion", "language_companion")
DIRECTIONS = ("outgoing", "incoming")
ADULT_AGE = 18


class ExchangeFileError(ValueError):
    """The file is not a group exchange as specified; the message names the field."""


@dataclass(frozen=True)
class Participant:
    id: str
    role: str
    birth_date: datetime.date | None
    guardian_consent: bool


@dataclass(frozen=True)
class Leg:
    direction: str
    start: datetime.date
    end: datetime.date
    participants: tuple[Participant, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Exchange:
    programme: str
    legs: tuple[Leg, ...]
    preparatory_meeting: datetime.date | None
    tandem_course_hours: float


@dataclass(frozen=True)
class Violation:
    rule: str
    leg: int | None
    detail_de: str
    detail_fr: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "leg": self.leg, "detail": self.detail_de}


def rules_for(programme: str, year: int) -> ProgrammeRules:
    """The rules in force for ``programme`` in ``year`` (the latest entry not after it)."""
    years = [y for (name, y) in PROGRAMMES if name == programme and y <= year]
    if not years:
        raise ExchangeFileError(f"programme: »{programme}« ist kein bekanntes Programm.")
    return PROGRAMMES[(programme, max(years))]


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Completed years on ``day`` (§ 187 (2) BGB: a year is complete at its birthday)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# --- reading ----------------------------------------------------------------------------


def _date(value, field: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ExchangeFileError(f"{field}: »{value}« ist kein Datum (JJJJ-MM-TT).") from None


def _field(mapping, key: str, where: str):
    if not isinstance(mapping, dict):
        raise ExchangeFileError(f"{where}: ein JSON-Objekt wird erwartet.")
    if key not in mapping:
        raise ExchangeFileError(f"{where}.{key}: Das Feld fehlt.")
    return mapping[key]


def _participant(raw, where: str) -> Participant:
    identifier = _field(raw, "id", where)
    role = _field(raw, "role", where)
    if role not in ROLES:
        raise ExchangeFileError(f"{where}.role: »{role}« ist keine Rolle ({', '.join(ROLES)}).")
    birth = raw.get("birth_date")
    if role == "learner" and birth in (None, ""):
        raise ExchangeFileError(f"{where}.birth_date: Das Geburtsdatum fehlt.")
    consent = raw.get("guardian_consent", False)
    if not isinstance(consent, bool):
        raise ExchangeFileError(f"{where}.guardian_consent: true oder false erwartet.")
    return Participant(
        id=str(identifier),
        role=role,
        birth_date=_date(birth, f"{where}.birth_date") if birth not in (None, "") else None,
        guardian_consent=consent,
    )


def _leg(raw, index: int) -> Leg:
    where = f"legs[{index}]"
    direction = _field(raw, "direction", where)
    if direction not in DIRECTIONS:
        raise ExchangeFileError(
            f"{where}.direction: »{direction}« ist keine Richtung (outgoing, incoming)."
        )
    participants = _field(raw, "participants", where)
    if not isinstance(participants, list):
        raise ExchangeFileError(f"{where}.participants: eine Liste wird erwartet.")
    return Leg(
        direction=direction,
        start=_date(_field(raw, "start", where), f"{where}.start"),
        end=_date(_field(raw, "end", where), f"{where}.end"),
        participants=tuple(
            _participant(item, f"{where}.participants[{number}]")
            for number, item in enumerate(participants)
        ),
    )


def read(data) -> Exchange:
    """The batch interface's input as an :class:`Exchange`, or ``ExchangeFileError``."""
    if not isinstance(data, dict):
        raise ExchangeFileError("Die Datei muss ein JSON-Objekt enthalten.")
    programme = _field(data, "programme", "Eingabe")
    if not any(name == programme for name, _year in PROGRAMMES):
        raise ExchangeFileError(
            f"programme: »{programme}« ist kein bekanntes Programm "
            f"({', '.join(sorted({name for name, _year in PROGRAMMES}))})."
        )
    legs = _field(data, "legs", "Eingabe")
    if not isinstance(legs, list):
        raise ExchangeFileError("legs: eine Liste wird erwartet.")
    meeting = data.get("preparatory_meeting")
    meeting_date = None
    if meeting is not None:
        meeting_date = _date(
            _field(meeting, "date", "preparatory_meeting"), "preparatory_meeting.date"
        )
    hours = data.get("tandem_course_hours", 0)
    if hours is None:
        hours = 0
    if isinstance(hours, bool) or not isinstance(hours, int | float):
        raise ExchangeFileError(f"tandem_course_hours: »{hours}« ist keine Stundenzahl.")
    return Exchange(
        programme=programme,
        legs=tuple(_leg(item, index) for index, item in enumerate(legs)),
        preparatory_meeting=meeting_date,
        tandem_course_hours=float(hours),
    )


# --- checking ---------------------------------------------------------------------------


def check(exchange: Exchange) -> list[Violation]:
    """Every broken rule of ``exchange`` (an empty list: valid)."""
    first = min((leg.start for leg in exchange.legs), default=None)
    rules = rules_for(exchange.programme, (first or datetime.date.today()).year)
    found: list[Violation] = []
    directions = {leg.direction for leg in exchange.legs}
    if not set(DIRECTIONS) <= directions:
        missing = (
            "Rückbegegnung (incoming)" if "outgoing" in directions else "Hinbegegnung (outgoing)"
        )
        missing_fr = (
            "la visite retour (incoming)" if "outgoing" in directions else "l'aller (outgoing)"
        )
        found.append(
            Violation(
                "reciprocity",
                None,
                f"Der Austausch ist nicht gegenseitig: Es fehlt die {missing}.",
                f"L'échange n'est pas réciproque : il manque {missing_fr}.",
            )
        )
    if exchange.preparatory_meeting is None:
        found.append(
            Violation(
                "preparatory_meeting",
                None,
                "Das Vorbereitungstreffen ist nicht geplant.",
                "La réunion de préparation n'est pas prévue.",
            )
        )
    elif first is not None and exchange.preparatory_meeting >= first:
        found.append(
            Violation(
                "preparatory_meeting",
                None,
                f"Das Vorbereitungstreffen ({exchange.preparatory_meeting:%d.%m.%Y}) liegt nicht "
                f"vor der ersten Begegnung ({first:%d.%m.%Y}).",
                f"La réunion de préparation ({exchange.preparatory_meeting:%d/%m/%Y}) n'a pas lieu "
                f"avant la première rencontre ({first:%d/%m/%Y}).",
            )
        )
    if exchange.tandem_course_hours < rules.min_tandem_hours:
        hours = f"{exchange.tandem_course_hours:g}"
        found.append(
            Violation(
                "tandem_course",
                None,
                f"Der Tandem-Sprachkurs hat {hours} Stunden, vorgesehen sind mindestens "
                f"{rules.min_tandem_hours}.",
                f"Le cours de langue en tandem compte {hours} heures, il en faut au moins "
                f"{rules.min_tandem_hours}.",
            )
        )
    for index, leg in enumerate(exchange.legs):
        found.extend(_leg_violations(index, leg, rules))
    return found


def _leg_violations(index: int, leg: Leg, rules: ProgrammeRules) -> list[Violation]:
    found = []
    learners = [p for p in leg.participants if p.role == "learner"]
    companions = [p for p in leg.participants if p.role == "companion"]
    if len(learners) < rules.min_learners or len(companions) < rules.min_companions:
        found.append(
            Violation(
                "group_size",
                index,
                f"Die Gruppe hat {len(learners)} Lernende und {len(companions)} Begleitpersonen; "
                f"vorgesehen sind mindestens {rules.min_learners} und {rules.min_companions}.",
                f"Le groupe compte {len(learners)} apprenants et {len(companions)} "
                f"accompagnateurs ; il en faut au moins {rules.min_learners} et "
                f"{rules.min_companions}.",
            )
        )
    if leg.end < leg.start:
        found.append(
            Violation(
                "duration",
                index,
                f"Das Ende ({leg.end:%d.%m.%Y}) liegt vor dem Beginn ({leg.start:%d.%m.%Y}).",
                f"La fin ({leg.end:%d/%m/%Y}) précède le début ({leg.start:%d/%m/%Y}).",
            )
        )
    elif leg.days < rules.min_days:
        found.append(
            Violation(
                "duration",
                index,
                f"Die Begegnung dauert {leg.days} Tage, vorgesehen sind mindestens "
                f"{rules.min_days}.",
                f"La rencontre dure {leg.days} jours, il en faut au moins {rules.min_days}.",
            )
        )
    for participant in learners:
        if participant.guardian_consent or participant.birth_date is None:
            continue
        age = age_on(participant.birth_date, leg.start)
        if age < ADULT_AGE:
            found.append(
                Violation(
                    "guardian_consent",
                    index,
                    f"{participant.id} ist am ersten Tag ({leg.start:%d.%m.%Y}) {age} Jahre alt; "
                    "die schriftliche Einwilligung der Sorgeberechtigten fehlt.",
                    f"{participant.id} a {age} ans le premier jour ({leg.start:%d/%m/%Y}) ; "
                    "l'autorisation écrite des représentants légaux manque.",
                )
            )
    return found


def result(exchange: Exchange) -> dict:
    """The batch interface's output object."""
    violations = check(exchange)
    return {"valid": not violations, "violations": [v.as_json() for v in violations]}
