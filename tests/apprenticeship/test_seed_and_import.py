"""Seeding the shipped plans, and the all-or-nothing CSV/XLSX import of further occupations."""

import io

import pytest
from django.urls import reverse

from verbund.apprenticeship.models import FrameworkPlan, PlanPosition
from verbund.apprenticeship.services import imports
from verbund.apprenticeship.services.plans import seed_plans
from verbund.core.models import Job, Occupation


@pytest.mark.django_db
def test_seed_is_idempotent_and_keeps_existing_occupations():
    Occupation.objects.create(code="2710", name="Mechatroniker/-in")  # e.g. from the exams list
    assert seed_plans() == 7
    assert seed_plans() == 7
    plan = FrameworkPlan.objects.get(occupation__code="2710")
    assert plan.weeks == 182 and plan.positions.count() == 21
    assert Occupation.objects.filter(code="2710").count() == 1
    assert plan.occupation.regulation.startswith("Mechatroniker-Ausbildungsverordnung")
    metal = FrameworkPlan.objects.get(occupation__code="2611")  # months per Zeitrahmen
    assert metal.weeks == 182 and metal.positions.count() == 18


CSV = (
    "occupation_code;occupation_name;duration_months;regulation;position;section;title;skills;weeks_1;weeks_2;weeks_3\n"
    "9999;Werkstoffprüfer/-in;36;WerkstPrAusbV;1;;Berufsbildung;a) Vertrag erklären b) Rechte nennen;;;\n"
    "9999;Werkstoffprüfer/-in;36;WerkstPrAusbV;2;;Prüfen von Werkstoffen;a) Proben nehmen;20;10;8\n"
    "9999;Werkstoffprüfer/-in;36;WerkstPrAusbV;3;;Metallografie;;12;20;30\n"
)


def test_import_reads_a_valid_file():
    plans, report = imports.parse("plaene.csv", CSV.encode())
    assert report.errors == []
    plan = plans["9999"]
    assert plan["weeks"] == 156 and len(plan["years"]) == 3
    assert plan["positions"][0]["throughout"] is True
    assert [s["letter"] for s in plan["positions"][0]["skills"]] == ["a", "b"]


def test_import_reports_every_bad_row_and_writes_nothing(db):
    bad = CSV.replace(";20;10;8", ";zwanzig;10;8").replace(
        "9999;Werkstoffprüfer/-in;36;WerkstPrAusbV;3;;Metallografie",
        "9999;Werkstoffprüfer/-in;36;WerkstPrAusbV;3;;",
    )
    report = imports.import_plans("plaene.csv", bad.encode(), write=True)
    assert any("Zeile 3, Spalte weeks_1" in e for e in report.errors)
    assert any("Zeile 4, Spalte title" in e for e in report.errors)
    assert not Occupation.objects.filter(code="9999").exists()


def test_import_rejects_more_weeks_than_a_year_has():
    too_many = CSV.replace(";12;20;30", ";40;20;30")
    _plans, report = imports.parse("plaene.csv", too_many.encode())
    assert any("60 Wochen im 1. Jahr" in e for e in report.errors)


def test_import_of_xlsx_and_unknown_columns():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in CSV.strip().split("\n"):
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    _plans, report = imports.parse("plaene.xlsx", buffer.getvalue())
    assert report.errors == [] and report.positions == 3
    _plans, report = imports.parse("x.csv", b"code;name\n1;2\n")
    assert "Pflichtspalten fehlen" in report.errors[0]


@pytest.mark.django_db
def test_import_page_writes_when_asked(client, chamber_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(chamber_user)
    upload = SimpleUploadedFile("plaene.csv", CSV.encode(), content_type="text/csv")
    response = client.post(reverse("apprenticeship:plan_import"), {"file": upload, "write": "on"})
    # parsed in a job (issue 24), never in the request: the answer is its progress page
    job = Job.objects.get(kind="apprenticeship.import_plans")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert PlanPosition.objects.filter(plan__occupation__code="9999").count() == 3
    page = client.get(job.result_url)
    assert "1 Ausbildungsberuf gespeichert" in page.content.decode()


@pytest.mark.django_db
def test_import_of_a_zip_bomb_is_refused_in_the_job_with_a_german_message(
    client, chamber_user, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.test_tabular import _bomb
    from verbund.core.services import tabular

    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    client.force_login(chamber_user)
    upload = SimpleUploadedFile("plaene.xlsx", _bomb(8))
    client.post(reverse("apprenticeship:plan_import"), {"file": upload, "write": "on"})
    job = Job.objects.get(kind="apprenticeship.import_plans")
    assert job.status == Job.Status.DONE and job.result["written"] == 0
    page = client.get(job.result_url).content.decode()
    assert "wäre entpackt 8 MB groß" in page


@pytest.mark.django_db
def test_chamber_edits_a_position(client, chamber_user, plan):
    position = plan.positions.get(code="9")
    client.force_login(chamber_user)
    response = client.post(
        reverse("apprenticeship:position_edit", args=[position.pk]),
        {
            "code": "9",
            "section": "",
            "title": "Prüfen, Anreißen und Kennzeichnen (geändert)",
            "weeks": '{"1": 3}',
        },
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title.endswith("(geändert)")


@pytest.mark.django_db
def test_plan_page_shows_the_zeitrahmen_of_a_grouped_plan(client):
    from tests import factories

    seed_plans()
    client.force_login(factories.user("leser"))
    metal = FrameworkPlan.objects.get(occupation__code="2611")
    page = client.get(reverse("apprenticeship:plan_detail", args=[metal.pk])).content.decode()
    assert "Zeitliche Gliederung" in page and "Zeitrahmen 11" in page and "10 bis 12" in page
    assert "6 acf, 7 abcgijkl, 8 ab, 9 abcde, 12 ab, 14 dg" in page  # Zeitrahmen 1
    mechatronics = FrameworkPlan.objects.get(occupation__code="2710")
    page = client.get(reverse("apprenticeship:plan_detail", args=[mechatronics.pk]))
    assert "Zeitliche Gliederung" not in page.content.decode()  # weeks per position in the text
