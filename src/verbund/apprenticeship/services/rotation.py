"""The rotation plan of a Verbund: build the instance from the database, run, edit.

The instance and plan are stored in the JSON batch format, so the UI, the API and
``verbund apprenticeship plan|check`` read and write the same structures.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from verbund.apprenticeship.models import (
    Apprentice,
    RotationRun,
    Station,
    TrainingProfile,
    VerbundSetup,
)
from verbund.apprenticeship.services.plans import plan_as_json
from verbund.apprenticeship.services.training import blocked_weeks
from verbund.apprenticeship.solver import checker, cpsat, model
from verbund.core.services import audit, runs


def build_instance(network, occupation, cohort: int) -> tuple[dict, dict]:
    """The instance of a Verbund's companies for one occupation and cohort, with labels for its ids.

    One cohort (year of the training start) per run: week numbers count from the start of
    the training, so only apprentices who started together share the stations' calendar.
    """
    plan = occupation.framework_plan
    setup = VerbundSetup.objects.filter(network=network).first()
    members = network.memberships.values_list("organization_id", flat=True)
    profiles = TrainingProfile.objects.filter(
        organization__in=members, occupation=occupation
    ).select_related("organization")
    companies, apprentices, labels = (
        [],
        [],
        {"companies": {}, "apprentices": {}, "stations": {}, "partners": {}},
    )
    for profile in profiles:
        org = profile.organization
        if org.lat is None or org.lon is None:
            continue
        cid = f"C{org.pk}"
        labels["companies"][cid] = str(org)
        companies.append(
            {
                "id": cid,
                "location": {"lat": org.lat, "lon": org.lon},
                "covers": {
                    p: {str(y): int(w) for y, w in years.items()}
                    for p, years in (profile.covers or {}).items()
                },
            }
        )
        for apprentice in Apprentice.objects.filter(profile=profile, start_date__year=cohort):
            aid = f"A{apprentice.pk}"
            labels["apprentices"][aid] = str(apprentice)
            apprentices.append(
                {
                    "id": aid,
                    "company": cid,
                    "blocked_weeks": sorted(blocked_weeks(apprentice, plan.weeks)),
                }
            )
    stations = []
    for station in Station.objects.filter(
        active=True, position__plan=plan, organization__in=members
    ).select_related("organization", "position"):
        where = station.location
        if where is None:
            continue
        sid = f"S{station.pk}"
        labels["stations"][sid] = station.name
        labels["partners"][f"O{station.organization_id}"] = str(station.organization)
        row = {
            "id": sid,
            "partner": f"O{station.organization_id}",
            "position": station.position.code,
            "location": {"lat": where[0], "lon": where[1]},
            "capacity": station.capacity,
            "min_weeks": station.min_weeks,
            "max_weeks": station.max_weeks,
            "cost_per_week": float(station.cost_per_week),
        }
        if station.available_weeks:
            row["available_weeks"] = sorted(station.available_weeks)
        stations.append(row)
    # Who the plan concerns, the only companies that may open it (RotationRunQuerySet):
    # the training companies of its apprentices and the owners of its stations.
    labels["parties"] = {
        f"O{a['company'][1:]}": labels["companies"][a["company"]] for a in apprentices
    } | labels["partners"]
    costs = {
        "partner_fixed_eur": float(setup.partner_fixed_eur) if setup else 300.0,
        "travel_eur_per_km": float(setup.travel_eur_per_km) if setup else 0.30,
        "commute_days_per_week": 5,
    }
    instance = {
        "occupation": plan_as_json(plan),
        "companies": companies,
        "apprentices": apprentices,
        "stations": stations,
        "costs": costs,
    }
    return instance, labels


def start_run(
    network,
    occupation,
    user,
    cohort: int,
    time_limit: int = 30,
    locked_from: RotationRun | None = None,
) -> RotationRun:
    """Queue a run; with ``locked_from`` its locked stays are kept and the rest re-planned."""
    if getattr(occupation, "framework_plan", None) is None:
        raise ValidationError(
            _("Für diesen Ausbildungsberuf ist kein Ausbildungsrahmenplan hinterlegt.")
        )
    instance, labels = build_instance(network, occupation, cohort)
    if not instance["apprentices"]:
        raise ValidationError(
            _("Im Verbund sind für diesen Beruf und Jahrgang keine Auszubildenden eingetragen.")
        )
    locked = [
        s for s in (locked_from.plan.get("stays", []) if locked_from else []) if s.get("locked")
    ]
    run = RotationRun.objects.create(
        network=network,
        occupation=occupation,
        cohort=cohort,
        time_limit=time_limit,
        instance=instance,
        labels=labels,
        plan={"stays": locked} if locked else {},
        created_by=user,
    )
    audit.record(run, "apprenticeship.rotation.started", user=user, data={"locked": len(locked)})
    return runs.start(run)


def build(run: RotationRun):
    """The stored instance and the stays the planner locked (a bad instance says why)."""
    try:
        return model.instance_from_dict(run.instance), model.plan_from_dict(run.plan or {}).stays
    except model.InstanceError as error:
        raise runs.Infeasible(
            _(
                "Die Daten des Verbunds passen nicht zusammen: %(errors)s. Bitte korrigieren "
                "Sie sie und starten Sie die Berechnung erneut."
            )
            % {"errors": str(error)}
        ) from error


def solve(run: RotationRun, prepared, progress):
    instance, locked = prepared
    return cpsat.plan_rotation(
        instance, locked=locked, time_limit=run.time_limit, progress=progress
    )


def store(run: RotationRun, prepared, plan) -> str:
    RotationRun.objects.filter(pk=run.pk).update(plan=model.plan_to_dict(plan))
    return ""


def execute_run(run: RotationRun) -> RotationRun:
    """Run ``run`` here through core's executor (the demo loader)."""
    runs.execute(RotationRun._meta.label, run.pk)
    run.refresh_from_db()
    return run


runs.register(
    RotationRun,
    build=build,
    solve=solve,
    store=store,
    stages={"searching": gettext_noop("Der Rotationsplan wird berechnet …")},
)


def violations(run: RotationRun, plan_data: dict) -> list[str]:
    instance = model.instance_from_dict(run.instance)
    return checker.check(instance, model.plan_from_dict(plan_data))


@transaction.atomic
def edit_stay(
    run: RotationRun, index: int, start_week: int, weeks: int, locked: bool, user
) -> list[str]:
    """Change one stay by hand; a change that breaks a rule is not saved (the rules are returned)."""
    run = RotationRun.objects.select_for_update().get(pk=run.pk)
    plan = dict(run.plan)
    stays = [dict(s) for s in plan.get("stays", [])]
    if not 0 <= index < len(stays):
        raise ValidationError(_("Diesen Einsatz gibt es im Plan nicht."))
    before = dict(stays[index])
    stays[index].update(start_week=start_week, weeks=weeks)
    if locked:
        stays[index]["locked"] = True
    else:
        stays[index].pop("locked", None)
    plan["stays"] = stays
    broken = violations(run, plan)
    if broken:
        return broken
    instance = model.instance_from_dict(run.instance)
    from verbund.apprenticeship.solver.rules import plan_cost

    plan["cost"] = plan_cost(instance, model.plan_from_dict(plan).stays)
    run.plan = plan
    run.save(update_fields=["plan"])
    audit.record(
        run,
        "apprenticeship.rotation.stay_changed",
        user=user,
        changes={"stay": (before, stays[index])},
    )
    return []
