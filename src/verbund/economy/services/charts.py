"""The report's charts as SVG (matplotlib): the same chart on the page and in the PDF.

Colours and settings come from the needs surveys' charts (the site's palette); only
visible cells are drawn, so a chart never shows more than its table.
"""

import io
import threading

from matplotlib.figure import Figure

from verbund.needs.services.charts import BAR_COLOUR, SECOND_COLOUR

THIRD_COLOUR = "#5a6b7b"
MAX_BARS = 25  # more bars are unreadable; the table beside the chart lists every group
NEUTRAL = 100  # the index line between positive and negative
_LOCK = threading.Lock()  # matplotlib's font cache is not thread-safe


def _svg(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue().decode()
    return text[text.index("<svg") :]  # drop the XML prolog: the SVG is inlined in HTML


def climate_chart(series: list[dict], title: str, labels: dict) -> str:
    """Klima, Lage and Erwartungen over the waves (hidden waves leave a gap)."""
    with _LOCK:
        figure = Figure(figsize=(7.5, 3.4), dpi=96)
        axes = figure.subplots()
        positions = list(range(len(series)))
        for key, colour, width in (
            ("klima", BAR_COLOUR, 2.4),
            ("lage", SECOND_COLOUR, 1.2),
            ("erwartungen", THIRD_COLOUR, 1.2),
        ):
            values = [row[key] if row[key] is not None else float("nan") for row in series]
            axes.plot(positions, values, color=colour, linewidth=width, label=labels[key])
        axes.axhline(NEUTRAL, color="#999999", linewidth=0.8, linestyle="--")
        step = max(1, len(series) // 8)
        axes.set_xticks(
            positions[::step], labels=[row["label"] for row in series][::step], fontsize=8
        )
        figure.autofmt_xdate(rotation=30)
        axes.set_title(title, fontsize=11, loc="left")
        axes.legend(fontsize=8, loc="lower left", frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure)


def index_bars(rows: list[dict], title: str, value_label: str) -> str:
    """The climate index of the visible groups as horizontal bars around 100.

    With more than ``MAX_BARS`` groups (districts of a national report) the largest
    groups by firms are drawn, in their table order.
    """
    shown = [row for row in rows if not row["hidden"] and row["klima"] is not None]
    if len(shown) > MAX_BARS:
        largest = sorted(shown, key=lambda row: -row["firms"])[:MAX_BARS]
        shown = [row for row in shown if row in largest]
    with _LOCK:
        figure = Figure(figsize=(7.5, 1.2 + 0.38 * max(len(shown), 1)), dpi=96)
        axes = figure.subplots()
        if shown:
            positions = list(range(len(shown)))
            values = [row["klima"] for row in shown]
            axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
            axes.set_yticks(positions, labels=[row["label"][:38] for row in shown], fontsize=9)
            axes.invert_yaxis()
            for position, value in zip(positions, values, strict=True):
                text = f" {value:.1f}".replace(".", ",")
                axes.text(value, position, text, va="center", fontsize=8)
            axes.set_xlim(0, max(140, max(values) + 20))
        else:
            axes.text(0.5, 0.5, "–", ha="center", va="center", transform=axes.transAxes)
            axes.set_yticks([])
        axes.axvline(NEUTRAL, color="#999999", linewidth=0.8, linestyle="--")
        axes.set_title(title, fontsize=11, loc="left")
        axes.set_xlabel(value_label, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure)
