"""Server-rendered SVG charts (matplotlib, Agg): the same chart for pages and PDF reports.

Only visible (unsuppressed) cells are drawn; a chart never shows more than its table.
"""

import io
import threading

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

matplotlib.rcParams["svg.hashsalt"] = "verbund"  # stable ids: same data, same SVG
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text (small, searchable)

BAR_COLOUR = "#0b4f8a"
SECOND_COLOUR = "#8a5300"
MAX_BARS = 15
_LOCK = threading.Lock()  # matplotlib's font cache is not thread-safe


def _shorten(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def bar_chart(
    rows: list[dict], title: str, value_label: str, second: list[dict] | None = None
) -> bytes:
    """Horizontal bars of ``rows`` (``label`` and ``employees``), largest first, as SVG."""
    shown = [row for row in rows if row.get("employees") is not None][:MAX_BARS]
    labels = [_shorten(row["label"]) for row in reversed(shown)]
    values = [row["employees"] for row in reversed(shown)]
    height = 1.2 + 0.35 * max(len(shown), 1)
    with _LOCK:
        figure = Figure(figsize=(7.5, height), dpi=96)
        axes = figure.subplots()
        if shown:
            positions = range(len(shown))
            axes.barh(list(positions), values, color=BAR_COLOUR, height=0.6)
            axes.set_yticks(list(positions), labels=labels, fontsize=9)
            for position, value in zip(positions, values, strict=True):
                axes.text(value, position, f" {value}", va="center", fontsize=8)
        else:
            axes.text(0.5, 0.5, "–", ha="center", va="center", transform=axes.transAxes)
            axes.set_yticks([])
        axes.set_title(title, fontsize=11, loc="left")
        axes.set_xlabel(value_label, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def comparison_chart(rows: list[dict], title: str, names: tuple[str, str]) -> bytes:
    """Grouped bars of two waves (``a`` and ``b``); cells hidden on either side are left out."""
    shown = [row for row in rows if row["a"] is not None and row["b"] is not None][:MAX_BARS]
    height = 1.4 + 0.45 * max(len(shown), 1)
    with _LOCK:
        figure = Figure(figsize=(7.5, height), dpi=96)
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
        axes.set_yticks(positions, labels=[_shorten(r["label"]) for r in shown], fontsize=9)
        axes.invert_yaxis()
        axes.set_title(title, fontsize=11, loc="left")
        axes.legend(fontsize=8, loc="lower right")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
