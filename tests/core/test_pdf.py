"""Every PDF is tagged PDF/UA-1 with language and title (issue 25: PDFs were untagged)."""

import io
import pathlib

import pypdf
import pytest

from verbund.core.services import pdf

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "verbund"


def structure(document: bytes) -> dict:
    reader = pypdf.PdfReader(io.BytesIO(document))
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object()
    kinds = set()

    def walk(node, depth=0):
        if depth > 40:
            return
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"], depth + 1)

    walk(tree["/K"])
    return {
        "lang": str(root.get("/Lang")),
        "marked": bool(root["/MarkInfo"]["/Marked"]),
        "title": reader.metadata.title,
        "display_title": bool(root["/ViewerPreferences"]["/DisplayDocTitle"]),
        "ua": b"pdfuaid:part" in reader.xmp_metadata.stream.get_data()
        if reader.xmp_metadata
        else False,
        "kinds": kinds,
    }


def assert_accessible(document: bytes, lang: str, title: str):
    found = structure(document)
    assert found["lang"] == lang
    assert found["marked"] and found["display_title"] and found["ua"]
    assert found["title"] == title
    assert {"/H1", "/Table", "/P"} <= found["kinds"] or {"/H1", "/P"} <= found["kinds"]
    return found


def test_the_helper_writes_a_tagged_pdf_ua_document():
    document = pdf.render(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Contrat</title>'
        "</head><body><h1>Contrat</h1><p>Texte</p><table><tr><th>A</th></tr>"
        "<tr><td>1</td></tr></table></body></html>"
    )
    found = assert_accessible(document, "fr", "Contrat")
    assert {"/Table", "/TH", "/TD"} <= found["kinds"]


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Ohne Sprache</title></head><body>x</body></html>",
        '<html lang="de"><head><title> </title></head><body>x</body></html>',
    ],
)
def test_a_document_without_language_or_title_is_refused(html):
    with pytest.raises(ValueError):
        pdf.render(html)


def test_no_pdf_is_written_past_the_helper():
    others = [
        path.relative_to(SRC)
        for path in SRC.rglob("*.py")
        if "weasyprint" in path.read_text(encoding="utf-8") and path.name != "pdf.py"
    ]
    assert others == []


def test_every_pdf_template_names_its_language_and_title():
    templates = [
        path
        for path in SRC.rglob("templates/**/*.html")
        if "pdf" in str(path.relative_to(SRC)) and not path.name.startswith("_")
    ]
    assert len(templates) >= 8
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert '<html lang="' in text and "<title>" in text, path


def test_a_real_document_checkin_list(db, org_a):
    from tests.events.conftest import make_event
    from verbund.events.services import exports
    from verbund.events.services import registration as registrations

    event = make_event(org_a)
    registrations.register(event, name="Anna", email="anna@example.org")
    assert_accessible(exports.as_pdf(event), "de", event.title)
