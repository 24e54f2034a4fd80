"""A lower bound on idle gaps that every schedule must have, computed per participant.

A participant with ``d`` meetings is gap-free only if some window of ``d`` consecutive
slots can hold all of them: each meeting in a distinct slot of the window where it is
allowed (its session, and nobody of it unavailable). That is a bipartite matching
(meetings -> window slots) per window; if no window admits a perfect one, the participant
has at least one gap in every schedule. The sum over participants is a valid bound (it
ignores the other participants and the tables, so it is weak on dense forums).
"""

from __future__ import annotations

from collections import defaultdict

from .model import Instance


def _perfect_matching(domains: list[int], window: int) -> bool:
    """Can every meeting (bit mask of allowed slots) get its own slot of ``window``?"""
    owner: dict[int, int] = {}

    def augment(meeting: int, seen: set[int]) -> bool:
        options = domains[meeting] & window
        while options:
            bit = options & -options
            options ^= bit
            slot = bit.bit_length() - 1
            if slot in seen:
                continue
            seen.add(slot)
            if slot not in owner or augment(owner[slot], seen):
                owner[slot] = meeting
                return True
        return False

    return all(augment(meeting, set()) for meeting in range(len(domains)))


def gap_free_possible(domains: list[int], n_slots: int) -> bool:
    count = len(domains)
    if count > n_slots:
        return False
    full = (1 << count) - 1
    return any(_perfect_matching(domains, full << start) for start in range(n_slots - count + 1))


def idle_gap_bound(instance: Instance, scheduled: set[str] | None = None) -> int:
    """Participants that cannot be gap-free, given the meetings in ``scheduled`` (default:
    every meeting with an allowed slot)."""
    n_slots = len(instance.slots)
    domains: dict[str, list[int]] = defaultdict(list)
    for meeting in instance.meetings:
        if scheduled is not None and meeting.id not in scheduled:
            continue
        mask = 0
        for slot in instance.allowed_slots(meeting):
            mask |= 1 << slot
        if not mask:
            continue
        for person in meeting.participants:
            domains[person].append(mask)
    return sum(1 for masks in domains.values() if not gap_free_possible(masks, n_slots))
