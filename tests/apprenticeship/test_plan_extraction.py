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
        numbers.setdefault(position["section"], []).append(position["id"])
    for ids in numbers.values():  # consecutive numbering inside each table
        digits = [int(re.sub(r"\D", "", i)) for i in ids]
        assert digits == list(range(1, len(digits) + 1))


def test_mechatroniker_position_9():
    plan = _shipped(catalog.BY_CODE["2710"])
    position = next(p for p in plan["positions"] if p["id"] == "9")
    assert position["title"] == "Prüfen, Anreißen und Kennzeichnen"
    assert [s["letter"] for s in position["skills"]] == list("abcdef")
    assert position["weeks"] == {"1": 3}
