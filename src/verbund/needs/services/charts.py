"""The survey charts (drawn with ``verbund.core.services.charts``): the same chart for
pages and PDF reports.

Only visible (unsuppressed) cells are drawn; a chart never shows more than its table.
"""

from verbund.core.services.charts import FONT, PALETTE, chart_figure, style_axes, to_svg
from verbund.core.services.numbers import format_number

BAR_COLOUR = PALETTE["primary"]
SECOND_COLOUR = PALETTE["secondary"]
MAX_BARS = 15


def _shorten(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def bar_chart(
    rows: list[dict], title: str, value_label: str, second: list[dict] | None = None
) -> bytes:
    """Horizontal bars of ``rows`` (``label`` and ``employees``), largest first, as SVG."""
    shown = [row for row in rows if row.get("employees") is not None][:MAX_BARS]
    labels = [_shorten(str(row["label"])) for row in reversed(shown)]
    values = [row["employees"] for row in reversed(shown)]
    with chart_figure(1.3 + 0.42 * max(len(shown), 1)) as figure:
        axes = figure.subplots()
        if shown:
            positions = range(len(shown))
            axes.barh(list(positions), values, color=BAR_COLOUR, height=0.6)
            axes.set_yticks(list(positions), labels=labels)
            for position, value in zip(positions, values, strict=True):
                axes.text(
                    value, position, f" {format_number(value)}", va="center", fontsize=FONT["value"]
                )
            axes.set_xlim(0, max(values) * 1.15 or 1)
        else:
            axes.text(0.5, 0.5, "–", ha="center", va="center", transform=axes.transAxes)
            axes.set_yticks([])
        style_axes(axes, title, value_label)
        return to_svg(figure, title).encode()


def comparison_chart(rows: list[dict], title: str, names: tuple[str, str]) -> bytes:
    """Grouped bars of two waves (``a`` and ``b``); cells hidden on either side are left out."""
    shown = [row for row in rows if row["a"] is not None and row["b"] is not None][:MAX_BARS]
    with chart_figure(1.6 + 0.55 * max(len(shown), 1)) as figure:
        axes = figure.subplots()
        positions = list(range(len(shown)))
        axes.barh(
            [p + 0.2 for p in positions],
            [r["a"] for r in shown],
            height=0.4,
            color=SECOND_COLOUR,
            label=names[0],
        )
        axes.barh(
            [p - 0.2 for p in positions],
            [r["b"] for r in shown],
            height=0.4,
            color=BAR_COLOUR,
            label=names[1],
        )
        axes.set_yticks(positions, labels=[_shorten(str(r["label"])) for r in shown])
        axes.invert_yaxis()
        axes.legend(fontsize=FONT["legend"], loc="lower right", frameon=False)
        style_axes(axes, title)
        return to_svg(figure, title).encode()
