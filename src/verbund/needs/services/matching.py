"""Rank course offers for a need: a pure scoring function with named, commented weights.

``rank(need, candidates)`` takes plain dataclasses and returns ``Match`` objects, each with
the reasons that make up its score: the score *is* the sum of the reasons' points, so an
advisor can see exactly why an offer ranks where it does. Loading candidates from the
database is in ``offers_for.py``; nothing here imports Django models.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_noop as noop

from verbund.core.services import stored_text
from verbund.core.services.geo import haversine_km

# -- Weights (points added to the score) -------------------------------------------------
TOPIC_EXACT = 40  # the offer is filed under the very topic of the need
TOPIC_RELATED = 25  # filed under a subtopic or the parent topic of the need
TEXT_PER_WORD = 4  # each word of the need's description found in the offer's text ...
TEXT_MAX = 12  # ... up to this many points
NEAR_KM = 25  # a run this close is "near" ...
NEAR = 15  # ... and earns this
REACHABLE_KM = 50  # still reachable for a day course
REACHABLE = 8
TOO_FAR = -15  # a run further away than REACHABLE_KM (in person)
ONLINE_WANTED = 12  # online/distance run when the company wants online or blended
ONLINE_ANYWAY = 4  # online run when the company said nothing about the format
START_IN_TIME = 12  # the run starts within the urgency of the need
START_FLEXIBLE = 8  # a flexible start (join any time)
START_LATE = -10  # starts only after the urgency
FORMAT_FIT = 10  # the run's format is what the company wants
FORMAT_PARTIAL = 4  # hybrid run for in-person/online wishes, in-person for blended
FORMAT_MISMATCH = -12  # e.g. online only when in person was asked for
TIME_FIT = 5  # time of day fits (during/outside working hours)
TIME_MISMATCH = -5
PRICE_IN_BUDGET = 8  # price per person within the budget
PRICE_OVER_BUDGET = -8
FUNDING_KNOWN = 6  # the offer is eligible for a programme the company named
FUNDING_OTHER = 3  # eligible for some public funding at all
TARGET_GROUP_FIT = 5  # the offer addresses the need's target group

LOCATION_INDEPENDENT = frozenset({"online", "fernlernen"})
FORMAT_FITS = {  # wanted format -> (fitting run formats, partly fitting run formats)
    "in_person": ({"praesenz"}, {"hybrid"}),
    "in_house": ({"praesenz"}, {"hybrid"}),
    "online": ({"online", "fernlernen"}, {"hybrid"}),
    "blended": ({"hybrid"}, {"online", "praesenz", "fernlernen"}),
}
DURING_WORK = frozenset({"ganztags", "vormittags", "nachmittags"})
OUTSIDE_WORK = frozenset({"abends", "wochenende"})
TARGET_GROUPS = {  # survey target group -> course database target groups
    "apprentices": {"auszubildende"},
    "unskilled": {"beschaeftigte"},
    "skilled": {"beschaeftigte"},
    "managers": {"fuehrungskraefte", "beschaeftigte"},
    "older": {"beschaeftigte"},
    "migration": {"gefluechtete", "beschaeftigte"},
    "returners": {"berufsrueckkehrende"},
    "young": {"beschaeftigte", "auszubildende"},
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class NeedProfile:
    topic_id: int | None
    related_topic_ids: frozenset = frozenset()  # subtopics and the parent
    text: str = ""
    lat: float | None = None
    lon: float | None = None
    target_group: str = ""
    format: str = ""
    time_of_day: str = ""
    budget: Decimal | None = None
    urgency_months: int = 12
    funding: frozenset = frozenset()
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass(frozen=True)
class RunInfo:
    run_id: int
    start_date: datetime.date | None
    format: str
    time_of_day: str = ""
    lat: float | None = None
    lon: float | None = None
    flexible: bool = False


@dataclass(frozen=True)
class Candidate:
    offer_id: int
    title: str
    provider: str
    topic_ids: frozenset
    text: str = ""
    target_groups: tuple = ()
    price: Decimal | None = None
    funding: tuple = ()
    runs: tuple = ()


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    text: str
    # The German source with its parameters (``stored_text``): what a stored
    # recommendation keeps, so that it is shown in the reader's language later.
    source: str = ""


def _reason(code: str, points: int, msgid: str, **params) -> Reason:
    source = stored_text.text(msgid, **params)
    return Reason(code, points, stored_text.render(source), source)


@dataclass
class Match:
    offer_id: int
    title: str
    provider: str
    run_id: int | None
    start_date: datetime.date | None
    score: int
    reasons: list[Reason]


# Words that any need and any course text share: as "keyword hits" they would make every
# offer look relevant (a need about working across generations "found" IT security through
# "arbeiten"). Folded like ``words`` folds.
GENERIC_WORDS = frozenset((
    "aber", "alle", "allem", "allen", "aller", "alles", "also", "auch", "beim", "bitte", "dass",
    "dein", "denn", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "durch", "eine",
    "einem", "einen", "einer", "eines", "etwa", "fuer", "gegen", "haben", "hatte", "ihre",
    "ihren", "ihrer", "immer", "jede", "jedem", "jeden", "jeder", "jedes", "kann", "koennen",
    "mehr", "mit", "nach", "neue", "neuen", "neuer", "nicht", "noch", "oder", "ohne", "sehr",
    "sich", "sind", "sowie", "ueber", "unter", "viel", "viele", "vom", "von", "wenn", "werden",
    "wird", "wollen", "zum", "zur", "arbeit", "arbeiten", "arbeitet", "beschaeftigte",
    "beschaeftigten", "mitarbeiter", "mitarbeiterinnen", "mitarbeitende", "mitarbeitenden",
    "betrieb", "betriebe", "betrieben", "betriebs", "unternehmen", "firma", "kurs", "kurse",
    "kursen", "schulung", "schulungen", "seminar", "seminare", "weiterbildung",
    "weiterbildungen", "fortbildung", "lernen", "lehrgang", "lehrgaenge", "thema", "themen",
    "bereich", "bereiche", "grundlagen", "praxis", "praktisch", "teilnehmende", "teilnehmer",
    "fachkraefte", "kenntnisse",
))  # fmt: skip


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_UMLAUTS))
    return {
        word
        for word in re.findall(r"[a-z0-9]+", folded)
        if len(word) >= 4 and word not in GENERIC_WORDS
    }


def euros(amount: Decimal) -> str:
    """German money format: "1.290,50 €"."""
    return f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} €"


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def _offer_reasons(need: NeedProfile, offer: Candidate) -> list[Reason]:
    reasons = []
    if need.topic_id is not None and need.topic_id in offer.topic_ids:
        reasons.append(_reason("topic", TOPIC_EXACT, noop("Thema passt genau")))
    elif offer.topic_ids & need.related_topic_ids:
        reasons.append(_reason("topic", TOPIC_RELATED, noop("Verwandtes Thema")))
    common = words(need.text) & words(offer.text)
    if common:
        points = min(TEXT_MAX, TEXT_PER_WORD * len(common))
        found = ", ".join(sorted(common)[:4])
        reasons.append(_reason("text", points, noop("Stichworte gefunden: %(words)s"), words=found))
    wanted_groups = TARGET_GROUPS.get(need.target_group, set())
    if wanted_groups & set(offer.target_groups):
        reasons.append(_reason("target_group", TARGET_GROUP_FIT, noop("Zielgruppe passt")))
    if need.budget is not None and offer.price is not None:
        if offer.price <= need.budget:
            reasons.append(
                _reason(
                    "price",
                    PRICE_IN_BUDGET,
                    noop("Preis %(price)s im Budget"),
                    price=euros(offer.price),
                )
            )
        else:
            reasons.append(
                _reason(
                    "price",
                    PRICE_OVER_BUDGET,
                    noop("Preis %(price)s über Budget"),
                    price=euros(offer.price),
                )
            )
    programmes = set(offer.funding)
    if programmes & need.funding:
        reasons.append(_reason("funding", FUNDING_KNOWN, noop("Förderfähig (bekanntes Programm)")))
    elif programmes:
        reasons.append(_reason("funding", FUNDING_OTHER, noop("Förderfähig")))
    return reasons


def _run_reasons(need: NeedProfile, run: RunInfo) -> list[Reason]:
    reasons = []
    if run.format in LOCATION_INDEPENDENT:
        if need.format in ("online", "blended"):
            reasons.append(_reason("place", ONLINE_WANTED, noop("Online, ortsunabhängig")))
        elif not need.format:
            reasons.append(_reason("place", ONLINE_ANYWAY, noop("Online, ortsunabhängig")))
    elif None not in (need.lat, need.lon, run.lat, run.lon):
        distance = haversine_km(need.lat, need.lon, run.lat, run.lon)
        points = NEAR if distance <= NEAR_KM else REACHABLE if distance <= REACHABLE_KM else TOO_FAR
        reasons.append(_reason("place", points, noop("%(km)s km entfernt"), km=round(distance)))
    deadline = add_months(need.today, need.urgency_months)
    if run.start_date is None or run.flexible:
        reasons.append(_reason("start", START_FLEXIBLE, noop("Einstieg jederzeit")))
    elif run.start_date <= deadline:
        reasons.append(
            _reason(
                "start",
                START_IN_TIME,
                noop("Beginnt am %(date)s, rechtzeitig"),
                date=run.start_date.strftime("%d.%m.%Y"),
            )
        )
    else:
        reasons.append(
            _reason(
                "start",
                START_LATE,
                noop("Beginnt erst am %(date)s"),
                date=run.start_date.strftime("%d.%m.%Y"),
            )
        )
    if need.format in FORMAT_FITS:
        fitting, partly = FORMAT_FITS[need.format]
        if run.format in fitting:
            reasons.append(_reason("format", FORMAT_FIT, noop("Format passt")))
        elif run.format in partly:
            reasons.append(_reason("format", FORMAT_PARTIAL, noop("Format passt teilweise")))
        else:
            reasons.append(_reason("format", FORMAT_MISMATCH, noop("Anderes Format")))
    if need.time_of_day in ("during", "outside") and run.time_of_day:
        during = run.time_of_day in DURING_WORK
        fits = during if need.time_of_day == "during" else run.time_of_day in OUTSIDE_WORK
        reasons.append(
            _reason("time", TIME_FIT, noop("Tageszeit passt"))
            if fits
            else _reason("time", TIME_MISMATCH, noop("Tageszeit passt nicht"))
        )
    return reasons


def score_offer(need: NeedProfile, offer: Candidate) -> Match:
    """The offer's best run and the reasons; score = sum of the reasons' points."""
    base = _offer_reasons(need, offer)
    best_run, best_reasons = None, []
    for run in offer.runs:
        if run.start_date is not None and run.start_date < need.today and not run.flexible:
            continue
        reasons = _run_reasons(need, run)
        if best_run is None or sum(r.points for r in reasons) > sum(r.points for r in best_reasons):
            best_run, best_reasons = run, reasons
    reasons = base + best_reasons
    return Match(
        offer_id=offer.offer_id,
        title=offer.title,
        provider=offer.provider,
        run_id=best_run.run_id if best_run else None,
        start_date=best_run.start_date if best_run else None,
        score=sum(reason.points for reason in reasons),
        reasons=reasons,
    )


def rank(need: NeedProfile, candidates, limit: int = 20) -> list[Match]:
    """Offers best first (ties: earlier start, then title); only offers with an upcoming run."""
    matches = [score_offer(need, offer) for offer in candidates]
    matches = [match for match in matches if match.run_id is not None]
    matches.sort(key=lambda m: (-m.score, m.start_date or datetime.date.max, m.title, m.offer_id))
    return matches[:limit]
