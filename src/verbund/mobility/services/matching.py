"""Match a project's approved applications to the partnership's placements (background).

``start_run`` records a MatchRun and hands it to core's one executor
(``verbund.core.services.runs``): ``build`` makes the batch instance from the database,
``solve`` runs CP-SAT and ``store`` saves the plan as planned stays (with their computed grants); the
reasons of the unplaced stay on the run, in German.
"""

import logging
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext_lazy

from verbund.core.services import audit, geo, runs, stored_text
from verbund.mobility.models import Application, MatchRun, Placement, Stay
from verbund.mobility.services import capacity
from verbund.mobility.services import grants as stay_grants
from verbund.mobility.services.rates import rates_for
from verbund.mobility.solver import cpsat, eligibility
from verbund.mobility.solver.model import Home, Instance, Participant, Plan
from verbund.mobility.solver.model import Placement as SolverPlacement

logger = logging.getLogger(__name__)
DEFAULT_TIME_LIMIT = 10.0
PROGRESS_INTERVAL = 0.5

REASON_TEXTS = {
    eligibility.REASONS[0][1]: gettext_lazy("Die Dauer passt nicht zur Art des Aufenthalts."),
    eligibility.REASONS[1][1]: gettext_lazy("Kein Platz für diesen Ausbildungsberuf."),
    eligibility.REASONS[2][1]: gettext_lazy("Kein Platz für den Beruf mit passendem Sprachniveau."),
    eligibility.REASONS[3][1]: gettext_lazy("Kein barrierefreier Platz für die Bedarfe."),
    eligibility.REASONS[4][1]: gettext_lazy("Kein Platz für den Beruf im gewünschten Zeitraum."),
    eligibility.CAPACITY_REASON: gettext_lazy(
        "Alle passenden Plätze sind im gewünschten Zeitraum belegt."
    ),
}


def reason_text(reason: str) -> str:
    return str(REASON_TEXTS.get(reason, reason))


def open_applications(project):
    return Application.objects.filter(
        project=project, status=Application.Status.APPROVED, stay__isnull=True
    ).select_related("occupation", "person")


def _point(city: str, country: str, lat=None, lon=None):
    if lat is not None and lon is not None:
        return lat, lon
    return geo.town_coordinates(city, country) or (None, None)


def build_instance(project) -> tuple[Instance, dict, dict]:
    """The batch instance of the project and the rows behind its ids."""
    applications = {f"A{a.pk}": a for a in open_applications(project)}
    placements = {
        f"P{p.pk}": p
        for p in Placement.objects.filter(network=project.network)
        .select_related("host")
        .prefetch_related("occupations")
    }
    solver_placements = []
    lane_ids: dict[str, list[str]] = {}
    rows = dict(placements)
    for ident, placement in rows.items():
        lat, lon = _point(placement.city, placement.country, placement.lat, placement.lon)
        if lat is None:
            continue  # no coordinates: cannot compute a grant, so it cannot be matched
        base = SolverPlacement(
            id=ident,
            host=str(placement.host),
            country=placement.country,
            city=placement.city,
            lat=lat,
            lon=lon,
            occupations=tuple(o.code for o in placement.occupations.all()),
            language=placement.language,
            min_level=placement.min_level,
            start=placement.start,
            end=placement.end,
            capacity=placement.capacity,
            accessible=tuple(placement.accessible or ()),
        )
        counts = capacity.occupancy(placement)
        if not counts:
            solver_placements.append(base)
            lane_ids[ident] = [ident]
            continue
        lane_ids[ident] = []
        for n, (start, end) in enumerate(capacity.lanes(placement, counts), start=1):
            lane = replace(base, id=f"{ident}.{n}", start=start, end=end, capacity=1)
            solver_placements.append(lane)
            lane_ids[ident].append(lane.id)
            placements[lane.id] = placement
    participants = []
    for ident, application in applications.items():
        lat, lon = _point(application.home_city, "DE")
        if lat is None:
            lat, lon = _point(
                application.training_company.city,
                "DE",
                application.training_company.lat,
                application.training_company.lon,
            )
        participants.append(
            Participant(
                id=ident,
                type=application.participant_type,
                occupation=application.occupation.code,
                home=Home(application.home_city, lat or 0.0, lon or 0.0),
                languages=dict(application.languages or {}),
                earliest=application.earliest,
                latest=application.latest,
                days=application.days,
                needs=tuple(application.needs or ()),
                fewer_opportunities=application.fewer_opportunities,
                green_travel=application.green_travel,
                preferences=tuple(
                    lane
                    for pk in application.preferences or ()
                    for lane in lane_ids.get(f"P{pk}", ())
                ),
            )
        )
    countries = {p.country for p in solver_placements} or {"FR"}
    # One daily rate per type in the batch format: that of the placements' country (the
    # stored stays are recomputed with their own host country's group afterwards).
    instance = Instance(
        project.call_year,
        tuple(participants),
        tuple(solver_placements),
        rates_for(project.call_year, sorted(countries)[0]),
    )
    return instance, applications, placements


def start_run(project, user, time_limit=DEFAULT_TIME_LIMIT) -> MatchRun:
    run = MatchRun.objects.create(
        project=project,
        time_limit=time_limit,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    audit.record(project, "mobility.match.started", user=user, data={"run": run.pk})
    return runs.start(run)


def build(run: MatchRun):
    return build_instance(run.project)


def solve(run: MatchRun, prepared, progress):
    instance, _applications, _placements = prepared
    return cpsat.match(instance, time_limit=run.time_limit, progress=progress)


def store(run: MatchRun, prepared, plan) -> str:
    _instance, applications, placements = prepared
    stored = store_plan(run.project, plan, applications, placements, run.created_by)
    MatchRun.objects.filter(pk=run.pk).update(result=summary(plan, applications))
    # Stored as its source, shown in the reader's language (core.services.stored_text).
    return stored_text.plural(
        "%(count)s Aufenthalt geplant.", "%(count)s Aufenthalte geplant.", stored
    )


def execute_run(run: MatchRun) -> MatchRun:
    """Run ``run`` here through core's executor."""
    runs.execute(MatchRun._meta.label, run.pk)
    run.refresh_from_db()
    return run


def summary(plan: Plan, applications: dict) -> dict:
    return {
        "objective": dict(plan.objective),
        "bound": dict(plan.bound),
        "solver": dict(plan.solver),
        "unplaced": [
            {"application": applications[u.participant].pk, "reason": u.reason}
            for u in plan.unplaced
        ],
    }


def store_plan(project, plan: Plan, applications: dict, placements: dict, user) -> int:
    """Write the plan's stays: lock the placements, recount, skip what no longer fits."""
    stored = 0
    with transaction.atomic():
        locked = capacity.lock(placements[item.placement].pk for item in plan.stays)
        counts = {pk: capacity.occupancy(row) for pk, row in locked.items()}
        for item in plan.stays:
            application = Application.objects.select_for_update().get(
                pk=applications[item.participant].pk
            )
            if hasattr(application, "stay") or application.status != Application.Status.APPROVED:
                continue  # matched in the meantime (another run): keep that stay
            placement = locked[placements[item.placement].pk]
            if not capacity.fits(placement, item.start, item.end, counts[placement.pk]):
                continue  # booked meanwhile by another run; the next run finds another
            stay = Stay(
                project=project,
                application=application,
                person=application.person,
                participant_type=application.participant_type,
                placement=placement,
                host=placement.host,
                start=item.start,
                end=item.end,
                home_city=application.home_city,
                green_travel=application.green_travel,
                fewer_opportunities=application.fewer_opportunities,
            )
            stay_grants.compute(stay)
            stay.save()
            day = item.start
            while day <= item.end:
                counts[placement.pk][day] += 1
                day += capacity.ONE_DAY
            application.status = Application.Status.MATCHED
            application.save(update_fields=["status"])
            audit.record(stay, "mobility.stay.matched", user=user, data={"placement": placement.pk})
            stored += 1
        audit.record(project, "mobility.match.stored", user=user, data=dict(plan.objective))
    return stored


# The solver's stage texts are English notes for the command line; the page says "läuft".
runs.register(MatchRun, build=build, solve=solve, store=store, stages={})
