"""How many stays a placement holds on each day: lock, recount, write.

A placement with stays already booked enters a new matching run as *lanes*: for every
level k = 1..capacity, the maximal date ranges in which at least k places are still
free, each a placement of capacity 1. At most one new stay per lane at a time never
exceeds the free places on any day. Storing a plan locks the placements, recounts and
skips a stay that no longer fits (another run may have booked the place meanwhile).
"""

import datetime as dt
from collections import Counter

from verbund.mobility.models import Placement, Stay

ONE_DAY = dt.timedelta(days=1)


def occupancy(placement: Placement) -> Counter:
    counts: Counter = Counter()
    for start, end in (
        Stay.objects.filter(placement=placement)
        .exclude(status=Stay.Status.CANCELLED)
        .values_list("start", "end")
    ):
        day = start
        while day <= end:
            counts[day] += 1
            day += ONE_DAY
    return counts


def fits(placement: Placement, start: dt.date, end: dt.date, counts: Counter) -> bool:
    if start < placement.start or end > placement.end:
        return False
    day = start
    while day <= end:
        if counts[day] >= placement.capacity:
            return False
        day += ONE_DAY
    return True


def lanes(placement: Placement, counts: Counter) -> list[tuple[dt.date, dt.date]]:
    """Date ranges of capacity 1 that together hold exactly the free places."""
    result = []
    for level in range(1, placement.capacity + 1):
        run_start = None
        day = placement.start
        while day <= placement.end + ONE_DAY:
            free = day <= placement.end and placement.capacity - counts[day] >= level
            if free and run_start is None:
                run_start = day
            elif not free and run_start is not None:
                result.append((run_start, day - ONE_DAY))
                run_start = None
            day += ONE_DAY
    return result


def lock(placement_ids) -> dict[int, Placement]:
    """Lock the placements (in primary-key order, so two runs never deadlock)."""
    rows = Placement.objects.select_for_update().filter(pk__in=sorted(set(placement_ids)))
    return {row.pk: row for row in rows.order_by("pk")}
