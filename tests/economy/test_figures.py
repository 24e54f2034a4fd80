"""The report's figures from the database: pooled, weighted, protected; frozen once published."""

from verbund.economy import method
from verbund.economy.services import figures, reports


def test_report_figures_pool_both_chambers_and_weigh_the_large_firm(world):
    result = figures.report_figures(world.wave)
    answers = figures.firm_answers([world.wave.pk])[world.wave.pk]
    assert len(answers) == 21
    assert sum(a.weight for a in answers) == 23  # firm 5 has 1,200 employees: x3
    expected = method.figures_of(method.tally(answers))
    assert result["total"]["klima"] == method.round1(expected.klima)
    assert result["total"]["firms"] == 21
    by_chamber = {row["label"]: row for row in result["tables"]["chamber"]}
    assert set(by_chamber) == {"IHK Braunschweig", "IHK Lüneburg-Wolfsburg"}
    assert not any(row["hidden"] for row in by_chamber.values())


def test_small_sector_is_hidden_with_its_reason_in_german(world):
    sectors = {row["group"]: row for row in figures.report_figures(world.wave)["tables"]["sector"]}
    assert sectors["construction"]["hidden"]
    assert sectors["construction"]["klima"] is None
    assert sectors["construction"]["reason"] == "weniger als 5 Betriebe"
    assert sectors["construction"]["label"] == "Bau"


def test_time_series_runs_over_all_waves_up_to_the_report(world):
    series = figures.report_figures(world.wave)["series"]
    assert [row["label"] for row in series] == ["Frühsommer 2018", "Herbst 2018"]
    assert series[0]["lage"] == 100.0 and series[0]["erwartungen"] == 200.0
    assert figures.report_figures(world.earlier)["series"][-1]["label"] == "Frühsommer 2018"


def test_chamber_report_counts_only_its_firms(world):
    result = figures.report_figures(world.wave, world.lw.pk)
    assert result["total"]["firms"] == 7
    assert "chamber" not in result["tables"]


def test_published_version_is_frozen(world):
    report = reports.report_for(world.wave, None, world.ilse)
    version = reports.publish(report, world.ilse)
    before = version.snapshot["figures"]["total"]["klima"]
    world.wave.answers.update(lage="schlecht")
    version.refresh_from_db()
    assert version.snapshot["figures"]["total"]["klima"] == before
    assert reports.draft_snapshot(report)["figures"]["total"]["klima"] != before
    assert reports.publish(report, world.ilse).number == 2


def test_press_summary_has_the_headline_numbers_with_decimal_commas(world):
    report = reports.report_for(world.wave, None, world.ilse)
    snapshot = reports.publish(report, world.ilse).snapshot
    text = reports.press_summary(snapshot)
    klima = reports.decimal_comma(snapshot["figures"]["total"]["klima"])
    assert klima in text and "," in klima
    assert "Frühsommer 2018" in text


def test_series_counted_in_sql_equals_the_method_answer_by_answer(world):
    waves = [world.earlier, world.wave]
    by_wave = figures.firm_answers([w.pk for w in waves])
    expected = [
        figures.cell_dict(cell, cell.group)
        for cell in method.time_series((w.label, by_wave[w.pk]) for w in waves)
    ]
    keys = ("label", "hidden", "firms", "lage", "erwartungen", "klima")
    assert [{k: row[k] for k in keys} for row in figures.series_of(waves)] == [
        {k: row[k] for k in keys} for row in expected
    ]
    chamber = figures.series_of(waves, world.lw.pk)
    assert [row["firms"] for row in chamber] == [7, 7]


def test_series_hides_a_wave_with_too_few_answers(world):
    world.earlier.answers.exclude(firm__in=world.firms[:3]).delete()
    first = figures.series_of([world.earlier, world.wave])[0]
    assert first["hidden"] and first["klima"] is None


def test_a_quarterly_wave_beside_the_seasons(world):
    """Issue 25: seed 003's joint report is "IV. Quartal 2018"; waves could only be seasons."""
    from verbund.economy.forms import WaveForm
    from verbund.economy.models import Wave

    form = WaveForm(
        {"network": world.wave.network_id, "year": 2018, "season": 14, "opens_on": "2018-12-01"}
    )
    form.fields["network"].queryset = type(world.wave.network).objects.all()
    assert form.is_valid(), form.errors
    quarter = Wave.objects.create(network=world.wave.network, year=2018, season=14)
    assert str(quarter) == "IV. Quartal 2018"
    later = Wave.objects.create(network=world.wave.network, year=2019, season=11)
    in_order = Wave.objects.filter(network=world.wave.network).order_by("year", "season")
    assert [str(wave) for wave in in_order][-3:] == [
        "Herbst 2018",
        "IV. Quartal 2018",
        str(later),
    ]
    assert str(later) == "I. Quartal 2019"


def test_the_pdf_names_the_publication_date_the_german_way():
    """Issue 25: ISO dates in the economy PDF."""
    from verbund.economy.services.documents import published_on

    assert published_on({"published_at": "2026-12-07T23:30:00+00:00"}) == "08.12.2026"
    assert published_on({}) == ""
