"""The one way to turn HTML into a PDF: tagged PDF/UA-1, so every document is accessible.

WeasyPrint's ``pdf/ua-1`` variant writes the structure tree (headings, tables, lists and
image alternatives from the HTML), marks the file as tagged and takes the document
language from ``<html lang>`` and the title from ``<title>``. A template therefore needs
both; ``render`` refuses HTML without them, so an untitled or language-less PDF cannot be
produced by accident. Checked by ``tests/core/test_pdf.py`` (structure tree read back).
"""

import re

VARIANT = "pdf/ua-1"

_LANG = re.compile(r"<html[^>]*\blang=\"[a-z]{2}", re.IGNORECASE)
_TITLE = re.compile(r"<title>\s*[^<\s][^<]*</title>", re.IGNORECASE)


def render(html: str, *, base_url: str | None = None) -> bytes:
    """A tagged PDF/UA-1 document of ``html`` (a full page with ``lang`` and ``<title>``)."""
    from weasyprint import HTML

    if not _LANG.search(html) or not _TITLE.search(html):
        raise ValueError("a PDF needs <html lang=...> and a non-empty <title>")
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=VARIANT)
