"""Greedy baseline (and the CP-SAT warm start): the least flexible participant first,
each takes their best-ranked placement that still has a free place for the whole stay."""

from __future__ import annotations

import datetime as dt
import time

from .eligibility import CAPACITY_REASON, Option, options
from .model import Instance, Plan, Stay, Unplaced


class Occupancy:
    """Per placement and day, how many participants stay there."""

    def __init__(self, instance: Instance) -> None:
        self.capacity = [h.capacity for h in instance.placements]
        self.by_day: list[dict[dt.date, int]] = [{} for _ in instance.placements]

    def earliest_free(self, option: Option, days: int) -> dt.date | None:
        counts, capacity = self.by_day[option.h], self.capacity[option.h]
        start = option.first_start
        while start <= option.last_start:
            blocked = None
            for offset in range(days):
                day = start + dt.timedelta(days=offset)
                if counts.get(day, 0) >= capacity:
                    blocked = day
            if blocked is None:
                return start
            start = blocked + dt.timedelta(days=1)
        return None

    def take(self, h: int, start: dt.date, days: int) -> None:
        counts = self.by_day[h]
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            counts[day] = counts.get(day, 0) + 1


def assign(instance: Instance, per_participant: list[list[Option]]) -> dict[int, tuple]:
    """participant index -> (option, start) for everyone the greedy rule places."""
    occupancy = Occupancy(instance)
    order = sorted(
        (pi for pi, opts in enumerate(per_participant) if opts),
        key=lambda pi: (
            not instance.participants[pi].fewer_opportunities,
            len(per_participant[pi]),
            -instance.participants[pi].days,
            instance.participants[pi].id,
        ),
    )
    chosen: dict[int, tuple] = {}
    for pi in order:
        days = instance.participants[pi].days
        for option in sorted(per_participant[pi], key=lambda o: (o.rank, o.grant.total, o.h)):
            start = occupancy.earliest_free(option, days)
            if start is not None:
                occupancy.take(option.h, start, days)
                chosen[pi] = (option, start)
                break
    return chosen


def make_plan(
    instance: Instance,
    chosen: dict[int, tuple],
    reasons: dict[int, str],
    status: str,
    seconds: float,
    bound: int | None = None,
) -> Plan:
    stays, unplaced = [], []
    for pi, participant in enumerate(instance.participants):
        if pi in chosen:
            option, start = chosen[pi]
            stays.append(
                Stay(
                    participant=participant.id,
                    placement=instance.placements[option.h].id,
                    start=start,
                    end=start + dt.timedelta(days=participant.days - 1),
                    distance_km=option.distance_km,
                    grant=option.grant,
                )
            )
        else:
            unplaced.append(Unplaced(participant.id, reasons.get(pi, CAPACITY_REASON)))
    objective = {
        "placed": len(stays),
        "preference_rank_sum": sum(option.rank for option, _start in chosen.values()),
        "grant_total": sum(stay.grant.total for stay in stays),
    }
    return Plan(
        tuple(stays),
        tuple(unplaced),
        objective,
        {"placed": len(stays) if bound is None else bound},
        {"status": status, "seconds": round(seconds, 2)},
    )


def greedy(instance: Instance) -> Plan:
    started = time.monotonic()
    per_participant, reasons = options(instance)
    chosen = assign(instance, per_participant)
    bound = len(instance.participants) - len(reasons)  # everyone with at least one option
    return make_plan(instance, chosen, reasons, "GREEDY", time.monotonic() - started, bound)
