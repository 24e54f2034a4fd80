"""One test per hard rule of the checker: a lawful plan, then one broken rule at a time."""

import datetime as dt
from dataclasses import replace

from verbund.mobility.solver import checker, cpsat
from verbund.mobility.solver.model import Grant, Plan, Stay, Unplaced

from .solver_cases import D, instance, learner, placement

TRAVEL, INDIVIDUAL = 309, (28 + 2) * 66  # 745.6 km; 28 days + 2 travel days


def lawful_stay(**changes) -> Stay:
    stay = Stay("L1", "H1", D(2027, 3, 8), D(2027, 4, 4), 745.6, Grant(TRAVEL, INDIVIDUAL, 350, 0))
    return replace(stay, **changes)


def plan_of(*stays, unplaced=()) -> Plan:
    return Plan(tuple(stays), tuple(unplaced))


def problems(participants, placements, *stays, unplaced=()):
    return checker.check(instance(participants, placements), plan_of(*stays, unplaced=unplaced))


def test_lawful_plan_has_no_violations():
    assert problems([learner()], [placement()], lawful_stay()) == []


def test_at_most_one_placement_per_participant():
    found = problems(
        [learner()], [placement(), placement("H2")], lawful_stay(), lawful_stay(placement="H2")
    )
    assert any("2 placements" in line for line in found)


def test_placement_must_list_the_occupation():
    found = problems([learner(occupation="koch")], [placement()], lawful_stay())
    assert any("does not offer occupation koch" in line for line in found)


def test_language_level_at_least_min_level():
    found = problems([learner(languages={"fr": "A1"})], [placement()], lawful_stay())
    assert any("language fr A1 below A2" in line for line in found)
    found = problems([learner(languages={"en": "C2"})], [placement()], lawful_stay())
    assert any("language fr none below A2" in line for line in found)


def test_every_need_must_be_accessible():
    found = problems([learner(needs=("hearing",))], [placement()], lawful_stay())
    assert any("not accessible for hearing" in line for line in found)


def test_stay_has_exactly_the_wanted_days():
    found = problems([learner()], [placement()], lawful_stay(end=D(2027, 4, 5)))
    assert any("29 days, 28 wanted" in line for line in found)


def test_stay_inside_the_participant_window():
    found = problems([learner(earliest=D(2027, 3, 10))], [placement()], lawful_stay())
    assert any("outside the participant's window" in line for line in found)


def test_stay_inside_the_placement_dates():
    found = problems([learner()], [placement(start=D(2027, 3, 9))], lawful_stay())
    assert any("outside the placement's dates" in line for line in found)


def test_capacity_on_every_date():
    two = [learner("L1"), learner("L2")]
    overlapping = lawful_stay(participant="L2", start=D(2027, 4, 4), end=D(2027, 5, 1))
    found = problems(two, [placement(capacity=1)], lawful_stay(), overlapping)
    assert any("2 participants on 2027-04-04 (capacity 1; 1 days over)" in line for line in found)
    after = lawful_stay(participant="L2", start=D(2027, 4, 5), end=D(2027, 5, 2))
    assert problems(two, [placement(capacity=1)], lawful_stay(), after) == []


def test_stay_length_fits_the_participant_type():
    short = learner(days=9, latest=D(2027, 6, 30))
    stay = lawful_stay(end=D(2027, 3, 16), grant=Grant(TRAVEL, (9 + 2) * 66, 350, 0))
    found = problems([short], [placement()], stay)
    assert any("9 days do not fit learner_short (10-89 days)" in line for line in found)


def test_grant_is_recomputed_and_never_taken_from_the_plan():
    found = problems([learner()], [placement()], lawful_stay(grant=Grant(TRAVEL, 2000, 350, 0)))
    assert any("grant individual 2000, expected 1980" in line for line in found)
    found = problems([learner()], [placement()], lawful_stay(distance_km=500.0))
    assert any("distance 500.0 km, expected 745.6 km" in line for line in found)


def test_every_participant_is_placed_or_listed_with_a_reason():
    found = problems([learner(), learner("L2")], [placement()], lawful_stay())
    assert "L2: neither placed nor listed as unplaced" in found
    found = problems(
        [learner(), learner("L2")], [placement()], lawful_stay(), unplaced=[Unplaced("L2", "")]
    )
    assert "L2: unplaced without a reason" in found


def test_matcher_places_sequentially_when_capacity_is_one():
    people = [learner(f"L{n}", preferences=("H1",)) for n in range(1, 4)]
    plan = cpsat.match(instance(people, [placement()]), time_limit=2)
    assert checker.check(instance(people, [placement()]), plan) == []
    assert plan.objective["placed"] == 3  # 28 days each, one after the other in 4 months
    starts = sorted(stay.start for stay in plan.stays)
    assert all(b - a >= dt.timedelta(days=28) for a, b in zip(starts, starts[1:], strict=False))


def test_unplaced_get_the_reason_of_the_rule_that_failed():
    people = [
        learner("L1", occupation="koch"),
        learner("L2", languages={"fr": "A1"}),
        learner("L3", needs=("vision",)),
        learner("L4", earliest=D(2027, 8, 1), latest=D(2027, 9, 30)),
        learner("L5", days=5),
    ]
    plan = cpsat.match(instance(people, [placement()]), time_limit=1)
    reasons = {u.participant: u.reason for u in plan.unplaced}
    assert reasons == {
        "L1": "no placement for the occupation",
        "L2": "no placement for the occupation at the participant's language level",
        "L3": "no accessible placement for the participant's needs",
        "L4": "no placement for the occupation in the window",
        "L5": "stay length does not fit the participant type",
    }


def test_fewer_opportunities_first_at_equal_count_then_preferences_then_least_grant():
    # one place for one of two equal learners: the one with fewer opportunities gets it
    people = [learner("L1"), learner("L2", fewer_opportunities=True)]
    window = placement(start=D(2027, 3, 1), end=D(2027, 3, 28))
    plan = cpsat.match(instance(people, [window]), time_limit=1)
    assert [s.participant for s in plan.stays] == ["L2"]
    # preferences beat grant: L1 prefers the farther (dearer) placement
    far = placement("H2", lat=38.72, lon=-9.14, city="Lisboa", country="PT")  # > 2.000 km
    plan = cpsat.match(instance([learner(preferences=("H2",))], [placement(), far]), time_limit=1)
    assert plan.stays[0].placement == "H2"
    # without preferences the cheaper placement wins
    plan = cpsat.match(instance([learner()], [far, placement()]), time_limit=1)
    assert plan.stays[0].placement == "H1"
