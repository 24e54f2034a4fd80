"""The report's charts as SVG (``verbund.core.services.charts``, the one chart helper):
the same chart on the page and in the PDF.

Only visible cells are drawn, so a chart never shows more than its table.
"""

from verbund.core.services.charts import FONT, PALETTE, chart_figure, style_axes, to_svg

BAR_COLOUR = PALETTE["primary"]
SECOND_COLOUR = PALETTE["secondary"]
THIRD_COLOUR = PALETTE["tertiary"]
MAX_BARS = 25  # more bars are unreadable; the table beside the chart lists every group
NEUTRAL = 100  # the index line between positive and negative


def climate_chart(series: list[dict], title: str, labels: dict) -> str:
    """Klima, Lage and Erwartungen over the waves (hidden waves leave a gap)."""
    with chart_figure(3.8) as figure:
        axes = figure.subplots()
        positions = list(range(len(series)))
        for key, colour, width in (
            ("klima", BAR_COLOUR, 2.4),
            ("lage", SECOND_COLOUR, 1.2),
            ("erwartungen", THIRD_COLOUR, 1.2),
        ):
            values = [row[key] if row[key] is not None else float("nan") for row in series]
            axes.plot(positions, values, color=colour, linewidth=width, label=labels[key])
        axes.axhline(NEUTRAL, color=PALETTE["reference"], linewidth=0.8, linestyle="--")
        step = max(1, len(series) // 6)
        axes.set_xticks(positions[::step], labels=[row["label"] for row in series][::step])
        figure.autofmt_xdate(rotation=30)
        axes.legend(fontsize=FONT["legend"], loc="lower left", frameon=False)
        style_axes(axes, title)
        return to_svg(figure, title)


def index_bars(rows: list[dict], title: str, value_label: str) -> str:
    """The climate index of the visible groups as horizontal bars around 100.

    With more than ``MAX_BARS`` groups (districts of a national report) the largest
    groups by firms are drawn, in their table order.
    """
    shown = [row for row in rows if not row["hidden"] and row["klima"] is not None]
    if len(shown) > MAX_BARS:
        largest = sorted(shown, key=lambda row: -row["firms"])[:MAX_BARS]
        shown = [row for row in shown if row in largest]
    with chart_figure(1.3 + 0.42 * max(len(shown), 1)) as figure:
        axes = figure.subplots()
        if shown:
            positions = list(range(len(shown)))
            values = [row["klima"] for row in shown]
            axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
            axes.set_yticks(positions, labels=[row["label"][:34] for row in shown])
            axes.invert_yaxis()
            for position, value in zip(positions, values, strict=True):
                text = f" {value:.1f}".replace(".", ",")
                axes.text(value, position, text, va="center", fontsize=FONT["value"])
            axes.set_xlim(0, max(140, max(values) + 20))
        else:
            axes.text(0.5, 0.5, "–", ha="center", va="center", transform=axes.transAxes)
            axes.set_yticks([])
        axes.axvline(NEUTRAL, color=PALETTE["reference"], linewidth=0.8, linestyle="--")
        style_axes(axes, title, value_label)
        return to_svg(figure, title)
