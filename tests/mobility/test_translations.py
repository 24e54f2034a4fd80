"""The mobility app's own English and French catalogs are complete and compiled."""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

import verbund.mobility
from tests.core.test_translations import parse_po

LOCALE = Path(verbund.mobility.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_catalog_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = [entry for entry in parse_po(po) if not entry.is_header]
    assert entries
    untranslated = [e.label for e in entries if not all(e.msgstr.values()) or "fuzzy" in e.flags]
    assert untranslated == []
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries:
        if entry.msgid_plural is None and entry.msgctxt is None:
            assert compiled.gettext(entry.msgid) == entry.msgstr[0], entry.label


def test_app_strings_are_translated_at_run_time():
    with translation.override("fr"):
        assert translation.gettext("Förderbescheinigung") == "Attestation de financement"
    with translation.override("en"):
        assert translation.gettext("Plätze im Ausland") == "Placements abroad"
