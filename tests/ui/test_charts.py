"""Every chart goes through the one chart helper and has its data table beside it."""

import re
from pathlib import Path

from verbund.core.services import charts

SRC = Path(__file__).resolve().parents[2] / "src" / "verbund"
CHART = re.compile(r'core/_chart\.html|<img class="chart"')


def test_the_chart_helper_writes_a_responsive_named_svg_in_kern_colours():
    from verbund.economy.services.charts import index_bars
    from verbund.needs.services.charts import bar_chart, comparison_chart

    rows = [{"label": "Landkreis Holzminden", "employees": 1290}, {"label": "B", "employees": 3}]
    svgs = [
        bar_chart(rows, "Bedarfe nach Landkreis", "Betroffene Beschäftigte").decode(),
        comparison_chart(
            [{"label": "A", "a": 1, "b": 2}], "Vergleich", ("Welle 1", "Welle 2")
        ).decode(),
        index_bars(
            [{"label": "Handel", "klima": 104.5, "hidden": False, "firms": 12}], "Klima", "Index"
        ),
    ]
    for svg in svgs:
        head = svg[: svg.index(">") + 1]
        assert head.startswith("<svg") and 'viewBox="' in head and 'role="img"' in head
        assert 'aria-label="' in head and "<title>" in svg
        assert charts.PALETTE["primary"] in svg
        # Text stays text; in user units of the 540-unit viewBox shown at 720 px, every
        # text is at least 14 px on the page (text-sized)
        sizes = [float(size) for size in re.findall(r"font: ?([0-9.]+)px", svg)]
        sizes += [float(size) for size in re.findall(r"font-size: ?([0-9.]+)px", svg)]
        assert sizes and min(sizes) * 720 / 540 >= 14
    assert "1.290" in svgs[0]  # figures in German format
    assert 'aria-label="Bedarfe nach Landkreis"' in svgs[0]


def test_every_chart_in_a_template_has_its_table_after_it():
    found = 0
    for template in SRC.glob("*/templates/**/*.html"):
        if template.name == "_chart.html":
            continue
        text = template.read_text()
        matches = list(CHART.finditer(text))
        for number, match in enumerate(matches):
            found += 1
            end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            following = text[match.end() : end]
            section_end = following.find("</section>")
            scope = following if section_end < 0 else following[:section_end]
            assert "<table" in scope, f"{template.relative_to(SRC)}: chart without a table"
            # an accessible name on every chart of a page or PDF
            tag_end = text.find(">", match.start())
            assert 'alt=""' not in text[match.start() : tag_end + 1], template
    assert found >= 6  # needs dashboard, comparison, 2 PDFs, economy series and bars
