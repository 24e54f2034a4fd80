"""The shipped framework plans must be what the official texts say.

CI keeps a copy of shared/ beside the repository (``../shared`` from the repository root);
worktrees sit one level deeper, so both places are tried. Without the texts the test is
skipped with the reason.
"""

import json
import re
from pathlib import Path

import pytest

from verbund.apprenticeship.plans import build, catalog

REPO_ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [REPO_ROOT.parent / "shared", REPO_ROOT.parent.parent / "shared"]
TEXTS = next((c / "domain" / "occupations" for c in CANDIDATES if c.is_dir()), None)

pytestmark = pytest.mark.skipif(
    TEXTS is None, reason="regulation texts (../shared/domain/occupations) are not beside the repo"
)


def _text(regulation):
    return (TEXTS / regulation.source).read_text(encoding="utf-8")


def _shipped(regulation):
    path = build.DATA_DIR / f"{regulation.code}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("regulation", catalog.REGULATIONS, ids=lambda r: r.code)
def test_shipped_plan_equals_extraction_from_the_text(regulation):
    assert _shipped(regulation) == build.build(regulation, _text(regulation))


@pytest.mark.parametrize("regulation", catalog.REGULATIONS, ids=lambda r: r.code)
def test_weeks_of_every_period_add_up_to_its_length(regulation):
    # The gazette's time guidelines fill each period exactly: a column read into the
    # wrong period or a missed cell breaks the sum.
    plan = _shipped(regulation)
    for year in plan["years"]:
        total = sum(p["weeks"].get(str(year["year"]), 0) for p in plan["positions"])
        assert total == year["to_week"] - year["from_week"] + 1, (year["label"], total)


@pytest.mark.parametrize("regulation", catalog.REGULATIONS, ids=lambda r: r.code)
def test_titles_and_skills_stand_in_the_text(regulation):
    text = " ".join(_text(regulation).split())
    plain = re.sub(r"(\w)- (\w)", r"\1\2", text)
    plan = _shipped(regulation)
    numbers = {}
    for position in plan["positions"]:
        assert position["title"] in text or position["title"] in plain, position["title"]
        assert position["skills"], f"{position['id']} has no skills"
        assert position["weeks"] or position["throughout"] or position["id"] == "I10"
        table = (position["section"], re.sub(r"\d+$", "", position["id"]))
        numbers.setdefault(table, []).append(position["id"])
    for ids in numbers.values():  # consecutive numbering inside each table (and 1.1, 1.2 …)
        digits = [int(re.findall(r"\d+", i)[-1]) for i in ids]
        assert digits == list(range(1, len(digits) + 1))


def test_mechatroniker_position_9():
    plan = _shipped(catalog.BY_CODE["2710"])
    position = next(p for p in plan["positions"] if p["id"] == "9")
    assert position["title"] == "Prüfen, Anreißen und Kennzeichnen"
    assert [s["letter"] for s in position["skills"]] == list("abcdef")
    assert position["weeks"] == {"1": 3}


GROUPED = [r for r in catalog.REGULATIONS if r.grouped]


def test_the_three_grouped_plans_are_shipped():
    assert {r.code for r in GROUPED} == {"2611", "IE-BT", "6170"}


@pytest.mark.parametrize("regulation", GROUPED, ids=lambda r: r.code)
def test_group_months_fill_their_period(regulation):
    # The middles of the month ranges of a period add up to its months: a Zeitrahmen read
    # into the wrong period, a missed one or a misread figure breaks the sum.
    plan = _shipped(regulation)
    for year in plan["years"]:
        months = sum(
            (g["months"]["from"] + g["months"]["to"]) / 2
            for g in plan["groups"]
            if g["year"] == year["year"]
        )
        assert months * 52 == (year["to_week"] - year["from_week"] + 1) * 12, year["label"]


@pytest.mark.parametrize("regulation", GROUPED, ids=lambda r: r.code)
def test_groups_name_shipped_positions_and_skills(regulation):
    plan = _shipped(regulation)
    skills = {p["id"]: {s["letter"] for s in p["skills"]} for p in plan["positions"]}
    for group in plan["groups"]:
        assert group["positions"], group["id"]
        for item in group["positions"]:
            assert set(item["skills"]) <= skills[item["id"]], (group["id"], item)


def _group(plan, group_id):
    group = next(g for g in plan["groups"] if g["id"] == group_id)
    return group, {p["id"]: "".join(p["skills"]) for p in group["positions"]}


def test_industriemechaniker_zeitrahmen_as_in_the_text():
    plan = _shipped(catalog.BY_CODE["2611"])
    group, positions = _group(plan, "ZR1")
    assert (group["year"], group["months"]) == (1, {"from": 6, "to": 8})
    assert positions == {
        "6": "acf",
        "7": "abcgijkl",
        "8": "ab",
        "9": "abcde",
        "12": "ab",
        "14": "dg",
    }
    group, positions = _group(plan, "ZR11")
    assert (group["year"], group["months"], list(positions)) == (3, {"from": 10, "to": 12}, ["18"])
    assert [p["id"] for p in plan["positions"]] == [str(n) for n in range(1, 19)]
    titles = {p["id"]: p["title"] for p in plan["positions"]}
    assert (
        titles["14"]
        == "Herstellen, Montieren und Demontieren von Bauteilen, Baugruppen und Systemen"
    )
    # 52 weeks of year 3 … the one position of Zeitrahmen 11 (11 of the 24 months): 47 weeks
    assert next(p for p in plan["positions"] if p["id"] == "18")["weeks"] == {"3": 47}


def test_industrieelektriker_zeitrahmen_as_in_the_text():
    plan = _shipped(catalog.BY_CODE["IE-BT"])
    group, positions = _group(plan, "ZR5")
    assert group["title"].startswith("Zeitrahmen 5: Energietechnische Anlagen")
    assert (group["year"], group["months"]) == (2, {"from": 4, "to": 6})
    assert positions == {"A3": "abcdefgh", "B1": "bcd", "B2": "bcdjklnp"}
    throughout = [p["id"] for p in plan["positions"] if p["throughout"]]
    assert throughout == ["D1", "D2", "D3", "D4", "D5", "D6"]


def test_industriekaufmann_groups_and_weeks_by_hand():
    plan = _shipped(catalog.BY_CODE["6170"])
    group, positions = _group(plan, "J1.1")
    assert (group["year"], group["months"]) == (1, {"from": 5, "to": 7})
    assert list(positions) == ["6.1", "6.2", "6.3"]
    weeks = {p["id"]: p["weeks"] for p in plan["positions"]}
    # year 3: 3 of 12 months (Marketing 5.1-5.3 with 6, 5, 4 skills) and 9 of 12 (10.1, 10.2
    # with 5 and 4): 13 weeks -> 5.2 / 4.33 / 3.47 -> 5, 4, 4; 39 weeks -> 21.67 / 17.33 -> 22, 17
    assert [weeks[i].get("3") for i in ("5.1", "5.2", "5.3", "10.1", "10.2")] == [5, 4, 4, 22, 17]
    # taught throughout (A.) unless a group gives them months (1.1 and 1.2 with Personal)
    assert weeks["1.3"] == {} and weeks["1.1"] == {"1": 2}
