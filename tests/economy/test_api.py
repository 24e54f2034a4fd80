"""API: waves, protected figures, report versions; scoped like the pages."""

from tests.api.conftest import client_for
from verbund.economy.services import reports


def test_waves_are_scoped_to_the_network(world):
    assert client_for(None).get("economy/waves").status_code == 401
    assert client_for(world.outsider).get("economy/waves").json() == []
    labels = [w["label"] for w in client_for(world.viktor).get("economy/waves").json()]
    assert labels == ["Herbst 2018", "Frühsommer 2018"]
    assert [w["id"] for w in client_for(world.fremd).get("economy/waves").json()] == [
        world.other_wave.pk
    ]
    assert client_for(world.fremd).get(f"economy/waves/{world.wave.pk}").status_code == 404
    assert client_for(world.ilse).get(f"economy/waves/{world.wave.pk}").json()["season"] == 3


def test_figures_carry_no_number_for_a_hidden_cell(world):
    url = f"economy/waves/{world.wave.pk}/figures"
    assert client_for(world.outsider).get(url).status_code == 404
    body = client_for(world.viktor).get(url).json()
    assert body["total"]["firms"] == 21
    construction = next(r for r in body["tables"]["sector"] if r["group"] == "construction")
    assert construction["hidden"] and construction["klima"] is None
    assert construction["firms"] is None and construction["risks"]["fachkraeftemangel"] is None
    chamber = client_for(world.viktor).get(url, chamber=world.lw.pk).json()
    assert chamber["total"]["firms"] == 7
    assert client_for(world.viktor).get(url, chamber=world.other_chamber.pk).status_code == 404
    assert client_for(world.viktor).get(url, chamber="abc").status_code in (400, 422)


def test_report_versions_are_public_to_api_users(world):
    report = reports.report_for(world.wave, None, world.ilse)
    version = reports.publish(report, world.ilse)
    assert client_for(None).get("economy/report-versions").status_code == 401
    listed = client_for(world.outsider).get("economy/report-versions").json()
    assert [v["id"] for v in listed] == [version.pk]
    detail = client_for(world.outsider).get(f"economy/report-versions/{version.pk}").json()
    assert detail["figures"]["total"]["klima"] == version.snapshot["figures"]["total"]["klima"]
    assert detail["title"] == report.title
    assert client_for(world.outsider).get("economy/report-versions/99999").status_code == 404
