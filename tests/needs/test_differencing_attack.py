"""The differencing attack of issue 10, run over the API as the survey coordinator.

One company alone asks for training of its apprentices in digitalisation (1 employee).
The cell is hidden everywhere, but the attacker subtracts what is shown:

- the analysis by target group for the topic, minus the shown groups, minus the groups
  hidden there that a filtered sub-table shows as its total;
- the gap report without target groups minus the one by target group, per horizon.

Without the cell-key noise every route gives the hidden cell back exactly (the control
test proves the attack is real). With it, the test fails if the attacker can pin the
value down: the published numbers are at most ``MAX_DEVIATION`` off, so the values
consistent with all routes form an interval, and it must hold more than one value.
"""

import random

import pytest

from tests.needs.conftest import make_response
from tests.needs.test_api import api
from verbund.core.services import disclosure
from verbund.needs.models import Response, Wave

HIDDEN_GROUP = "apprentices"
TRUE = {"employees": 1, "needs": 1, "companies": 1, "demand": 1.0}


@pytest.fixture
def attack_world(survey_world, districts, topics):
    wave = Wave.objects.create(
        network=survey_world.network_a, title="Angriff", status=Wave.Status.CLOSED
    )
    for n in range(8):
        make_response(wave, f"Fach {n}", districts.holzminden, topics.digital, 10 + n, "skilled")
    for n in range(7):
        make_response(wave, f"Chef {n}", districts.holzminden, topics.digital, 5 + n, "managers")
    make_response(wave, "Allein GmbH", districts.holzminden, topics.digital, 1, HIDDEN_GROUP)
    for n in range(6):
        make_response(wave, f"Arbeit {n}", districts.holzminden, topics.work, 3 + n, "skilled")
    # fixed record keys: the test is deterministic (in production they are drawn at random)
    draw = random.Random(10)
    for response in Response.objects.filter(wave=wave).order_by("pk"):
        Response.objects.filter(pk=response.pk).update(record_key=draw.random())
    return survey_world.nora, wave, topics.digital


def _analysis(call, wave, **query):
    return call("get", f"needs/waves/{wave.pk}/analysis", query).json()


def _by_group_route(call, wave, topic) -> dict[str, tuple[float, int]]:
    """total - shown groups - hidden groups read from their own filtered sub-table."""
    table = _analysis(call, wave, group="target_group", topic=topic.pk)
    estimates = {}
    for quantity in ("employees", "needs", "companies"):
        value, terms = table["total"][quantity], 1
        for row in table["rows"]:
            group = row["key"][0]
            if group == HIDDEN_GROUP:
                continue
            if row["hidden"]:
                sub = _analysis(call, wave, group="district", topic=topic.pk, target_group=group)
                assert not sub["total"]["hidden"], "the attack needs this sub-table"
                value -= sub["total"][quantity]
            else:
                value -= row[quantity]
            terms += 1
        estimates[quantity] = (value, terms)
    return estimates


def _gap_routes(call, wave, topic) -> list[tuple[float, int]]:
    """Gap report without target groups minus the rows by target group, per horizon."""
    estimates = []
    for horizon in (6, 12, 24):
        path = f"needs/waves/{wave.pk}/gaps"
        whole = call("get", path, {"horizon": horizon, "by_target_group": False}).json()
        split = call("get", path, {"horizon": horizon, "by_target_group": True}).json()
        (total,) = [row for row in whole["rows"] if row["topic_id"] == topic.pk]
        parts = [row for row in split["rows"] if row["topic_id"] == topic.pk]
        assert {row["target_group"] for row in parts} == {"skilled", "managers"}
        value = total["demand"] - sum(row["demand"] for row in parts)
        estimates.append((value, 1 + len(parts)))
    return estimates


def _attack(nora, wave, topic) -> dict[str, list[tuple[float, int]]]:
    call = api(nora)
    routes = {quantity: [found] for quantity, found in _by_group_route(call, wave, topic).items()}
    routes["demand"] = _gap_routes(call, wave, topic)
    return routes


def test_the_attack_is_real_without_noise(attack_world, monkeypatch):
    """Control: with the noise switched off, every route recovers the hidden cell exactly."""
    monkeypatch.setattr(disclosure, "perturb", lambda value, key, quantity="value": value)
    for quantity, estimates in _attack(*attack_world).items():
        assert [value for value, _terms in estimates] == [TRUE[quantity]] * len(estimates)


def test_differencing_does_not_pin_down_a_small_cell(attack_world):
    for quantity, estimates in _attack(*attack_world).items():
        low, high = 0.0, float("inf")  # the attacker knows the value is positive
        for value, terms in estimates:
            spread = terms * disclosure.MAX_DEVIATION
            low, high = max(low, value - spread), min(high, value + spread)
            assert value + spread - max(0.0, value - spread) >= 1, (quantity, value)
        assert low <= TRUE[quantity] <= high  # the noise is bounded as documented
        assert high - low >= 1, f"{quantity} of a 1-company cell pinned to [{low}, {high}]"
    exact = [
        value == TRUE[quantity]
        for quantity, estimates in _attack(*attack_world).items()
        for value, _terms in estimates
    ]
    assert not all(exact), "every route still gives the hidden value exactly"


def test_same_cell_same_value(attack_world):
    """Asking again, or through another filter, shows the very same numbers."""
    nora, wave, topic = attack_world
    call = api(nora)
    first = _analysis(call, wave, group="target_group", topic=topic.pk)
    again = _analysis(call, wave, group="target_group", topic=topic.pk)
    assert first == again
    by_topic = _analysis(call, wave, group="topic")
    (row,) = [row for row in by_topic["rows"] if row["key"] == [topic.pk]]
    if not row["hidden"]:
        assert row["employees"] == first["total"]["employees"]
