"""The DIHK method (domain/economy.md): check values, weights, pooling, no Django."""

import math

import pytest

from verbund.economy import method
from verbund.economy.method import FirmAnswer


def firms(prefix, count, employees=10, **answers):
    return [
        FirmAnswer(f"{prefix}{number}", employees=employees, wz="C", **answers)
        for number in range(count)
    ]


def situation(gut, befriedigend, schlecht, prefix="f", **more):
    return (
        firms(prefix + "g", gut, lage="gut", **more)
        + firms(prefix + "b", befriedigend, lage="befriedigend", **more)
        + firms(prefix + "s", schlecht, lage="schlecht", **more)
    )


def test_lage_check_value_ihk_bonn_autumn_2016():
    figures = method.figures_of(method.tally(situation(358, 538, 104)))
    assert method.round1(figures.lage) == 125.4


def test_klima_check_value():
    answers = []
    lage = ["gut"] * 30 + ["befriedigend"] * 49 + ["schlecht"] * 21
    erwartungen = ["besser"] * 13 + ["gleich"] * 52 + ["schlechter"] * 35
    for number, (s, e) in enumerate(zip(lage, erwartungen, strict=True)):
        answers.append(FirmAnswer(f"f{number}", employees=20, lage=s, erwartungen=e))
    figures = method.figures_of(method.tally(answers))
    assert figures.lage == pytest.approx(109)
    assert figures.erwartungen == pytest.approx(78)
    assert method.round1(figures.klima) == 92.2
    assert figures.klima == pytest.approx(math.sqrt(109 * 78))


@pytest.mark.parametrize(
    ("employees", "weight"),
    [(None, 1), (1, 1), (500, 1), (501, 2), (1000, 2), (1001, 3), (80_000, 3)],
)
def test_weights_above_500_and_1000_employees(employees, weight):
    assert method.weight(employees) == weight


def test_large_firm_answers_count_double_and_triple():
    answers = [
        FirmAnswer("big", employees=1200, lage="gut"),  # x3
        FirmAnswer("mid", employees=600, lage="schlecht"),  # x2
        FirmAnswer("small", employees=12, lage="befriedigend"),  # x1
    ]
    figures = method.figures_of(method.tally(answers))
    assert figures.shares["lage"]["gut"] == pytest.approx(50)  # 3 of 6
    assert figures.lage == pytest.approx(100 + 50 - 100 * 2 / 6)


def test_a_skipped_question_does_not_count_in_its_shares():
    answers = situation(2, 1, 1) + [FirmAnswer("quiet", employees=5, lage="")]
    figures = method.figures_of(method.tally(answers))
    assert figures.firms == 5
    assert figures.lage == pytest.approx(100 + 50 - 25)
    assert figures.erwartungen is None and figures.klima is None


def test_joint_climate_is_pooled_never_the_average_of_two_chambers():
    """Would fail if the joint index were the mean of the two chambers' indices."""
    chamber_a = [
        FirmAnswer(f"a{n}", chamber="A", employees=10, lage="gut", erwartungen="besser")
        for n in range(90)
    ]
    chamber_b = [
        FirmAnswer(f"b{n}", chamber="B", employees=10, lage="schlecht", erwartungen="gleich")
        for n in range(10)
    ]
    klima_a = method.figures_of(method.tally(chamber_a)).klima
    klima_b = method.figures_of(method.tally(chamber_b)).klima
    total, cells = method.protected_groups(chamber_a + chamber_b, "chamber")
    pooled_lage = 100 + 90 - 10
    pooled_erwartungen = 100 + 90
    assert total.figures.klima == pytest.approx(math.sqrt(pooled_lage * pooled_erwartungen))
    assert abs(total.figures.klima - (klima_a + klima_b) / 2) > 10
    assert {cell.group: cell.figures.klima for cell in cells} == {"A": klima_a, "B": klima_b}


def test_balances_and_risk_shares():
    answers = [
        FirmAnswer(
            "1", employees=5, exporte="hoeher", risiken=("fachkraeftemangel", "energie_rohstoffe")
        ),
        FirmAnswer("2", employees=5, exporte="geringer", risiken=("fachkraeftemangel",)),
        FirmAnswer("3", employees=5, exporte="hoeher", beschaeftigung="geringer"),
        FirmAnswer("4", employees=5, exporte="gleich", risiken=("inlandsnachfrage",)),
    ]
    figures = method.figures_of(method.tally(answers))
    assert figures.balances["exporte"] == pytest.approx(25)  # 50 % higher - 25 % lower
    assert figures.balances["beschaeftigung"] == pytest.approx(-100)
    assert figures.balances["investitionen"] is None
    assert figures.risks["fachkraeftemangel"] == pytest.approx(200 / 3)  # 2 of 3 answering
    assert figures.risks["wechselkurse"] == 0


@pytest.mark.parametrize(
    ("code", "sector"),
    [("C", "industry"), ("29.10", "industry"), ("35", "industry"), ("41.20", "construction"),
     ("G", "trade"), ("47.11", "trade"), ("62.01", "services"), ("S", "services"), ("A", "other")],
)  # fmt: skip
def test_sectors_from_wz_2008(code, sector):
    assert method.sector_of(code) == sector


def test_rounding_is_half_up():
    assert method.round1(125.45) == 125.5
    assert method.round1(92.25) == 92.3


def test_small_groups_are_suppressed_with_their_reason():
    answers = situation(20, 10, 5) + [
        FirmAnswer(f"bau{n}", wz="F", employees=8, lage="gut") for n in range(3)
    ]
    total, cells = method.protected_groups(answers, "sector")
    by_group = {cell.group: cell for cell in cells}
    assert by_group["construction"].reason == method.REASON_FEW
    assert not total.suppressed
    result = method.as_json(total, cells)
    assert result["by"]["construction"] == {"suppressed": True, "reason": "fewer than 5 firms"}


def test_one_dominant_firm_suppresses_its_cell():
    answers = [FirmAnswer("giant", wz="F", employees=5000, lage="gut")] + [
        FirmAnswer(f"s{n}", wz="F", employees=10, lage="gut") for n in range(6)
    ]
    total, _cells = method.protected_groups(answers, "sector")
    assert total.reason == method.REASON_DOMINANT
