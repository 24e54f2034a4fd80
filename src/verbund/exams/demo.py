"""Demo steps: the joint examiner pool of IHK Braunschweig and IHK Lüneburg-Wolfsburg.

A few hundred fictitious examiners with homes across both districts, their boards, the
summer period with sittings and candidates, answered availability polls, a joint
examiner training, rate tables, and a solved, published plan. The data comes from the
solver package's generator (``planted``: a complete plan exists), so demo and benchmark
describe the same kind of period. Every person and company here is fictitious.
"""

import datetime
import random
import secrets
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import product

from django.utils import timezone

from verbund.core.demo.company_names import company_names
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Occupation, Organization, Person
from verbund.core.services import audit
from verbund.exams.models import (
    Assignment,
    Availability,
    Board,
    BoardMember,
    Candidate,
    Conflict,
    Examiner,
    ExamPeriod,
    RateTable,
    Sitting,
    Training,
)
from verbund.exams.services import planning, publishing
from verbund.exams.solver.generate import TOWNS, generate
from verbund.exams.solver.objective import haversine_km
from verbund.exams.solver.occupations import OCCUPATIONS

EXAMINERS = 300
SITTINGS = 150
SEED = 3
# Keep `make demo` fast: the first (flow) phase already fills every seat.
SOLVE_SECONDS = 4.0
# The trade-off view is ready when the planner logs in: every goal's plan, 2 s each.
COMPARE_SECONDS = 2.0
FIRST_NAMES = [
    "Anna",
    "Jonas",
    "Sabine",
    "Murat",
    "Claudia",
    "Thomas",
    "Ayşe",
    "Peter",
    "Katrin",
    "Lukas",
    "Heike",
    "Jan",
    "Monika",
    "Can",
    "Petra",
    "Stefan",
    "Elena",
    "Frank",
    "Nicole",
    "Björn",
    "Ines",
    "Ralf",
    "Svenja",
    "Dirk",
    "Tanja",
    "Olaf",
    "Mareike",
    "Uwe",
]
LAST_NAMES = [
    "Albers",
    "Brandes",
    "Cordes",
    "Dettmer",
    "Ehlers",
    "Fricke",
    "Gerdes",
    "Hahne",
    "Isensee",
    "Jürgens",
    "Kaiser",
    "Lüdecke",
    "Meyer",
    "Nolte",
    "Oelkers",
    "Pape",
    "Quast",
    "Rust",
    "Schrader",
    "Timmermann",
    "Ulrich",
    "Vogt",
    "Warnecke",
    "Yilmaz",
    "Ziegler",
]
CHAMBERS = {"BS": "ihk-braunschweig", "LW": "ihk-lueneburg-wolfsburg"}


def _nearest_town(point):
    return min(TOWNS, key=lambda town: haversine_km(point, _Point(town[1], town[2])))


class _Point:
    def __init__(self, lat, lon):
        self.lat, self.lon = lat, lon


@register_step(400, "exams: occupations")
def load_occupations(ctx: DemoContext) -> None:
    Occupation.objects.bulk_create(
        [Occupation(code=o.code, name=o.name) for o in OCCUPATIONS], ignore_conflicts=True
    )
    ctx.log(f"{len(OCCUPATIONS)} training occupations")


@register_step(410, "exams: joint examiner pool, boards, summer period, solved plan")
def load_exams(ctx: DemoContext) -> None:
    instance = generate(examiners=EXAMINERS, sittings=SITTINGS, planted=True, seed=SEED)
    network = ctx.network("ihk-kooperation")
    chambers = {key: ctx.org(slug) for key, slug in CHAMBERS.items()}
    occupations = {o.code: o for o in Occupation.objects.all()}
    companies = _companies(ctx, instance)
    examiners = _examiners(ctx, instance, network, chambers, occupations, companies)
    boards = _boards(instance, network, chambers, occupations)
    period = ExamPeriod.objects.create(
        name=instance.period.name,
        chamber=chambers["BS"],
        network=network,
        start=instance.period.start,
        end=instance.period.end,
        poll_deadline=instance.period.start - datetime.timedelta(days=28),
    )
    candidates = _sittings(instance, period, boards, occupations, companies)
    Availability.objects.bulk_create(
        [
            Availability(
                period=period,
                examiner=examiners[e.id],
                token=secrets.token_urlsafe(24),
                dates=[day.isoformat() for day in e.available],
                answered_at=timezone.now(),
            )
            for e in instance.examiners
        ]
    )
    Conflict.objects.bulk_create(
        [
            Conflict(examiner=examiners[e.id], kind=Conflict.Kind.RELATIVE, candidate=candidates[r])
            for e in instance.examiners
            for r in e.relatives
            if r in candidates
        ]
    )
    _training(network, chambers, examiners)
    for chamber in chambers.values():
        for year in (ctx.today.year, instance.period.start.year):
            RateTable.objects.get_or_create(
                chamber=chamber,
                year=year,
                defaults={
                    "hourly_loss": Decimal("25.00"),
                    "cap_hours_per_day": 10,
                    "travel_per_km": Decimal("0.42"),
                    "daily_allowance": Decimal("14.00"),
                },
            )
    planner = ctx.users.get("pruefungswesen")
    run = planning.PlanRun.objects.create(period=period, kind="solve", time_limit=SOLVE_SECONDS)
    run = planning.execute_run(run)
    if run.status != "done":
        raise RuntimeError(f"demo plan failed: {run.message}")
    _board_members(boards, examiners)
    publishing.mark_published(period)  # as if published earlier; no mail in the demo
    audit.record(period, "exams.plan.published", user=planner, data={"demo": True})
    compare = planning.PlanRun.objects.create(
        period=period, kind="compare", time_limit=COMPARE_SECONDS, created_by=planner
    )
    if planning.execute_run(compare).status != "done":
        raise RuntimeError(f"demo comparison failed: {compare.message}")
    ctx.log(
        f"{len(examiners)} examiners, {len(boards)} boards, {SITTINGS} sittings, "
        f"{run.result.get('assignments')} assignments, {run.result.get('unfilled')} unfilled"
    )


def _companies(ctx, instance) -> dict[str, Organization]:
    ids = {e.company for e in instance.examiners if e.company}
    ids |= {c.company for s in instance.sittings for c in s.candidates if c.company}
    created = {}
    rows = []
    company_ids = sorted(ident for ident in ids if not ident.startswith("BBS-"))
    # Plausible names (the people are fictitious, README says so), not "Betrieb 00001".
    names = dict(zip(company_ids, company_names(len(company_ids), seed=SEED), strict=True))
    for ident in sorted(ids):
        if ident.startswith("BBS-"):
            kind, name = Organization.Kind.SCHOOL, f"Berufsbildende Schulen {ident[4:]}"
        else:
            kind, name = Organization.Kind.COMPANY, names[ident]
        rows.append(Organization(name=name, kind=kind))
        created[ident] = rows[-1]
    Organization.objects.bulk_create(rows)
    return created


def _examiners(ctx, instance, network, chambers, occupations, companies):
    pruefer = ctx.people.get("pruefer")
    people, rows = [], []
    names = random.Random(SEED).sample(list(product(FIRST_NAMES, LAST_NAMES)), EXAMINERS)
    for index, (e, (first, last)) in enumerate(zip(instance.examiners, names, strict=True)):
        town = _nearest_town(e.home)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                organization=companies.get(e.company),
                function="Prüfer/in",
                email=f"pruefer{index + 1:03d}@example.org",
            )
        )
        rows.append((e, town))
    Person.objects.bulk_create(people)
    # The demo login "pruefer" (a teacher) is the first teacher living near Braunschweig.
    if pruefer is not None:
        for i, (e, town) in enumerate(rows):
            if e.group == "teacher" and town[3] == "BS":
                people[i] = pruefer
                break
    examiners = Examiner.objects.bulk_create(
        [
            Examiner(
                person=person,
                network=network,
                chamber=chambers[town[3]],
                group=e.group,
                company=companies.get(e.company),
                home_town=town[0],
                home_lat=e.home.lat,
                home_lon=e.home.lon,
                appointed_from=_five_years_before(e.appointed_until),
                appointed_until=e.appointed_until,
                max_sittings=e.max_sittings,
            )
            for person, (e, town) in zip(people, rows, strict=True)
        ]
    )
    through = Examiner.occupations.through
    through.objects.bulk_create(
        [
            through(examiner_id=row.pk, occupation_id=occupations[code].pk)
            for row, (e, _town) in zip(examiners, rows, strict=True)
            for code in e.occupations
        ]
    )
    return {e.id: row for row, (e, _town) in zip(examiners, rows, strict=True)}


def _five_years_before(until: datetime.date) -> datetime.date:
    return until.replace(year=until.year - 5) + datetime.timedelta(days=1)


def _boards(instance, network, chambers, occupations) -> dict[str, Board]:
    codes = sorted({(s.board, s.occupation) for s in instance.sittings})
    boards = Board.objects.bulk_create(
        [
            Board(
                code=code,
                name=f"Prüfungsausschuss {occupations[occupation].name}",
                chamber=chambers["LW" if "-LW-" in code else "BS"],
                network=network,
                occupation=occupations[occupation],
            )
            for code, occupation in codes
        ]
    )
    return {board.code: board for board in boards}


def _sittings(instance, period, boards, occupations, companies) -> dict[str, Candidate]:
    sittings = Sitting.objects.bulk_create(
        [
            Sitting(
                period=period,
                code=s.id,
                board=boards[s.board],
                occupation=occupations[s.occupation],
                date=s.date,
                place=_nearest_town(s.location)[0],
                lat=s.location.lat,
                lon=s.location.lon,
                seats_employer=s.seats.employer,
                seats_employee=s.seats.employee,
                seats_teacher=s.seats.teacher,
            )
            for s in instance.sittings
        ]
    )
    candidates = Candidate.objects.bulk_create(
        [
            Candidate(
                number=c.id,
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                # Names a person would have (issue 25: "Anna Azubi-0001"); the same name
                # may recur, the candidate number tells them apart.
                last_name=LAST_NAMES[(n * 7 + n // len(FIRST_NAMES)) % len(LAST_NAMES)],
                company=companies.get(c.company),
            )
            for n, c in enumerate(c for s in instance.sittings for c in s.candidates)
        ]
    )
    by_number = {c.number: c for c in candidates}
    through = Sitting.candidates.through
    through.objects.bulk_create(
        [
            through(sitting_id=row.pk, candidate_id=by_number[c.id].pk)
            for row, s in zip(sittings, instance.sittings, strict=True)
            for c in s.candidates
        ]
    )
    return by_number


def _training(network, chambers, examiners) -> None:
    training = Training.objects.create(
        network=network,
        chamber=chambers["BS"],
        title="Gemeinsame Prüferschulung: Prüfen nach BBiG, Befangenheit, Bewertung",
        date=datetime.date(2027, 3, 12),
    )
    training.attendees.set(list(examiners.values())[::3])


def _board_members(boards, examiners) -> None:
    """Members and deputies: per group the two examiners who sit most often on the board."""
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = Assignment.objects.filter(sitting__board__in=boards.values()).values_list(
        "sitting__board_id", "examiner_id", "group"
    )
    group_of = {}
    for board_id, examiner_id, group in rows:
        counts[board_id][examiner_id] += 1
        group_of[examiner_id] = group
    members = []
    for board in boards.values():
        for group in ("employer", "employee", "teacher"):
            ranked = [pk for pk, _n in counts[board.pk].most_common() if group_of[pk] == group][:2]
            roles = (BoardMember.Role.MEMBER, BoardMember.Role.DEPUTY)
            members += [
                BoardMember(board=board, examiner_id=pk, role=role)
                for pk, role in zip(ranked, roles, strict=False)
            ]
    BoardMember.objects.bulk_create(members)


# The examiner's and the exam department's journeys (step 420) live in their own module.
from verbund.exams import demo_journeys  # noqa: E402, F401
