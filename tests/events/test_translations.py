"""The events app's own catalogs (src/verbund/events/locale) are complete and compiled."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.core.test_translations import messages, parse_po, tokens

LOCALE = Path(__file__).resolve().parents[2] / "src" / "verbund" / "events" / "locale"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_events_catalog_is_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = messages(parse_po(po))
    assert len(entries) > 150
    with (po.with_suffix(".mo")).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries:
        assert all(entry.msgstr.values()), entry.label
        assert tokens(entry.msgid) == tokens(entry.msgstr[0]), entry.label
        if entry.msgid_plural is None:
            assert compiled.gettext(entry.msgid) == entry.msgstr[0], entry.label


@pytest.mark.parametrize(("language", "heading"), [("en", "Events"), ("fr", "Événements")])
def test_event_list_renders_translated(client, event, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("events:event_list")).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Veranstaltung anlegen" not in html and "Freie Plätze" not in html
