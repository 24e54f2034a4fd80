"""Realistic instances of the two IHKs of seed 003 (Braunschweig, Lüneburg-Wolfsburg).

Examiners live around the towns of both chamber districts, state availability for about
30 % of the period's weekdays (as in the pre-period poll) and take 2-8 sittings; boards
belong to an occupation and a district and sit on 5-15 days; candidates come from
training companies, some of which also employ examiners, and a few examiners are related
to a candidate — so the conflict rules bite.

``planted=True`` first builds a hidden complete plan and then shapes availability,
qualification, appointment, max_sittings and conflicts so that they admit it: a complete
plan is guaranteed to exist (the solver need not find the hidden one).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from .model import GROUPS, Candidate, Examiner, Instance, Period, Point, Seats, Sitting
from .occupations import OCCUPATIONS, Occupation

PERIOD = Period("Sommer 2027", dt.date(2027, 5, 3), dt.date(2027, 7, 9))
HOLIDAYS = {dt.date(2027, 5, 6), dt.date(2027, 5, 17)}  # Ascension Day, Whit Monday 2027

# (town, lat, lon, district): BS = IHK Braunschweig, LW = IHK Lüneburg-Wolfsburg.
TOWNS = (
    ("Braunschweig", 52.27, 10.52, "BS"),
    ("Wolfenbüttel", 52.16, 10.54, "BS"),
    ("Salzgitter", 52.15, 10.33, "BS"),
    ("Peine", 52.32, 10.23, "BS"),
    ("Helmstedt", 52.23, 11.01, "BS"),
    ("Goslar", 52.05, 10.43, "BS"),
    ("Wolfsburg", 52.42, 10.79, "LW"),
    ("Gifhorn", 52.48, 10.55, "LW"),
    ("Celle", 52.62, 10.08, "LW"),
    ("Wittingen", 52.73, 10.74, "LW"),
    ("Uelzen", 52.97, 10.56, "LW"),
    ("Lüchow", 52.97, 11.15, "LW"),
    ("Lüneburg", 53.25, 10.41, "LW"),
    ("Winsen (Luhe)", 53.36, 10.21, "LW"),
)
AVAILABILITY_SHARE = 0.30  # share of the period's weekdays an examiner offers in the poll
MAX_SITTINGS_RANGE = (2, 8)  # typical load: 2-8 exam days per examiner and period
SITTINGS_PER_BOARD = 10  # on average; a board sits on distinct days
SECOND_OCCUPATION_SHARE = {"employer": 0.2, "employee": 0.2, "teacher": 0.4}
WIDE_BOARD_SHARE = 0.1  # boards of 2 employer + 2 employee + 1 teacher instead of 1+1+1
RELATIVE_SHARE = 0.01
APPOINTMENT_ENDS_IN_PERIOD_SHARE = 0.03
EXAMINERS_PER_OCCUPATION = 30  # fewer examiners -> fewer occupations, so pools stay >= 10


@dataclass
class _Draft:
    """An examiner before the hidden plan has shaped their data."""

    id: str
    group: str
    occupations: list[str]
    home: Point
    district: str
    company: str | None
    hidden: list[Sitting] = field(default_factory=list)


def weekdays(period: Period) -> list[dt.date]:
    days = []
    day = period.start
    while day <= period.end:
        if day.weekday() < 5 and day not in HOLIDAYS:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def generate(
    examiners: int = 2000, sittings: int = 1500, planted: bool = False, seed: int = 0
) -> Instance:
    if examiners < 3 or sittings < 1:
        raise ValueError("need at least 3 examiners and 1 sitting")
    rng = random.Random(seed)
    days = weekdays(PERIOD)
    used = _occupations(examiners)
    companies = [f"C{n:05d}" for n in range(1, max(20, examiners // 2) + 1)]
    sitting_list = _sittings(rng, sittings, used, days, companies)
    drafts = _drafts(rng, examiners, used, sitting_list, companies)
    if planted:
        _plant(rng, drafts, sitting_list)
    final = [_finish(rng, d, days, sitting_list, planted) for d in drafts]
    return Instance(PERIOD, tuple(final), tuple(sitting_list))


def _occupations(examiners: int) -> list[Occupation]:
    count = max(1, min(len(OCCUPATIONS), examiners // EXAMINERS_PER_OCCUPATION))
    return sorted(OCCUPATIONS, key=lambda o: -o.volume)[:count]


def _near(rng: random.Random, town) -> Point:
    name, lat, lon, _ = town
    lat = min(53.5, max(52.0, lat + rng.gauss(0, 0.06)))
    lon = min(11.2, max(10.0, lon + rng.gauss(0, 0.09)))
    return Point(round(lat, 4), round(lon, 4))


def _sittings(rng, count, occupations, days, companies) -> list[Sitting]:
    shares = _split(count, [o.volume for o in occupations])
    day_weight = [rng.uniform(0.5, 1.5) for _ in days]  # exam peaks and quiet days
    company_weight = [1 / (k + 1) ** 0.8 for k in range(len(companies))]  # few big trainers
    result: list[Sitting] = []
    candidate_no = 0
    for occupation, n in zip(occupations, shares, strict=True):
        boards = max(1, round(n / SITTINGS_PER_BOARD))
        for b, board_size in enumerate(_split(n, [1] * boards)):
            town = rng.choice(TOWNS)
            board = f"B-{occupation.code}-{town[3]}-{b + 1}"
            wide = rng.random() < WIDE_BOARD_SHARE
            seats = Seats(2, 2, 1) if wide else Seats(1, 1, 1)
            venue = _near(rng, town)
            board_days = _weighted_sample(rng, days, day_weight, min(board_size, len(days)))
            for day in sorted(board_days):
                candidates = []
                for _ in range(rng.randint(3, 6)):
                    candidate_no += 1
                    company = rng.choices(companies, company_weight)[0]
                    candidates.append(Candidate(f"P{candidate_no:06d}", company))
                result.append(
                    Sitting(
                        id=f"S{len(result) + 1:05d}",
                        board=board,
                        occupation=occupation.code,
                        date=day,
                        location=venue,
                        seats=seats,
                        candidates=tuple(candidates),
                    )
                )
    return result


def _split(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda k: parts[k] - raw[k])
    for k in order[: total - sum(parts)]:
        parts[k] += 1
    return parts


def _weighted_sample(rng, items, weights, k):
    keys = sorted(range(len(items)), key=lambda i: -(rng.random() ** (1 / weights[i])))
    return [items[i] for i in keys[:k]]


def _drafts(rng, count, occupations, sittings, companies) -> list[_Draft]:
    demand: dict[tuple[str, str], int] = defaultdict(int)
    for s in sittings:
        for group in GROUPS:
            demand[group, s.occupation] += s.seats.of(group)
    keys = sorted(demand)
    sizes = _split(count, [demand[k] for k in keys])
    family = {o.code: o.family for o in occupations}
    drafts = []
    for (group, code), size in zip(keys, sizes, strict=True):
        relatives = [o.code for o in occupations if o.family == family[code] and o.code != code]
        for _ in range(size):
            occupations_of = [code]
            if relatives and rng.random() < SECOND_OCCUPATION_SHARE[group]:
                occupations_of.append(rng.choice(relatives))
            town = rng.choice(TOWNS)
            company = rng.choice(companies) if group != "teacher" else f"BBS-{town[0]}"
            drafts.append(_Draft("", group, occupations_of, _near(rng, town), town[3], company))
    rng.shuffle(drafts)
    for n, draft in enumerate(drafts, start=1):
        draft.id = f"E{n:05d}"
    return drafts


def _plant(rng: random.Random, drafts: list[_Draft], sittings: list[Sitting]) -> None:
    """Give every seat a hidden examiner; raises ValueError when the pool is too small."""
    by_group: dict[str, list[_Draft]] = defaultdict(list)
    by_key: dict[tuple[str, str], list[_Draft]] = defaultdict(list)
    for d in drafts:
        by_group[d.group].append(d)
        for code in d.occupations:
            by_key[d.group, code].append(d)
    limit = MAX_SITTINGS_RANGE[1]

    def free(d: _Draft, s: Sitting, taken: set[str], companies: set) -> bool:
        return (
            d.id not in taken
            and len(d.hidden) < limit
            and all(h.date != s.date for h in d.hidden)
            and d.company not in companies
        )

    for s in sorted(sittings, key=lambda s: (s.date, s.id)):
        companies = {c.company for c in s.candidates}
        for group in GROUPS:
            taken: set[str] = set()
            for _ in range(s.seats.of(group)):
                qualified = [d for d in by_key[group, s.occupation] if free(d, s, taken, companies)]
                if qualified:
                    pick = min(qualified, key=lambda d: (len(d.hidden), rng.random()))
                else:  # widen someone's qualification rather than leave the seat
                    pool = [d for d in by_group[group] if free(d, s, taken, companies)]
                    if not pool:
                        raise ValueError(f"too few {group}s to plant a plan for sitting {s.id}")
                    pick = min(pool, key=lambda d: (len(d.occupations), len(d.hidden)))
                    pick.occupations.append(s.occupation)
                    by_key[group, s.occupation].append(pick)
                pick.hidden.append(s)
                taken.add(pick.id)


def _finish(rng, draft: _Draft, days, sittings, planted: bool) -> Examiner:
    hidden_days = {s.date for s in draft.hidden}
    wanted = max(1, round(AVAILABILITY_SHARE * len(days)))
    others = [d for d in days if d not in hidden_days]
    extra = rng.sample(others, max(0, min(len(others), wanted - len(hidden_days))))
    available = sorted(hidden_days | set(extra))
    max_sittings = max(len(draft.hidden), rng.randint(*MAX_SITTINGS_RANGE))
    if rng.random() < APPOINTMENT_ENDS_IN_PERIOD_SHARE:
        until = rng.choice(days)
    else:
        until = dt.date(rng.randint(2028, 2031), 12, 31)
    if hidden_days:
        until = max(until, max(hidden_days))
    relatives: tuple[str, ...] = ()
    if rng.random() < RELATIVE_SHARE:
        hidden_ids = {s.id for s in draft.hidden}
        sitting = rng.choice(sittings)
        if sitting.id not in hidden_ids or not planted:
            relatives = (rng.choice(sitting.candidates).id,)
    return Examiner(
        id=draft.id,
        group=draft.group,
        occupations=tuple(draft.occupations),
        home=draft.home,
        available=tuple(available),
        max_sittings=max_sittings,
        appointed_until=until,
        company=draft.company,
        relatives=relatives,
    )
