"""Neighbourhood search for components too large for one CP-SAT model, and their bound.

A neighbourhood is the set of placements one participant could take; every participant
placed there or able to go there is re-planned by CP-SAT within those placements (their
other options stay out, so nothing outside changes). Unplaced participants come first,
then random ones (for better preferences and lower grants). A neighbourhood's new plan
is kept only when it is lexicographically better: more placed, more with fewer
opportunities, lower rank sum, lower grant.

The bound: a max-flow in which placement h takes at most capacity x floor(days it is
open / shortest stay that fits) participants: no lawful plan places more.
"""

from __future__ import annotations

import random
import time

from ortools.graph.python import max_flow

from .eligibility import Option
from .model import Instance

NEIGHBOURHOOD_SECONDS = 1.0
MAX_NEIGHBOURHOOD_OPTIONS = 1500


def flow_bound(instance: Instance, per_participant, component: list[int]) -> int:
    flow = max_flow.SimpleMaxFlow()
    source, sink = 0, 1
    node = {}

    def index(key):
        if key not in node:
            node[key] = len(node) + 2
        return node[key]

    shortest: dict[int, int] = {}
    for pi in component:
        flow.add_arc_with_capacity(source, index(("p", pi)), 1)
        for option in per_participant[pi]:
            flow.add_arc_with_capacity(index(("p", pi)), index(("h", option.h)), 1)
            days = instance.participants[pi].days
            shortest[option.h] = min(shortest.get(option.h, days), days)
    for h, days in shortest.items():
        placement = instance.placements[h]
        open_days = (placement.end - placement.start).days + 1
        flow.add_arc_with_capacity(index(("h", h)), sink, placement.capacity * (open_days // days))
    flow.solve(source, sink)
    return flow.optimal_flow()


def _score(instance: Instance, chosen: dict, participants) -> tuple:
    placed = [pi for pi in participants if pi in chosen]
    return (
        len(placed),
        sum(1 for pi in placed if instance.participants[pi].fewer_opportunities),
        -sum(chosen[pi][0].rank for pi in placed),
        -sum(chosen[pi][0].grant.total for pi in placed),
    )


def _neighbourhood(per_participant, chosen, by_placement, centre: int):
    placements = {option.h for option in per_participant[centre]}
    # who stays there now, and who is unplaced but could go there; participants placed
    # elsewhere keep their place (re-planning them here could only lose it)
    people = {pi for pi, pick in chosen.items() if pick[0].h in placements}
    people |= {pi for h in placements for pi in by_placement.get(h, ()) if pi not in chosen}
    options: list[Option] = [
        o for pi in sorted(people) for o in per_participant[pi] if o.h in placements
    ]
    return people, options


def improve(
    instance, per_participant, components, chosen, base, deadline, seed, build, progress=None
) -> None:
    """Improve ``chosen`` in place until ``deadline``."""
    rng = random.Random(seed)
    members = sorted(pi for component in components for pi in component)
    by_placement: dict[int, list[int]] = {}
    for pi in members:
        for option in per_participant[pi]:
            by_placement.setdefault(option.h, []).append(pi)
    tried_unplaced: set[int] = set()
    started = time.monotonic()
    while time.monotonic() < deadline - 0.1:
        unplaced = [pi for pi in members if pi not in chosen and pi not in tried_unplaced]
        if unplaced:
            centre = unplaced[0]
            tried_unplaced.add(centre)
        else:
            centre = rng.choice(members)
        people, options = _neighbourhood(per_participant, chosen, by_placement, centre)
        if len(options) > MAX_NEIGHBOURHOOD_OPTIONS:
            continue
        model = build(options)
        seconds = min(NEIGHBOURHOOD_SECONDS, deadline - time.monotonic() - 0.05)
        if seconds <= 0.05:
            break
        current = {pi: chosen[pi] for pi in people if pi in chosen}
        result = model.solve([seconds * 0.5, seconds * 0.3, seconds * 0.2], seed, current)
        if _score(instance, result, people) > _score(instance, current, people):
            for pi in people:
                chosen.pop(pi, None)
            chosen.update(result)
            tried_unplaced.clear()  # a change may open room for someone tried before
        if progress:
            total = max(0.001, deadline - started)
            progress(
                0.5 + 0.5 * min(1.0, (time.monotonic() - started) / total),
                f"{len(chosen)} participants placed",
            )
