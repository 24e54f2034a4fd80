"""The gap report on a small example computed by hand."""

import datetime

import pytest

from tests import factories
from tests.needs.conftest import make_response
from verbund.core.services import disclosure
from verbund.courses.models import Offer, Run
from verbund.needs.models import Wave
from verbund.needs.services import analysis, gaps


@pytest.fixture
def gap_world(db, districts, topics, network_a):
    today = datetime.date(2026, 3, 1)
    wave = Wave.objects.create(network=network_a, title="Gaps", status=Wave.Status.CLOSED)
    # Holzminden, Digitalisierung, skilled: 6 companies x 5 employees.
    # urgency 6 for four companies (4*5*1.0 = 20), 24 for two (2*5*0.5 = 5)
    for n in range(6):
        make_response(
            wave,
            f"Betrieb {n}",
            districts.holzminden,
            topics.digital,
            employees=5,
            urgency=6 if n < 4 else 24,
            format="in_person",
            budget_per_person=400,
        )
    provider = factories.organization("Anbieter", kind="provider")

    def course(topic, fmt, lat, lon, start, seats):
        offer = Offer.objects.create(
            provider=provider,
            external_id=f"o{Offer.objects.count()}",
            title="Kurs",
            description="x",
            format=fmt,
            max_participants=seats,
        )
        offer.topics.add(topic)
        Run.objects.create(offer=offer, start_date=start, lat=lat, lon=lon)

    course(
        topics.it, "praesenz", 51.85, 9.5, today + datetime.timedelta(days=40), 8
    )  # subtopic, near: counts
    course(
        topics.digital, "online", None, None, today + datetime.timedelta(days=200), 4
    )  # online, 12 months
    course(
        topics.digital, "praesenz", 52.73, 8.29, today + datetime.timedelta(days=40), 50
    )  # Vechta: too far
    course(
        topics.digital, "praesenz", 51.83, 9.45, today - datetime.timedelta(days=3), 50
    )  # started already
    return wave, today


def _published(wave, value, quantity):
    """``value`` as the report publishes it for the wave's one demand cell (cell-key noise)."""
    record_key = analysis.record_keys(wave)
    key = disclosure.cell_key(record_key(r.company_key) for r in wave.responses.all())
    return disclosure.perturb(value, key, quantity)


def test_hand_computed_gap(gap_world, districts, topics):
    wave, today = gap_world
    rows = {row.horizon: row for row in gaps.gap_report(wave, today=today)}
    # 6 months: demand 20, supply 8 (the IT run; the online run starts later) -> gap 12
    demand6 = _published(wave, 20.0, "employees")
    assert (rows[6].demand, rows[6].supply, rows[6].gap) == (demand6, 8, demand6 - 8)
    # 12 months: the online run does not fit an in-person wish -> still 8
    assert (rows[12].demand, rows[12].supply) == (_published(wave, 20.0, "employees"), 8)
    # 24 months: + 2*5*0.5 = 25 demand
    demand24 = _published(wave, 25.0, "employees")
    assert (rows[24].demand, rows[24].supply, rows[24].gap) == (demand24, 8, demand24 - 8)
    assert abs(demand24 - 25.0) <= disclosure.MAX_DEVIATION
    # A shown row never reads below the threshold of 5 firms (issue 25), whatever the noise.
    assert rows[6].companies == max(_published(wave, 6, "units"), 5) and not rows[6].hidden
    assert rows[6].wishes["formats"] == {"in_person": 100}
    assert rows[6].wishes["budget"] == 400


def test_online_wish_counts_online_runs(gap_world, districts, topics):
    wave, today = gap_world
    wave.responses.first().needs.update(format="online")
    rows = {row.horizon: row for row in gaps.gap_report(wave, today=today)}
    # formats now in_person + online: the online run counts from 12 months on
    assert rows[12].supply == 12


def test_small_cells_are_withheld(gap_world, districts, topics):
    wave, today = gap_world
    make_response(wave, "Allein", districts.vechta, topics.work, employees=50)
    shown, withheld = gaps.published(gaps.gap_report(wave, today=today))
    assert withheld == 3  # Vechta x work, three horizons
    assert all(row.district == "Landkreis Holzminden" for row in shown)
