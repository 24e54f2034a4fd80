"""The English and French catalogs are complete, consistent with their msgids, and compiled.

The .po files are parsed with a small reader below (no polib: it is no dependency of the
project); the committed .mo files are loaded with the standard library's ``gettext``.
"""

import ast
import gettext
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import factories

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ("en", "fr")
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}

# Python format placeholders (%(name)s, %s, %%), str.format fields ({name}) and HTML tags.
PLACEHOLDER = re.compile(r"%%|%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_][\w.]*\}")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # index -> text; "msgstr" is stored as index 0
        self.flags = set()
        self.line = 0

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self):
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path):
    """Return the non-obsolete entries of a .po file (the header first)."""
    entries = []
    entry, field = None, None

    def finish():
        if entry is not None and entry.msgid is not None:
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue  # obsolete
        if entry is None:
            entry = Entry()
            entry.line = number
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            text = ast.literal_eval(rest)
            field = keyword
            if keyword == "msgctxt":
                entry.msgctxt = ""
            elif keyword == "msgid":
                entry.msgid = ""
            elif keyword == "msgid_plural":
                entry.msgid_plural = ""
            elif keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                field = ("msgstr", index)
                entry.msgstr[index] = ""
            else:
                raise AssertionError(f"{path}:{number}: unknown keyword {keyword!r}")
        if isinstance(field, tuple):
            entry.msgstr[field[1]] += text
        elif field == "msgctxt":
            entry.msgctxt += text
        elif field == "msgid":
            entry.msgid += text
        elif field == "msgid_plural":
            entry.msgid_plural += text
        else:
            raise AssertionError(f"{path}:{number}: text outside a field")
    finish()
    return entries


def catalog(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"missing catalog {path}"
    return parse_po(path)


def header(entries):
    head = entries[0]
    assert head.is_header, "the catalog must start with its header entry"
    fields = {}
    for line in head.msgstr[0].splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return head, fields


def messages(entries):
    return [entry for entry in entries if not entry.is_header]


def tokens(text):
    return Counter(PLACEHOLDER.findall(text)) + Counter(
        f"<{name.lower()}>" for name in TAG.findall(text)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_header(language):
    head, fields = header(catalog(language))
    assert "fuzzy" not in head.flags
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == PLURAL_FORMS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(language):
    entries = messages(catalog(language))
    assert len(entries) > 100
    fuzzy = [entry.label for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy entries in {language}: {fuzzy}"
    empty = []
    for entry in entries:
        expected = 2 if entry.msgid_plural is not None else 1
        strings = [entry.msgstr.get(index, "") for index in range(expected)]
        if len(entry.msgstr) != expected or not all(strings):
            empty.append(entry.label)
    assert not empty, f"untranslated entries in {language}: {empty}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_tags_are_kept(language):
    wrong = []
    for entry in messages(catalog(language)):
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr.get(0, ""))]
        else:
            # Form 0 is the singular in both English and French.
            pairs = [
                (entry.msgid, entry.msgstr.get(0, "")),
                (entry.msgid_plural, entry.msgstr.get(1, "")),
            ]
        for source, translated in pairs:
            if tokens(source) != tokens(translated):
                wrong.append(f"{entry.label} -> {translated!r}")
    assert not wrong, f"placeholders or tags differ in {language}: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_po(language):
    """The committed .mo is up to date: CI and the demo do not run compilemessages."""
    mo = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert mo.is_file(), f"missing {mo}: run compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(catalog(language)):
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            ok = compiled.gettext(msgid) == entry.msgstr[0]
        else:
            ok = compiled.ngettext(msgid, entry.msgid_plural, 1) == entry.msgstr[0] and (
                compiled.ngettext(msgid, entry.msgid_plural, 5) == entry.msgstr[1]
            )
        if not ok:
            stale.append(entry.label)
    assert not stale, f"{mo} is out of date for: {stale}"


@pytest.mark.parametrize(
    ("language", "sign_in", "forgot"),
    [("en", "Sign in", "Forgotten your password?"), ("fr", "Se connecter", "Mot de passe oublié")],
)
def test_login_page_renders_translated(client, db, language, sign_in, forgot):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{sign_in}</h1>" in html
    assert forgot in html
    assert "Anmelden" not in html and "Passwort vergessen" not in html


@pytest.mark.parametrize(
    ("language", "welcome", "my_networks"),
    [("en", "Welcome, Anika", "My networks"), ("fr", "Bienvenue, Anika", "Mes réseaux")],
)
def test_dashboard_renders_translated(client, org_a, language, welcome, my_networks):
    client.force_login(factories.user("anika", organization=org_a))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert welcome in html
    assert my_networks in html
    assert "Willkommen" not in html and "Übersicht" not in html


def test_gettext_uses_the_catalogs():
    with translation.override("en"):
        assert translation.gettext("Anmelden") == "Sign in"
        assert translation.ngettext("%(counter)s Mitglied", "%(counter)s Mitglieder", 2) == (
            "%(counter)s members"
        )
    with translation.override("fr"):
        assert translation.gettext("Prüfungsausschuss") == "Jury d'examen"
        # French uses the singular for 0 and 1.
        assert translation.ngettext("%(counter)s Mitglied", "%(counter)s Mitglieder", 0) == (
            "%(counter)s membre"
        )
    with translation.override("de"):
        assert translation.gettext("Anmelden") == "Anmelden"
