"""Every line the rotation checker can write reads as German with names, never as its English ids."""

import pytest
from django.utils import translation

from verbund.apprenticeship.services.rule_texts import in_words

LABELS = {"apprentices": {"A1": "Lena Kowalski"}, "stations": {"S3": "Schweißwerkstatt Hagen"}}
POSITIONS = {"9": "Montieren von Baugruppen", "11": "Instandhalten"}
STAY = "stay 2 (A1 at S3, week 40+4): "

LINES = [
    (STAY + "unknown apprentice, station or year", "unbekannt"),
    (STAY + "a stay needs at least one week", "mindestens eine Woche"),
    (
        STAY + "station teaches position 9, not 11",
        "„Montieren von Baugruppen“, nicht „Instandhalten“",
    ),
    (
        STAY + "4 weeks outside the station's 6..12",
        "außerhalb der Einsatzdauer der Station (6 bis 12",
    ),
    (
        STAY + "not inside training year 2 (weeks 53..104)",
        "Ausbildungsabschnitt 2 (Wochen 53 bis 104)",
    ),
    (STAY + "blocked weeks 41, 42 (school or holidays)", "Wochen 41, 42 sind durch Berufsschule"),
    (STAY + "station not available in weeks 43", "in den Wochen 43 nicht verfügbar"),
    ("apprentice A1: in two stays at once in weeks 40, 41", "Lena Kowalski: in den Wochen 40, 41"),
    ("station S3: more than 2 apprentices in weeks 40", "Schweißwerkstatt Hagen: mehr als 2"),
    (
        "apprentice A1: position 11 year 2 covered 2 of 6 weeks and 4 missing weeks not "
        "reported as uncovered",
        "Lena Kowalski: Instandhalten (Abschnitt 2) ist nur 2 von 6 Wochen abgedeckt",
    ),
]


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_every_checker_line_reads_as_german_with_names(line, expected):
    with translation.override("de"):
        text = in_words(line, LABELS, POSITIONS)
    assert expected in text
    assert "A1" not in text and "S3" not in text
    if line.startswith("stay"):
        assert text.startswith("Einsatz von Lena Kowalski bei Schweißwerkstatt Hagen ab Woche 40")


def test_an_unknown_line_keeps_its_text_behind_a_german_lead():
    with translation.override("de"):
        assert in_words("something new", LABELS, POSITIONS) == "Regel verletzt: something new"


def test_the_rule_is_translated_for_english_readers():
    with translation.override("en"):
        text = in_words(STAY + "blocked weeks 41 (school or holidays)", LABELS, POSITIONS)
    assert "Lena Kowalski" in text and "vocational school" in text
