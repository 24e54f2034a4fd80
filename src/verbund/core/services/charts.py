"""The one chart helper: matplotlib SVGs in the design system's look, for pages and PDFs.

Every chart of the platform is drawn through ``chart_figure`` and written with ``to_svg``:

- colours of KERN UX (``PALETTE``: dark blue 700, orange 600, neutral 600, converted from
  KERN's OKLCH values to sRGB), grid and reference lines in KERN neutral 500;
- fonts in points that come out at the size of the text: the SVG is 720 px wide
  (7.5 in at 96 dpi), shown at that width on a desktop page (``img.chart``: width 100 %,
  at most 720 px) and at about 640 px in an A4 PDF, so 12 pt labels are about 16 px;
- a responsive SVG: ``viewBox`` with the figure's size, shown by CSS at the width of its
  column; on phones the chart keeps 560 px and scrolls sideways (``core/_chart.html``);
- an accessible name: the SVG carries ``role="img"``, ``aria-label`` and ``<title>``; the
  page's ``<img>`` has the same text as ``alt``, and a data table with the same figures
  sits beside every chart (a chart never shows more than its table).

Pages include a chart with ``{% include "core/_chart.html" with src=... alt=... %}``
followed by its table; PDFs embed the same SVG as a data URI (``data_uri``).
"""

import base64
import io
import re
import threading
from contextlib import contextmanager
from html import escape

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

matplotlib.rcParams["svg.hashsalt"] = "verbund"  # stable ids: same data, same SVG
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text (small, searchable)
matplotlib.rcParams["font.family"] = [
    "DejaVu Sans"
]  # metrics for the layout (KERN's Fira Sans is woff2 only)

# KERN UX colours (kern.min.css 2.7.2, OKLCH converted to sRGB).
PALETTE = {
    "primary": "#2044aa",  # --kern-color-darkblue-700
    "secondary": "#925400",  # --kern-color-orange-600
    "tertiary": "#5b6185",  # --kern-color-neutral-600
    "reference": "#6e7597",  # --kern-color-neutral-500 (lines at 100, grids)
    "text": "#1b1e2f",
}
# Font sizes in points (1 pt = 1.33 px at 96 dpi): text-sized at the chart's width.
FONT = {"title": 14, "label": 12, "tick": 12, "value": 11, "legend": 11}
WIDTH_INCHES = 7.5
DPI = 96

_LOCK = threading.Lock()  # matplotlib's font cache is not thread-safe
_SIZE = re.compile(r'^<svg([^>]*?) width="[^"]*" height="[^"]*"')


@contextmanager
def chart_figure(height_inches: float):
    """A figure of the platform's width in the design system's look (under the lock)."""
    with _LOCK:
        figure = Figure(figsize=(WIDTH_INCHES, height_inches), dpi=DPI)
        yield figure


def style_axes(axes, title: str = "", xlabel: str = "") -> None:
    """Title left, no top/right frame, text colour and sizes of the design system."""
    if title:
        axes.set_title(title, fontsize=FONT["title"], loc="left", color=PALETTE["text"])
    if xlabel:
        axes.set_xlabel(xlabel, fontsize=FONT["label"], color=PALETTE["text"])
    axes.tick_params(labelsize=FONT["tick"], colors=PALETTE["text"])
    axes.spines[["top", "right"]].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(PALETTE["reference"])


def to_svg(figure, name: str) -> str:
    """The figure as an inline-able, responsive SVG with ``name`` as its accessible name."""
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue().decode()
    text = text[text.index("<svg") :]  # drop the XML prolog
    width, height = figure.get_size_inches() * 72
    label = escape(str(name), quote=True)
    # Intrinsic size in px (so an <img> shows it at 720 px unless CSS makes it smaller),
    # the viewBox keeps the proportions at any width.
    text = _SIZE.sub(
        rf'<svg\1 width="{round(width * DPI / 72)}" height="{round(height * DPI / 72)}" '
        rf'role="img" aria-label="{label}"',
        text,
        count=1,
    )
    head_end = text.index(">") + 1
    return f"{text[:head_end]}<title>{label}</title>{text[head_end:]}"


def data_uri(svg: str | bytes) -> str:
    """An SVG as a data URI, for PDFs and pages that embed the chart."""
    content = svg.encode() if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(content).decode()
