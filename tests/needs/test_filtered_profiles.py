"""A table filtered down to fewer than 5 companies shows nothing of its composition (issue 24).

The attack: filter by district, sector and size class until one company is left, group by
topic or target group, and read the keys of the "hidden" rows: that company's need
profile (48 profiles were recovered this way, through the page, the API and the XLSX).
With the rule, such a table lists no row at all, only its hidden total.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.needs.conftest import make_response
from tests.needs.test_api import api
from verbund.needs.models import Wave
from verbund.needs.services import analysis

ALONE = {"district": None, "sector": "F", "size": "250+"}


@pytest.fixture
def profile_world(survey_world, districts, topics):
    wave = Wave.objects.create(network=survey_world.network_a, title="Profile", status="closed")
    for n in range(8):
        make_response(wave, f"Masse {n}", districts.holzminden, topics.work, 3 + n)
    make_response(
        wave, "Einzeln AG", districts.vechta, topics.digital, 40, "apprentices",
        sector="F", size_class="250+",
    )  # fmt: skip
    make_response(
        wave, "Einzeln AG 2", districts.vechta, topics.it, 12, "managers",
        sector="F", size_class="250+",
    )  # fmt: skip
    query = {**ALONE, "district": districts.vechta.pk}
    return survey_world.nora, wave, query, topics


def _profile_from_api(nora, wave, query) -> set:
    call = api(nora)
    found = set()
    for group in ("topic", "target_group"):
        table = call("get", f"needs/waves/{wave.pk}/analysis", {**query, "group": group}).json()
        found |= {tuple(row["key"]) for row in table["rows"]}
    return found


def test_the_attack_is_real_without_the_rule(profile_world, monkeypatch):
    nora, wave, query, topics = profile_world
    monkeypatch.setattr(analysis, "composition_withheld", lambda table: False)
    assert (topics.digital.pk,) in _profile_from_api(nora, wave, query)


def test_filtered_table_of_few_companies_lists_no_row(profile_world):
    nora, wave, query, _topics = profile_world
    assert _profile_from_api(nora, wave, query) == set()
    table = api(nora)("get", f"needs/waves/{wave.pk}/analysis", {**query, "group": "topic"})
    body = table.json()
    assert body["withheld"] and body["total"]["hidden"] and body["total"]["employees"] is None


def test_page_and_xlsx_show_nothing_of_the_composition(client, profile_world):
    nora, wave, query, topics = profile_world
    client.force_login(nora)
    page = client.get(
        reverse("needs:dashboard", args=[wave.pk]),
        {**query, "group": "topic", "cross": "target_group"},
    ).content.decode()
    assert "zu wenige Betriebe" in page
    tables = " ".join(part.split("</table>")[0] for part in page.split("<table")[1:])
    assert topics.digital.label not in tables and topics.it.label not in tables
    assert "Auszubildende" not in tables
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("needs:export_xlsx", args=[wave.pk]), query).content)
    )
    cells = {str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row}
    assert topics.digital.label not in cells and topics.it.label not in cells
    assert "Auszubildende" not in cells  # the target group of the single company


def test_a_population_of_five_or_more_still_shows_its_rows(profile_world, districts):
    nora, wave, _query, topics = profile_world
    table = analysis.by_dimension(wave, "topic", analysis.Filters(district=districts.holzminden.pk))
    assert not table["withheld"] and [row["key"] for row in table["rows"]] == [(topics.work.pk,)]
