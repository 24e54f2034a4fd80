"""Cost split: what a company pays in the Verbund against teaching alone and buying in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from verbund.apprenticeship.services import costs, rotation

HERE = {"lat": 51.36, "lon": 7.47}
INSTANCE = {
    "occupation": {
        "code": "t",
        "weeks": 52,
        "years": [{"year": 1, "from_week": 1, "to_week": 52}],
        "positions": [{"id": "9", "weeks": {"1": 3}}, {"id": "11", "weeks": {"1": 6}}],
    },
    "companies": [
        {"id": "C1", "location": HERE, "covers": {"9": {"1": 0}, "11": {"1": 2}}},
        {"id": "C2", "location": HERE, "covers": {"9": {"1": 3}, "11": {"1": 6}}},
    ],
    "apprentices": [
        {"id": "A1", "company": "C1"},
        {"id": "A2", "company": "C1"},
        {"id": "A3", "company": "C2"},
    ],
    "stations": [
        {"id": "S1", "partner": "P9", "position": "9", "location": HERE, "capacity": 2,
         "min_weeks": 1, "max_weeks": 4, "cost_per_week": 180},
        {"id": "S2", "partner": "P9", "position": "11", "location": HERE, "capacity": 2,
         "min_weeks": 1, "max_weeks": 4, "cost_per_week": 120},
    ],
    "costs": {"partner_fixed_eur": 300, "travel_eur_per_km": 0.30, "commute_days_per_week": 5},
}  # fmt: skip
PLAN = {
    "stays": [
        {"apprentice": a, "station": s, "position": p, "year": 1, "start_week": w, "weeks": n}
        for a in ("A1", "A2")
        for s, p, w, n in (("S1", "9", 10, 3), ("S2", "11", 20, 4))
    ]
}


def test_teaching_alone_against_paying_in_the_verbund_by_hand():
    shares = {
        s.company: s
        for s in costs.split(INSTANCE, PLAN, "auftrag", None, {}, 36, {"C1": Decimal("400")})
    }
    c1 = shares["C1"]
    # pays 2 x (3 x 180 + 4 x 120) + one partner fee 300 = 2,340; gaps 2 x (3 + 4) = 14 weeks
    assert c1.pays == Decimal("2340.00") and c1.gap_weeks == 14
    assert c1.alone == Decimal("5600.00")  # 14 x 400
    assert c1.saving_alone == Decimal("3260.00")
    # buying in: 14 weeks at the median price 150 = 2,100, i.e. the Verbund costs 240 more
    assert c1.saving == Decimal("-240.00")
    # C2 has no figure: the comparison stays open instead of 0
    assert shares["C2"].alone is None and shares["C2"].saving_alone is None


def test_without_own_costs_nothing_is_compared():
    shares = costs.split(INSTANCE, PLAN, "auftrag", None, {}, 36)
    assert all(s.alone is None for s in shares)


@pytest.fixture
def run(profile, stations, planner, verbund):
    return rotation.start_run(verbund, profile.occupation, planner, 2026, time_limit=3)


@pytest.mark.django_db
def test_cost_page_and_export_show_teaching_alone(client, profile, run, planner, stranger_user):
    client.force_login(planner)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "eigene Wochenkosten nicht angegeben" in page
    export = reverse("apprenticeship:funding_export", args=[run.pk])
    assert "eigene Wochenkosten nicht angegeben" in client.get(export).content.decode("utf-8-sig")
    profile.own_cost_per_week = Decimal("400")
    profile.save()
    page = client.get(run.get_absolute_url()).content.decode()
    # the fixture's gaps: 3 weeks of position 9 and 4 of position 11 -> 7 x 400
    assert "2.800,00&nbsp;€" in page and "(7 Wochen)" in page
    text = client.get(export).content.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    row = next(line for line in text.splitlines() if line.startswith("Hesterberg")).split(";")
    assert row[header.index("Würde allein zahlen (EUR)")] == "2800,00"
    client.force_login(stranger_user)
    assert client.get(export).status_code == 404
    assert client.get(run.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_profile_form_takes_german_decimals(client, profile, home_user):
    client.force_login(home_user)
    url = reverse("apprenticeship:profile_edit", args=[profile.pk])
    data = {"land": "NW", "capacity": 1, "own_cost_per_week": "1.234,50", "notes": ""}
    assert client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert profile.own_cost_per_week == Decimal("1234.50")
    assert "1.234,50 €" in client.get(profile.get_absolute_url()).content.decode()
    data["own_cost_per_week"] = "-5"
    assert client.post(url, data).status_code == 400  # refused with a message, not saved
    profile.refresh_from_db()
    assert profile.own_cost_per_week == Decimal("1234.50")
