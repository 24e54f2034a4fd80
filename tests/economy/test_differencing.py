"""The joint report minus one chamber's report must give no small cell back (issue 24).

The attacker reads the joint figures and each chamber's figures through the API
(``?chamber=``, the same service as the pages, PDFs and XLSX of published reports) and
subtracts: for every group, joint firms minus the other chambers' shown firms is the
hidden chamber's part. Without the protection of the published set this recovers the
3 manufacturing firms of IHK Lüneburg-Wolfsburg (the control test proves the attack is
real); with it, no part of 1-4 firms is ever determined.
"""

import pytest

from tests.api.conftest import client_for
from verbund.economy.models import Answer
from verbund.economy.services import protection


def _read(world, chamber=None):
    query = {"chamber": chamber.pk} if chamber is not None else {}
    response = client_for(world.viktor).get(f"economy/waves/{world.wave.pk}/figures", **query)
    assert response.status_code == 200
    return response.json()


def _recovered(world) -> list[tuple]:
    """Every (table, group, chamber, firms) whose hidden part follows by subtraction."""
    joint = _read(world)
    chambers = {chamber.pk: _read(world, chamber) for chamber in (world.bs, world.lw)}
    real = {
        chamber_pk: set(Answer.objects.filter(wave=world.wave, chamber_id=chamber_pk, status="submitted").values_list("pk", flat=True))
        for chamber_pk in chambers
    }  # fmt: skip
    found = []

    def subtract(name, joint_row, parts):
        """``parts``: chamber -> that chamber's row of the same group (None: no firms)."""
        if joint_row is None or joint_row["hidden"]:
            return
        hidden = [c for c, row in parts.items() if row is not None and row["hidden"]]
        if len(hidden) != 1:
            return  # nothing hidden, or two unknowns in one equation
        shown = sum(row["firms"] for row in parts.values() if row is not None and not row["hidden"])
        firms = joint_row["firms"] - shown
        if 0 < firms < 5:
            found.append((name, joint_row["group"], hidden[0], firms))

    subtract("total", joint["total"], {c: body["total"] for c, body in chambers.items() if real[c]})
    by_chamber = {row["group"]: row for row in joint["tables"]["chamber"]}
    subtract(
        "chamber table",
        joint["total"],
        {c: by_chamber.get(str(c)) for c in chambers},
    )
    for dimension, rows in joint["tables"].items():
        if dimension == "chamber":
            continue
        for row in rows:
            parts = {
                c: next((r for r in body["tables"][dimension] if r["group"] == row["group"]), None)
                for c, body in chambers.items()
            }
            subtract(dimension, row, parts)
    for index, point in enumerate(joint["series"]):
        subtract("series", point, {c: body["series"][index] for c, body in chambers.items()})
    return found


def test_the_attack_is_real_without_the_joint_protection(world, monkeypatch):
    """Control: each report protected only on its own gives the hidden chamber part back."""
    monkeypatch.setattr(protection, "hidden_cells", lambda answers, dimensions: set())
    monkeypatch.setattr(protection, "hidden_totals", lambda rows: set())
    recovered = _recovered(world)
    assert ("sector", "industry", world.lw.pk, 3) in recovered


def test_joint_minus_per_chamber_recovers_nothing(world):
    assert _recovered(world) == []


@pytest.mark.parametrize("small", [1, 2, 4])
def test_a_chamber_with_few_answers_is_not_left_over(world, small):
    """Only ``small`` firms of IHK Lüneburg-Wolfsburg answered: joint - BS must not give them."""
    lw_answers = Answer.objects.filter(wave=world.wave, chamber=world.lw).order_by("pk")
    Answer.objects.filter(pk__in=list(lw_answers.values_list("pk", flat=True))[small:]).delete()
    assert _recovered(world) == []
    joint, braunschweig = _read(world), _read(world, world.bs)
    assert joint["total"]["hidden"] or braunschweig["total"]["hidden"]


def test_joint_figures_stay_when_every_part_is_large(world):
    """The protection costs nothing where no part is small: the joint total is shown."""
    joint = _read(world)
    assert joint["total"]["firms"] == 21 and not joint["total"]["hidden"]
