"""Fewer idle gaps by local search over a feasible meeting -> slot map.

The move is a Kempe chain between two slots: move one meeting from slot s to slot t; any
participant of it already busy in t has that meeting pushed back to s, and so on until
the chain closes. Every participant keeps at most one meeting per slot by construction;
sessions, blocked slots and table counts are checked on the whole chain. A participant's
slots are a bit mask, so its gap count is the number of busy runs minus one. Simulated
annealing on total gaps (with a small sum-of-squares term that spreads the remaining gaps
fairly) keeps the best schedule seen; the set of scheduled meetings never shrinks.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict

from .model import Instance

# Fairness tie-break: a squared gap costs this much of one whole gap.
FAIRNESS_WEIGHT = 0.01
START_TEMPERATURE = 0.6
END_TEMPERATURE = 0.02
SNAPSHOT_STEPS = 2000
# Ejection: a meeting may leave the schedule for a while at this cost (in gaps), which
# lets the search pass through states a chain move cannot reach (a participant's whole
# block moving next to another); only complete states count as results.
EJECT_COST = 1.5
EJECT_SHARE = 0.02
INSERT_SHARE = 0.2
# Share of chain moves aimed at a slot next to one of the participant's meetings.
EDGE_SHARE = 0.5
# Share of moves that start from a meeting of someone who has gaps.
FOCUS_SHARE = 0.5


def gaps_of(mask: int) -> int:
    if not mask:
        return 0
    return (mask & ~(mask << 1)).bit_count() - 1


def _cost(gaps: int) -> float:
    return gaps + FAIRNESS_WEIGHT * gaps * gaps


class Search:
    def __init__(self, instance: Instance, slot_of: dict[str, int], frozen=(), seed: int = 0):
        self.instance = instance
        self.rng = random.Random(seed)
        self.n_slots = len(instance.slots)
        self.tables = len(instance.tables)
        self.meetings = instance.meetings
        self.index = {m.id: i for i, m in enumerate(self.meetings)}
        people = sorted({p for m in self.meetings for p in m.participants})
        self.person = {p: i for i, p in enumerate(people)}
        self.members = [[self.person[p] for p in m.participants] for m in self.meetings]
        self.allowed = []
        for meeting in self.meetings:
            mask = 0
            for slot in instance.allowed_slots(meeting):
                mask |= 1 << slot
            self.allowed.append(mask)
        self.full = (1 << self.n_slots) - 1
        self.frozen = {self.index[m] for m in frozen if m in self.index}
        self.slot = [-1] * len(self.meetings)
        self.occupant = [{} for _ in people]  # person -> {slot: meeting}
        self.mask = [0] * len(people)
        self.count = [0] * self.n_slots
        # People with gaps, as a list with positions (random pick and removal in O(1)):
        # on large forums most people have none, and moves aimed at them are wasted.
        self.gappy: list[int] = []
        self.gappy_at: dict[int, int] = {}
        for meeting_id, slot in slot_of.items():
            self._place(self.index[meeting_id], slot)
        self.by_person = defaultdict(list)
        for m, members in enumerate(self.members):
            for p in members:
                self.by_person[p].append(m)

    def _set_mask(self, p: int, mask: int) -> None:
        self.mask[p] = mask
        if gaps_of(mask):
            if p not in self.gappy_at:
                self.gappy_at[p] = len(self.gappy)
                self.gappy.append(p)
        elif p in self.gappy_at:
            index = self.gappy_at.pop(p)
            last = self.gappy.pop()
            if last != p:
                self.gappy[index] = last
                self.gappy_at[last] = index

    def _place(self, m: int, slot: int) -> None:
        self.slot[m] = slot
        self.count[slot] += 1
        for p in self.members[m]:
            self.occupant[p][slot] = m
            self._set_mask(p, self.mask[p] | 1 << slot)

    def total(self) -> int:
        return sum(gaps_of(mask) for mask in self.mask)

    def result(self) -> dict[str, int]:
        return {self.meetings[m].id: s for m, s in enumerate(self.slot) if s >= 0}

    def _chain(self, start: int, target: int):
        """Meetings that move between slot of ``start`` and ``target`` (m -> new slot)."""
        origin = self.slot[start]
        moving = {start: target}
        queue = [start]
        while queue:
            m = queue.pop()
            destination = moving[m]
            back = origin if destination == target else target
            for p in self.members[m]:
                other = self.occupant[p].get(destination)
                if other is not None and other not in moving:
                    if other in self.frozen:
                        return None
                    moving[other] = back
                    queue.append(other)
        return moving

    def _evaluate(self, moving: dict[int, int]):
        origin_count = defaultdict(int)
        for m, new in moving.items():
            if not (self.allowed[m] >> new) & 1:
                return None
            origin_count[self.slot[m]] -= 1
            origin_count[new] += 1
        for slot, change in origin_count.items():
            if self.count[slot] + change > self.tables:
                return None
        new_masks = {}
        for m in moving:
            old = self.slot[m]
            for p in self.members[m]:
                mask = new_masks.get(p, self.mask[p])
                new_masks[p] = mask & ~(1 << old)
        for m, new in moving.items():
            for p in self.members[m]:
                new_masks[p] |= 1 << new
        delta = 0.0
        gap_change = 0
        for p, mask in new_masks.items():
            before, after = gaps_of(self.mask[p]), gaps_of(mask)
            delta += _cost(after) - _cost(before)
            gap_change += after - before
        return delta, gap_change, new_masks, origin_count

    def _apply(self, moving, new_masks, counts) -> None:
        for m in moving:
            for p in self.members[m]:
                if self.occupant[p].get(self.slot[m]) == m:
                    del self.occupant[p][self.slot[m]]
        for m, new in moving.items():
            self.slot[m] = new
            for p in self.members[m]:
                self.occupant[p][new] = m
        for p, mask in new_masks.items():
            self._set_mask(p, mask)
        for slot, change in counts.items():
            self.count[slot] += change

    def _try_insert(self) -> bool:
        waiting = [m for m, s in enumerate(self.slot) if s < 0]
        if not waiting:
            return False
        m = self.rng.choice(waiting)
        busy = 0
        for p in self.members[m]:
            busy |= self.mask[p]
        free = self.allowed[m] & ~busy
        options = [
            s for s in range(self.n_slots) if (free >> s) & 1 and self.count[s] < self.tables
        ]
        if not options:
            return False
        self._place(m, self.rng.choice(options))
        return True

    def _masks_without(self, m: int) -> dict[int, int]:
        return {p: self.mask[p] & ~(1 << self.slot[m]) for p in self.members[m]}

    def _masks_with(self, m: int, slot: int) -> dict[int, int]:
        return {p: self.mask[p] | (1 << slot) for p in self.members[m]}

    def _change(self, new_masks: dict[int, int]) -> tuple[float, int]:
        delta, gap_change = 0.0, 0
        for p, mask in new_masks.items():
            before, after = gaps_of(self.mask[p]), gaps_of(mask)
            delta += _cost(after) - _cost(before)
            gap_change += after - before
        return delta, gap_change

    def _remove(self, m: int, new_masks: dict[int, int]) -> None:
        slot = self.slot[m]
        self.count[slot] -= 1
        for p in self.members[m]:
            del self.occupant[p][slot]
        for p, mask in new_masks.items():
            self._set_mask(p, mask)
        self.slot[m] = -1

    def _best_insert(self, m: int):
        """The cheapest free slot for an unplaced meeting: (delta, gaps, slot, masks)."""
        busy = 0
        for p in self.members[m]:
            busy |= self.mask[p]
        free = self.allowed[m] & ~busy
        best = None
        while free:
            bit = free & -free
            free ^= bit
            slot = bit.bit_length() - 1
            if self.count[slot] >= self.tables:
                continue
            masks = self._masks_with(m, slot)
            delta, gap_change = self._change(masks)
            if best is None or delta < best[0]:
                best = (delta, gap_change, slot, masks)
        return best

    def run(self, seconds: float, progress=None, target: int = 0) -> dict[str, int]:
        """Search for ``seconds`` or until no more than ``target`` gaps are left."""
        started = time.monotonic()
        deadline = started + seconds
        best_key = (self.total(), max(map(gaps_of, self.mask), default=0))
        best = list(self.slot)
        movable = [m for m, s in enumerate(self.slot) if s >= 0 and m not in self.frozen]
        placed = best_placed = len(movable) + len(self.frozen)
        ejected: list[int] = []
        steps = 0
        snapshot_at = -SNAPSHOT_STEPS
        gaps = self.total()
        temperature = START_TEMPERATURE
        while movable:
            steps += 1
            if steps % 256 == 0:
                now = time.monotonic()
                if now >= deadline or (gaps <= target and not ejected):
                    break
                share = (now - started) / seconds
                temperature = START_TEMPERATURE * (END_TEMPERATURE / START_TEMPERATURE) ** share
                if steps % 4096 == 0 and not ejected:
                    while self._try_insert():
                        best_key = (math.inf, math.inf)
                        placed += 1
                    movable = [
                        m for m, s in enumerate(self.slot) if s >= 0 and m not in self.frozen
                    ]
                    gaps = self.total()
                    if progress:
                        progress(share, gaps)
            roll = self.rng.random()
            if ejected and roll < INSERT_SHARE:
                m = ejected[self.rng.randrange(len(ejected))]
                option = self._best_insert(m)
                if option is None:
                    continue
                delta, gap_change, slot, masks = option
                delta -= EJECT_COST
                if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                    ejected.remove(m)
                    self._place(m, slot)
                    movable.append(m)
                    placed += 1
                    gaps += gap_change
                    if placed >= best_placed and (placed > best_placed or gaps < best_key[0]):
                        key = (gaps, max(map(gaps_of, self.mask), default=0))
                        if placed > best_placed or key < best_key:
                            best_key, best, best_placed = key, list(self.slot), placed
                            snapshot_at = steps
                continue
            if self.gappy and self.rng.random() < FOCUS_SHARE:
                person = self.gappy[self.rng.randrange(len(self.gappy))]
                m = self.rng.choice(self.by_person[person])
                if m in self.frozen:
                    continue
            else:
                m = self.rng.choice(movable)
            if self.slot[m] < 0:
                continue
            if roll > 1 - EJECT_SHARE:
                masks = self._masks_without(m)
                delta, gap_change = self._change(masks)
                delta += EJECT_COST
                if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                    self._remove(m, masks)
                    ejected.append(m)
                    placed -= 1
                    gaps += gap_change
                continue
            # Pick a participant with gaps more often than not.
            p = self.rng.choice(self.members[m])
            if gaps_of(self.mask[p]) == 0 and self.rng.random() < 0.5:
                continue
            candidates = self.allowed[m] & ~(1 << self.slot[m])
            if not candidates:
                continue
            span = self.mask[p]
            edges = ((span << 1) | (span >> 1)) & ~span & candidates & self.full
            if edges and self.rng.random() < EDGE_SHARE:
                # A slot next to one of p's meetings: the move grows a block of p.
                options = [t for t in range(self.n_slots) if (edges >> t) & 1]
                slot = options[self.rng.randrange(len(options))]
            else:
                low, high = (span & -span).bit_length() - 1, span.bit_length() - 1
                slot = self.rng.randint(max(low - 1, 0), min(high + 1, self.n_slots - 1))
                if not (candidates >> slot) & 1:
                    continue
            moving = self._chain(m, slot)
            if moving is None:
                continue
            evaluated = self._evaluate(moving)
            if evaluated is None:
                continue
            delta, gap_change, new_masks, counts = evaluated
            if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                self._apply(moving, new_masks, counts)
                gaps += gap_change
                # Copying the schedule is O(meetings): only for a new best total, and not
                # more often than every SNAPSHOT_STEPS (the end state is compared as well).
                if (
                    placed >= best_placed
                    and gaps < best_key[0]
                    and steps - snapshot_at >= SNAPSHOT_STEPS
                ):
                    key = (gaps, max(map(gaps_of, self.mask), default=0))
                    if key < best_key:
                        best_key, best, snapshot_at = key, list(self.slot), steps
                        best_placed = placed
        if (
            not ejected
            and sum(s >= 0 for s in self.slot) >= sum(s >= 0 for s in best)
            and (
                self.total(),
                max(map(gaps_of, self.mask), default=0),
            )
            <= best_key
        ):
            best = list(self.slot)
        self.steps = steps
        return {self.meetings[m].id: s for m, s in enumerate(best) if s >= 0}
