"""The one-pass pooling of a wave (coded columns, numpy) gives what answer-by-answer pooling gives.

Every cell's tally, every index and every suppression decision must be the same as
``Tally.add`` over the cell's answers and the needs suppression over the answer rows.
"""

import random

import numpy as np

from verbund.economy import method, pooling
from verbund.needs.services import suppression


def _answers(rng, count):
    risks = [*method.RISKS, "unbekannt"]
    return [
        method.FirmAnswer(
            f"f{rng.randrange(count * 2)}" if rng.random() < 0.05 else f"f{n}",
            chamber=rng.choice("ab"),
            district=rng.choice(["d1", "d2", "d3", ""]),
            wz=rng.choice(["C", "F", "47.11", "62.01", "", "xx"]),
            employees=rng.choice([None, 3, 40, 300, 501, 999, 1000, 1001, 5000]),
            lage=rng.choice([*method.SITUATION, ""]),
            erwartungen=rng.choice([*method.EXPECTATION, "", "?"]),
            exporte=rng.choice([*method.PLAN, ""]),
            investitionen=rng.choice([*method.PLAN, ""]),
            beschaeftigung=rng.choice(method.PLAN),
            risiken=tuple(rng.choices(risks, k=rng.randrange(4))),  # duplicates possible
        )
        for n in range(count)
    ]


def test_columns_pool_exactly_like_tally_add():
    rng = random.Random(14)
    for count in (0, 1, 7, 60, 400):
        answers = _answers(rng, count)
        columns = pooling.columns_of(answers)
        for dimension in method.DIMENSIONS:
            labels = [a.group(dimension) for a in answers]
            names = list(dict.fromkeys(labels))
            codes = [names.index(label) for label in labels]
            got = pooling.tallies(columns, np.asarray(codes, dtype=np.int64), len(names))
            for name, tally in zip(names, got, strict=True):
                expected = method.tally(
                    a for a, g in zip(answers, labels, strict=True) if g == name
                )
                assert tally == expected


def test_suppression_matches_the_row_by_row_table():
    rng = random.Random(79)
    answers = _answers(rng, 300)
    for dimension in method.DIMENSIONS:
        _total, cells = method.protected_groups(answers, dimension)
        table = suppression.protected_table(
            ((a.firm_id, (a.group(dimension),), a.employees or 0, 1) for a in answers),
            (dimension,),
        )
        expected = {key[0]: method._reason(c) for key, c in table.cells.items() if not c.is_margin}
        assert {cell.group: cell.reason for cell in cells} == expected
        for cell in cells:
            members = [a for a in answers if a.group(dimension) == cell.group]
            assert cell.figures == method.figures_of(method.tally(members))
