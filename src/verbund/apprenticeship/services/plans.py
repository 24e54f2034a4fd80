"""Framework plans in the database: seed the shipped plans, read them for the solver."""

import json
from importlib import resources

from django.db import transaction

from verbund.apprenticeship.models import FrameworkPlan, PlanPosition, PlanSkill
from verbund.apprenticeship.plans.catalog import REGULATIONS
from verbund.apprenticeship.solver import model as solver_model
from verbund.core.models import Occupation


def shipped_plans() -> list[dict]:
    data = resources.files("verbund.apprenticeship").joinpath("data")
    return [json.loads(data.joinpath(f"{r.code}.json").read_text("utf-8")) for r in REGULATIONS]


@transaction.atomic
def store_plan(data: dict, occupation: Occupation | None = None) -> FrameworkPlan:
    """Create or replace the plan of ``data`` (the shipped JSON shape); positions are rewritten."""
    if occupation is None:
        occupation, _ = Occupation.objects.get_or_create(
            code=data["code"], defaults={"name": data["name"]}
        )
    occupation.duration_months = data.get("duration_months") or occupation.duration_months
    occupation.regulation = data.get("regulation") or occupation.regulation
    occupation.save(update_fields=["duration_months", "regulation"])
    plan, _ = FrameworkPlan.objects.update_or_create(
        occupation=occupation,
        defaults={
            "weeks": data["weeks"],
            "years": data["years"],
            "source": data.get("source", ""),
            "groups": data.get("groups", []),
        },
    )
    existing = {p.code: p for p in plan.positions.all()}
    seen = set()
    for order, item in enumerate(data["positions"]):
        position = existing.get(item["id"]) or PlanPosition(plan=plan, code=item["id"])
        position.section = item.get("section", "")
        position.title = item["title"]
        position.throughout = bool(item.get("throughout"))
        position.weeks = {str(k): int(v) for k, v in (item.get("weeks") or {}).items()}
        position.order = order
        position.save()
        seen.add(position.code)
        position.skills.all().delete()
        PlanSkill.objects.bulk_create(
            PlanSkill(position=position, letter=s.get("letter", ""), text=s["text"], order=n)
            for n, s in enumerate(item.get("skills", []))
        )
    # positions taken out of a plan go unless stations or trainers still use them
    for code, position in existing.items():
        if code not in seen and not position.stations.exists():
            position.delete()
    return plan


def seed_plans() -> int:
    """The seven shipped plans (idempotent; ``verbund seed_reference`` and the demo call it)."""
    for data in shipped_plans():
        store_plan(data)
    return len(REGULATIONS)


def solver_occupation(plan: FrameworkPlan) -> solver_model.Occupation:
    positions = tuple(
        solver_model.Position(
            p.code, p.title, {int(y): int(w) for y, w in p.weeks.items() if int(w) > 0}
        )
        for p in plan.positions.all()
        if not p.throughout and p.weeks
    )
    years = tuple(
        solver_model.Year(int(y["year"]), int(y["from_week"]), int(y["to_week"]))
        for y in plan.years
    )
    return solver_model.Occupation(plan.occupation.code, plan.weeks, years, positions)


def plan_as_json(plan: FrameworkPlan) -> dict:
    """The plan in the instance's ``occupation`` shape of the batch interface."""
    occupation = solver_occupation(plan)
    return {
        "code": occupation.code,
        "weeks": occupation.weeks,
        "years": [
            {
                "year": y["year"],
                "label": y.get("label", ""),
                "from_week": y["from_week"],
                "to_week": y["to_week"],
            }
            for y in plan.years
        ],
        "positions": [
            {"id": p.id, "title": p.title, "weeks": {str(k): v for k, v in p.weeks.items()}}
            for p in occupation.positions
        ],
    }
