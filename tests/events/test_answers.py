"""Answers to the registration questions reach the organiser: list, CSV, XLSX and API."""

import csv
import io

import pytest
from django.urls import reverse

from tests.events.conftest import make_event
from verbund.events.services import exports
from verbund.events.services import registration as registrations

QUESTIONS = ["Aus welcher Branche kommen Sie?", "Bilden Sie bereits im Verbund aus?"]


@pytest.fixture
def asked(org_a):
    event = make_event(org_a, questions=QUESTIONS)
    registrations.register(
        event,
        name="Anna",
        email="anna@example.org",
        answers={QUESTIONS[0]: "Metallbau", QUESTIONS[1]: "=HYPERLINK(1)"},
    )
    registrations.register(event, name="Bert", email="bert@example.org", answers={})
    return event


def test_answers_given_in_the_form_are_stored(client, org_a):
    event = make_event(org_a, questions=QUESTIONS)
    client.post(
        event.get_absolute_url(),
        {"name": "Anna", "email": "anna@example.org", "seats": 1, "question_0": "Handel"},
    )
    stored = event.registrations.get().answers
    assert stored == {QUESTIONS[0]: "Handel", QUESTIONS[1]: ""}


def test_registration_list_shows_the_answers(client, asked, organiser_a):
    client.force_login(organiser_a)
    html = client.get(reverse("events:registration_list", args=[asked.pk])).content.decode()
    assert "<dt>Aus welcher Branche kommen Sie?</dt><dd>Metallbau</dd>" in html
    assert "Antworten (2)" in html


def test_csv_has_one_column_per_question(client, asked, organiser_a):
    client.force_login(organiser_a)
    body = client.get(reverse("events:registration_export", args=[asked.pk, "csv"])).content
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert table[0][-2:] == QUESTIONS
    anna = next(row for row in table if row[0] == "Anna")
    assert anna[-2:] == ["Metallbau", "'=HYPERLINK(1)"]  # escaped, no formula
    bert = next(row for row in table if row[0] == "Bert")
    assert bert[-2:] == ["", ""]


def test_xlsx_has_one_column_per_question(client, asked, organiser_a):
    from openpyxl import load_workbook

    client.force_login(organiser_a)
    body = client.get(reverse("events:registration_export", args=[asked.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(body)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][-2:] == QUESTIONS
    anna = next(row for row in rows if row[0] == "Anna")
    assert anna[-2:] == ["Metallbau", "'=HYPERLINK(1)"]


def test_a_removed_question_keeps_its_column(asked):
    asked.questions = QUESTIONS[:1]
    asked.save()
    head, body = exports.table(asked)
    assert head[-2:] == QUESTIONS
    assert ["Metallbau", "=HYPERLINK(1)"] in [row[-2:] for row in body]


def test_api_registration_rows_carry_the_answers(client, asked, organiser_a):
    client.force_login(organiser_a)
    rows = client.get(f"/api/v1/events/{asked.pk}/registrations").json()
    answers = {row["name"]: row["answers"] for row in rows}
    assert answers == {
        "Anna": {QUESTIONS[0]: "Metallbau", QUESTIONS[1]: "=HYPERLINK(1)"},
        "Bert": {},
    }
