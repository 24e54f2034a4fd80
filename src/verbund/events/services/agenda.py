"""From the database to the solver's instance and back: scheduling runs (core solver
runs: build, solve, store), publishing, each representative's agenda and the organiser's table plan."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from verbund.core.services import audit, runs
from verbund.events.models import MatchmakingSetup, Representative, ScheduleRun
from verbund.events.services.calendar import slot_datetime
from verbund.events.services.matchmaking import accepted, setup_for, slots
from verbund.events.solver import scheduler
from verbund.events.solver.model import Instance, Meeting, Participant

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 20.0
PROGRESS_INTERVAL = 0.5


def rep_id(pk) -> str:
    return f"R{pk}"


def build_instance(event) -> Instance:
    setup = setup_for(event)
    representatives = Representative.objects.filter(profile__event=event).order_by("pk")
    meetings = [
        Meeting(
            request.meeting_id,
            (rep_id(request.requester_id), rep_id(request.accepted_by_id)),
            request.session,
        )
        for request in accepted(event)
        if request.accepted_by_id
    ]
    return Instance(
        event={"name": event.title, "date": timezone.localtime(event.start).date().isoformat()},
        slots=slots(setup),
        tables=[str(number + 1) for number in range(setup.tables)],
        participants={
            rep_id(r.pk): Participant(rep_id(r.pk), f"C{r.profile_id}", frozenset(r.unavailable))
            for r in representatives
        },
        meetings=meetings,
    )


def start_run(event, user, time_limit: float = DEFAULT_TIME_LIMIT) -> ScheduleRun:
    run = ScheduleRun.objects.create(
        event=event,
        time_limit=time_limit,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    audit.record(event, "events.schedule.started", user=user, data={"run": run.pk})
    return runs.start(run)


def build(run: ScheduleRun):
    setup = setup_for(run.event)
    instance = build_instance(run.event)
    published = {a["meeting"]: a["slot"] for a in setup.published.get("scheduled", [])}
    # The people hold the published agenda, so a published meeting goes back to its
    # published table, even if a run since then moved it; the rest keep the current one.
    tables = {a["meeting"]: a["table"] for a in setup.schedule.get("scheduled", [])}
    tables.update({a["meeting"]: a["table"] for a in setup.published.get("scheduled", [])})
    return setup, instance, published, tables


def solve(run: ScheduleRun, prepared, progress):
    _setup, instance, published, tables = prepared
    return scheduler.solve(
        instance,
        time_limit=run.time_limit,
        keep=published,
        previous_tables=tables,
        progress=progress,
    )


def store(run: ScheduleRun, prepared, schedule) -> str:
    setup, instance, _published, _tables = prepared
    setup.schedule = schedule.to_dict()
    setup.save(update_fields=["schedule"])
    ScheduleRun.objects.filter(pk=run.pk).update(
        result={
            "objective": schedule.objective,
            "bound": schedule.bound,
            "solver": schedule.solver,
            "meetings": len(instance.meetings),
            "unscheduled": len(schedule.unscheduled),
        }
    )
    return gettext_noop("Terminplan berechnet.")


def execute_run(run: ScheduleRun) -> ScheduleRun:
    """Run ``run`` here through core's executor."""
    runs.execute(ScheduleRun._meta.label, run.pk)
    run.refresh_from_db()
    return run


runs.register(ScheduleRun, build=build, solve=solve, store=store, stages={})


def publish(setup: MatchmakingSetup, *, final: bool, user) -> MatchmakingSetup:
    setup.published = setup.schedule
    setup.agenda = MatchmakingSetup.Agenda.FINAL if final else MatchmakingSetup.Agenda.PRELIMINARY
    setup.save(update_fields=["published", "agenda"])
    audit.record(setup.event, f"events.schedule.published_{setup.agenda}", user=user)
    return setup


def _rows(event, schedule: dict, only_rep: int | None = None) -> list[dict]:
    setup = setup_for(event)
    slot_by_id = {slot.id: slot for slot in slots(setup)}
    requests = {request.meeting_id: request for request in accepted(event)}
    day = timezone.localtime(event.start).date()
    rows = []
    for assignment in schedule.get("scheduled", []):
        request = requests.get(assignment["meeting"])
        slot = slot_by_id.get(assignment["slot"])
        if request is None or slot is None:
            continue
        sides = {
            request.requester_id: request.accepted_by,
            request.accepted_by_id: request.requester,
        }
        if only_rep is not None and only_rep not in sides:
            continue
        partner = sides.get(only_rep) if only_rep is not None else None
        start = slot_datetime(day, _time(slot.start))
        end = slot_datetime(day, _time(slot.end))
        rows.append(
            {
                "id": assignment["meeting"],
                "representative": only_rep or 0,
                "slot": slot.id,
                "start": start,
                "end": end,
                "table": assignment["table"],
                "table_label": _("Tisch %(table)s") % {"table": assignment["table"]},
                "request": request,
                "partner": partner,
                "summary": _("B2B-Gespräch mit %(company)s") % {"company": partner.profile}
                if partner
                else str(request),
            }
        )
    return sorted(rows, key=lambda row: (row["start"], row["table"]))


def _time(text: str):
    import datetime

    return datetime.time.fromisoformat(text)


def agenda_for(representative: Representative, *, published_only: bool = True) -> list[dict]:
    event = representative.profile.event
    setup = setup_for(event)
    schedule = setup.published if published_only else setup.schedule
    return _rows(event, schedule, only_rep=representative.pk)


def table_plan(event, schedule: dict) -> list[dict]:
    return _rows(event, schedule)
