"""Local search over whole board blocks: move an examiner's sittings on a board to another.

CP-SAT blocks (blocks.py) re-plan a few boards with every other board fixed, so an
examiner's load elsewhere cannot change and a nearer or less loaded examiner can only come
in as an extra person on the board. The moves here work across boards, one examiner's
block at a time:

- *hand over*: every sitting examiner A has on a board (group g) goes to examiner B, who
  is free on those days and has room: the board keeps its number of people (or loses one
  when B already sits on it), travel and load change;
- *share*: one sitting of A goes to B (on the board already, or a new person when the
  travel or load saved is worth one more person on the board).

A move is taken when it lowers the euro sum of the planner's weights (goals.Weights) and
makes no goal worse than ``ceiling`` (the balanced mode's no-worse-than-greedy rule).
Each move is checked against every hard rule a slot's candidate list does not already
cover (one sitting a day, max_sittings, no examiner twice in a sitting, locks).
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from .eligibility import Problem, Slot, Staffing
from .goals import Weights

# Check the clock every this many examined blocks (time.monotonic is not free).
CLOCK_EVERY = 64


class _State:
    def __init__(self, problem: Problem, staffing: Staffing, locked: Staffing, weights: Weights):
        self.p = problem
        self.staffing = {slot: list(people) for slot, people in staffing.items()}
        self.locked = {(slot, ei) for slot, people in locked.items() for ei in people}
        self.candidates = {slot: frozenset(c) for slot, c in problem.candidates.items()}
        self.load: Counter[int] = Counter()
        self.busy: dict[int, set] = defaultdict(set)
        self.people: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        self.slots_of: dict[tuple[int, str, str], set[Slot]] = defaultdict(set)
        for slot, people in self.staffing.items():
            key = (problem.board(slot), slot[1])
            for ei in people:
                self.load[ei] += 1
                self.busy[ei].add(problem.date(slot))
                self.people[key][ei] += 1
                self.slots_of[ei, *key].add(slot)
        # in cents per travel unit (100 m one way, paid both ways), board change, sitting
        self.cents_travel = 2 * 0.1 * weights.euro_per_km * 100
        self.cents_board = weights.euro_per_board_change * 100
        self.cents_load = weights.euro_per_sitting_above_fair * 100

    def over(self, ei: int, n: int) -> int:
        return max(0, n - self.p.fair[ei])

    def delta(self, a: int, b: int, slots: list[Slot], key) -> tuple[float, int, int, int] | None:
        """(euro cents, board changes, load spread, travel units) of giving ``slots`` to b."""
        p, n = self.p, len(slots)
        if self.load[b] + n > p.examiners[b].max_sittings:
            return None
        travel = 0
        for slot in slots:
            if b not in self.candidates[slot] or b in self.staffing[slot]:
                return None
            if p.date(slot) in self.busy[b]:
                return None
            travel += p.travel[b, slot[0]] - p.travel[a, slot[0]]
        board = (0 if b in self.people[key] else 1) - (1 if self.people[key][a] == n else 0)
        load = (
            self.over(a, self.load[a] - n)
            - self.over(a, self.load[a])
            + self.over(b, self.load[b] + n)
            - self.over(b, self.load[b])
        )
        cents = travel * self.cents_travel + board * self.cents_board + load * self.cents_load
        return cents, board, load, travel

    def apply(self, a: int, b: int, slots: list[Slot], key) -> None:
        for slot in slots:
            people = self.staffing[slot]
            people[people.index(a)] = b
            day = self.p.date(slot)
            self.busy[a].discard(day)
            self.busy[b].add(day)
            self.slots_of[a, *key].discard(slot)
            self.slots_of[b, *key].add(slot)
        n = len(slots)
        self.load[a] -= n
        self.load[b] += n
        self.people[key][a] -= n
        if not self.people[key][a]:
            del self.people[key][a]
        self.people[key][b] += n


def improve(
    problem: Problem,
    staffing: Staffing,
    locked: Staffing,
    deadline: float,
    weights: Weights,
    totals: tuple[int, int, int],
    ceiling: tuple[int, int, int] | None = None,
    seed: int = 0,
) -> tuple[Staffing, tuple[int, int, int]]:
    """Improve ``staffing`` by block moves until ``deadline`` or no move helps.

    ``totals`` are the plan's (board changes, load spread, travel units); with
    ``ceiling`` no move may lift one of them above it. Returns (staffing, new totals).
    """
    state = _State(problem, staffing, locked, weights)
    board, load, travel = totals
    rng = random.Random(seed)
    examined = 0
    while True:
        entries = [(ei, b, g) for (ei, b, g), slots in state.slots_of.items() if slots]
        rng.shuffle(entries)
        improved = False
        for a, b_code, group in entries:
            examined += 1
            if examined % CLOCK_EVERY == 0 and time.monotonic() > deadline:
                return state.staffing, (board, load, travel)
            key = (b_code, group)
            mine = [s for s in state.slots_of[a, b_code, group] if (s, a) not in state.locked]
            if not mine:
                continue
            options = []
            if len(mine) == len(state.slots_of[a, b_code, group]):
                options += [(mine, ei) for ei in problem.candidates[mine[0]] if ei != a]
            if len(mine) > 1:
                # one sitting to anyone (a board member, or a new one who travels less)
                options += [([slot], ei) for slot in mine for ei in problem.candidates[slot]]
            best = None
            for slots, other in options:
                change = state.delta(a, other, slots, key)
                if change is None or change[0] >= -1e-9:
                    continue
                if ceiling is not None and (
                    board + change[1] > ceiling[0]
                    or load + change[2] > ceiling[1]
                    or travel + change[3] > ceiling[2]
                ):
                    continue
                if best is None or change[0] < best[0][0]:
                    best = (change, slots, other)
            if best is not None:
                change, slots, other = best
                state.apply(a, other, slots, key)
                board, load, travel = board + change[1], load + change[2], travel + change[3]
                improved = True
        if not improved or time.monotonic() > deadline:
            return state.staffing, (board, load, travel)


# Simulated annealing over the same moves: start and end temperature in euro cents (one
# board change is 3,000 cents at the default weights, 10 km of travel 600).
START_TEMPERATURE = 1_000.0
END_TEMPERATURE = 10.0
# A small period needs no minutes: the schedule also ends after this many tries per seat.
MAX_TRIES_PER_SEAT = 2_000


def anneal(
    problem: Problem,
    staffing: Staffing,
    locked: Staffing,
    deadline: float,
    weights: Weights,
    totals: tuple[int, int, int],
    ceiling: tuple[int, int, int] | None = None,
    seed: int = 0,
    report: Callable[[float], None] | None = None,
) -> tuple[Staffing, tuple[int, int, int]]:
    """Random moves until ``deadline``, a worse one taken with falling probability.

    Escapes the local optimum of ``improve``; never lifts a goal above ``ceiling``. Ends
    with ``improve``'s descent and returns the better of that and the start. ``report``
    gets the share of the time used now and then.
    """
    state = _State(problem, staffing, locked, weights)
    rng = random.Random(seed)
    board, load, travel = totals
    filled = [slot for slot, people in state.staffing.items() if people]
    start, span = time.monotonic(), max(1e-6, deadline - time.monotonic())
    temperature, moved = START_TEMPERATURE, 0
    tries = MAX_TRIES_PER_SEAT * len(filled)
    while filled:
        moved += 1
        if moved % 256 == 0:
            done = max((time.monotonic() - start) / span, moved / tries)
            if done >= 1:
                break
            temperature = START_TEMPERATURE * (END_TEMPERATURE / START_TEMPERATURE) ** done
            if report and moved % 65_536 == 0:
                report(done)
        slot = rng.choice(filled)
        a = rng.choice(state.staffing[slot])
        if (slot, a) in state.locked:
            continue
        key = (problem.board(slot), slot[1])
        block = state.slots_of[a, *key]
        slots = [slot]
        if rng.random() < 0.5 and not any((s, a) in state.locked for s in block):
            slots = list(block)
        other = rng.choice(problem.candidates[slot])
        change = state.delta(a, other, slots, key)
        if change is None:
            continue
        if ceiling is not None and (
            board + change[1] > ceiling[0]
            or load + change[2] > ceiling[1]
            or travel + change[3] > ceiling[2]
        ):
            continue
        if change[0] > 0 and rng.random() >= math.exp(-change[0] / temperature):
            continue
        state.apply(a, other, slots, key)
        board, load, travel = board + change[1], load + change[2], travel + change[3]
    result = improve(
        problem, state.staffing, locked, float("inf"), weights, (board, load, travel), ceiling
    )
    if _cents(state, result[1]) <= _cents(state, totals):
        return result
    return staffing, totals


def _cents(state: _State, totals: tuple[int, int, int]) -> float:
    board, load, travel = totals
    return board * state.cents_board + load * state.cents_load + travel * state.cents_travel
