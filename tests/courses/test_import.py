"""Imports: every broken file is reported row by row and leaves the database unchanged."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from tests import factories
from verbund.courses.models import Offer, Run
from verbund.courses.services import catalog, indexing

HEADER = "offer_id;provider;title;description;city;start_date;end_date;format;price_eur;run_id;topics;funding"
GOOD = [
    "S-1;{p};Schweißen MAG;Grundkurs;Holzminden;2030-03-02;2030-03-06;praesenz;1.290,50;R1;schweissen;bildungsgutschein",
    "S-1;{p};Schweißen MAG;Grundkurs;Hameln;02.06.2030;06.06.2030;praesenz;1.290,50;R2;schweissen;bildungsgutschein",
    "E-1;{p};Excel kompakt;Pivot und Formeln;;2030-04-01;2030-04-02;online;120;R3;;",
]


def csv_bytes(provider, rows=GOOD, header=HEADER, encoding="utf-8", delimiter=";"):
    lines = [header, *[row.format(p=provider.name) for row in rows]]
    text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
    return text.encode(encoding)


def run_import(data, name="angebote.csv", provider=None, **options):
    return catalog.import_file(data, name, provider=provider, **options)


def messages(report):
    return [str(error) for error in report.errors]


def test_valid_csv_with_bom_german_dates_and_decimal_comma(provider_a, topic):
    report = run_import(b"\xef\xbb\xbf" + csv_bytes(provider_a), provider=provider_a)
    assert report.ok and report.written, messages(report)
    welding = Offer.objects.get(external_id="S-1")
    assert str(welding.price) == "1290.50"
    assert welding.funding == ["bildungsgutschein"]
    assert list(welding.topics.values_list("code", flat=True)) == ["schweissen"]
    assert sorted(str(r.start_date) for r in welding.runs.all()) == ["2030-03-02", "2030-06-02"]
    assert welding.runs.get(external_id="R1").lat == pytest.approx(51.83, abs=0.05)
    # Reimport updates in place (version bumped) and replaces the runs.
    report = run_import(csv_bytes(provider_a, GOOD[:1]), provider=provider_a)
    welding.refresh_from_db()
    assert report.updated == 1 and welding.version == 2 and welding.runs.count() == 1


def test_windows_1252_and_comma_separator(provider_a):
    rows = [GOOD[2].replace("Excel kompakt", "Übungen für Köche")]
    data = csv_bytes(provider_a, rows, encoding="cp1252", delimiter=",")
    report = run_import(data, provider=provider_a)
    assert report.ok, messages(report)
    assert Offer.objects.get(external_id="E-1").title == "Übungen für Köche"


def test_wrong_encoding_is_rejected(provider_a):
    report = run_import(csv_bytes(provider_a).decode().encode("utf-16"), provider=provider_a)
    assert "UTF-16" in messages(report)[0]
    assert not Offer.objects.exists()


def test_missing_and_extra_columns(provider_a):
    header = HEADER.replace("price_eur;", "").replace("funding", "foerderung")
    rows = [row.replace(";1.290,50;", ";").replace(";120;", ";") for row in GOOD]
    report = run_import(csv_bytes(provider_a, rows, header=header), provider=provider_a)
    text = messages(report)[0]
    assert "Pflichtspalten fehlen: price_eur" in text
    assert "Unbekannte Spalten: foerderung" in text
    assert not Offer.objects.exists()


def test_every_bad_row_is_reported_with_line_column_reason(provider_a):
    rows = [
        GOOD[0],
        GOOD[1].replace("02.06.2030", "31.02.2030"),  # line 3: no such date
        GOOD[2].replace(";120;", ";zwölf;"),  # line 4: bad price
        GOOD[0],  # line 5: duplicate run R1
        "X-1;{p};Ohne Ort;Text;;2030-01-01;2029-12-01;praesenz;-5;;Töpfern;gutschein",
    ]
    report = run_import(csv_bytes(provider_a, rows), provider=provider_a)
    found = messages(report)
    assert "Zeile 3, start_date: „31.02.2030“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)." in found
    assert "Zeile 4, price_eur: „zwölf“ ist kein Betrag." in found
    assert "Zeile 5, run_id: Doppelter Termin für Angebot „S-1“." in found
    line6 = [m for m in found if m.startswith("Zeile 6")]
    assert any("city: Pflichtfeld ist leer." in m for m in line6)
    assert any("price_eur: Der Preis darf nicht negativ sein." in m for m in line6)
    assert any("topics: Unbekanntes Thema „Töpfern“." in m for m in line6)
    assert any("funding: „gutschein“ ist unbekannt." in m for m in line6)
    assert not report.written and not Offer.objects.exists() and not Run.objects.exists()
    # --skip-invalid writes the valid offers only
    report = run_import(csv_bytes(provider_a, rows), provider=provider_a, skip_invalid=True)
    assert report.written and list(Offer.objects.values_list("external_id", flat=True)) == ["S-1"]


def test_conflicting_offer_data_and_foreign_provider(provider_a, provider_b):
    rows = [GOOD[0], GOOD[1].replace("Grundkurs", "Aufbaukurs")]
    report = run_import(csv_bytes(provider_a, rows), provider=provider_a)
    assert "andere Angebotsdaten als in Zeile 2" in messages(report)[0]
    report = run_import(csv_bytes(provider_b, GOOD[:1]), provider=provider_a)
    assert "passt nicht zu Kreisvolkshochschule Holzminden" in messages(report)[0]
    assert not Offer.objects.exists()


def test_xlsx_import_with_real_dates_and_numbers(provider_a):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        ["X-1", provider_a.name, "CNC-Drehen", "Kurs", "Holzminden", datetime.date(2030, 1, 5),
         datetime.date(2030, 1, 9), "Präsenz", 850.5, "R9", "", ""]
    )  # fmt: skip
    sheet.append(
        ["X-2", provider_a.name, "Defekt", "Kurs", "Holzminden", "bald", "", "x", "", "", "", ""]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run_import(buffer.getvalue(), "angebote.xlsx", provider=provider_a)
    found = messages(report)
    assert "Zeile 3, start_date: „bald“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)." in found
    assert "Zeile 3, end_date: Pflichtfeld ist leer." in found
    assert any(m.startswith("Zeile 3, format: „x“ ist unbekannt.") for m in found)
    report = run_import(buffer.getvalue(), "angebote.xlsx", provider=provider_a, skip_invalid=True)
    offer = Offer.objects.get(external_id="X-1")
    assert offer.format == "praesenz" and str(offer.price) == "850.50"


def test_very_large_file_is_validated_and_written(provider_a):
    rows = [
        f"L-{n};{{p}};Lehrgang {n};Beschreibung;Holzminden;2030-03-02;2030-03-06;praesenz;100;;;"
        for n in range(6000)
    ]
    rows.append("L-x;{p};Kaputt;Text;Holzminden;gestern;2030-03-06;praesenz;100;;;")
    data = csv_bytes(provider_a, rows)
    report = run_import(data, provider=provider_a)
    assert report.rows == 6001 and report.bad_rows == 1
    assert messages(report) == [
        "Zeile 6002, start_date: „gestern“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)."
    ]
    assert not Offer.objects.exists()
    report = run_import(data, provider=provider_a, skip_invalid=True)
    assert Offer.objects.count() == 6000 and Run.objects.count() == 6000


XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<OPENQCAT version="1.1"><HEADER>&lol2;</HEADER></OPENQCAT>"""


def test_xml_bomb_is_rejected(provider_a):
    report = run_import(XML_BOMB, "katalog.xml", provider=provider_a)
    assert "XML-Bomben" in messages(report)[0]
    assert not Offer.objects.exists()


def test_openqcat_roundtrip_and_update_catalog(provider_a, topic):
    from verbund.courses.models import KursnetSupplier
    from verbund.courses.services import kursnet

    run_import(csv_bytes(provider_a), provider=provider_a)
    Offer.objects.update(education_type=109)
    provider_a.email = "kurse@example.org"
    provider_a.save()
    KursnetSupplier.objects.create(provider=provider_a, institution_type=102)
    exported = catalog.export("openqcat", provider_a)
    assert b'<OPENQCAT version="1.1">' in exported and b"<NEW_CATALOG>" in exported
    assert b'<EDUCATION type="false"><COURSE_ID>S-1</COURSE_ID>' in exported
    first = kursnet.deliver(provider_a)
    Offer.objects.all().delete()
    report = run_import(exported, "katalog.xml", provider=provider_a)
    assert report.ok and report.created == 2, messages(report)
    welding = Offer.objects.get(external_id="S-1")
    assert welding.runs.count() == 2 and welding.funding == ["bildungsgutschein"]
    assert list(welding.topics.values_list("code", flat=True)) == ["schweissen"]
    Offer.objects.filter(external_id="S-1").delete()
    Offer.objects.filter(external_id="E-1").update(title="Excel kompakt II", version=5)
    update = kursnet.deliver(provider_a).content
    assert first.seq_number == 1
    assert b'<UPDATE_CATALOG seq_number="2"><DELETE>' in update and b"<NEW>" in update
    run_import(exported, "katalog.xml", provider=provider_a)  # back to the first state
    report = run_import(update, "update.xml", provider=provider_a)
    assert report.deleted == 1 and report.updated == 1, messages(report)
    assert list(Offer.objects.values_list("external_id", flat=True)) == ["E-1"]


def test_exports_csv_xlsx_jsonld(provider_a):
    run_import(csv_bytes(provider_a), provider=provider_a)
    text = catalog.export("csv", provider_a).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("offer_id;provider;title;description;city;start_date")
    assert len(text.splitlines()) == 4
    Offer.objects.all().delete()
    assert run_import(text.encode(), provider=provider_a).created == 2  # re-importable
    import json

    graph = json.loads(catalog.export("jsonld", provider_a))["@graph"]
    assert {item["@type"] for item in graph} == {"Course"}
    assert catalog.export("xlsx", provider_a)[:2] == b"PK"


def test_command_dry_run_and_errors(provider_a, tmp_path, capsys):
    path = tmp_path / "angebote.csv"
    path.write_bytes(csv_bytes(provider_a))
    call_command("courses", "import", str(path), "--provider", str(provider_a.pk), "--dry-run")
    assert "Probelauf: nichts geschrieben." in capsys.readouterr().out
    assert not Offer.objects.exists()
    bad = tmp_path / "kaputt.csv"
    bad.write_bytes(csv_bytes(provider_a, [GOOD[0].replace("2030-03-06", "morgen")]))
    with pytest.raises(CommandError, match="Nichts geschrieben"):
        call_command("courses", "import", str(bad), "--provider", str(provider_a.pk))
    assert "Zeile 2, end_date:" in capsys.readouterr().out
    call_command("courses", "import", str(path))  # provider taken from the column
    assert Offer.objects.count() == 2
    out = tmp_path / "export.zip"
    with pytest.raises(CommandError, match="fehlende Angaben für KURSNET"):
        call_command("courses", "export", "--format", "openqcat", "--out", str(out))
    assert "(S-1): Bildungsart (KURSNET-Code) fehlt" in capsys.readouterr().out
    assert not out.exists()
    out = tmp_path / "export.csv"
    call_command("courses", "export", "--format", "csv", "--out", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbfoffer_id")


def test_upload_page_shows_the_same_report(client, staff_a, provider_a):
    client.force_login(staff_a)
    upload = io.BytesIO(csv_bytes(provider_a, [GOOD[0].replace(";praesenz;", ";vor Ort;")]))
    upload.name = "angebote.csv"
    response = client.post(reverse("courses:import"), {"provider": provider_a.pk, "file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nichts gespeichert" in text and "„vor Ort“ ist unbekannt" in text
    upload = io.BytesIO(csv_bytes(provider_a))
    upload.name = "angebote.csv"
    response = client.post(reverse("courses:import"), {"provider": provider_a.pk, "file": upload})
    assert response.status_code == 200 and "Gespeichert: 2 neu" in response.content.decode()
    assert indexing.IndexChange.objects.count() == 2


def test_a_large_upload_is_imported_in_the_background(client, staff_a, provider_a, monkeypatch):
    from verbund.core.models import Job
    from verbund.courses.views import catalog as catalog_views

    monkeypatch.setattr(catalog_views, "BACKGROUND_IMPORT_BYTES", 100)
    client.force_login(staff_a)
    upload = io.BytesIO(csv_bytes(provider_a, [*GOOD, GOOD[0].replace("2030-03-06", "morgen")]))
    upload.name = "angebote.csv"
    response = client.post(reverse("courses:import"), {"provider": provider_a.pk, "file": upload})
    assert response.status_code == 302
    job = Job.objects.get(kind="courses.import")
    assert response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and not job.result["written"]
    assert Offer.objects.count() == 0  # all-or-nothing in the background too
    page = client.get(job.result_url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nichts gespeichert" in text and "end_date" in text and "4 Zeilen gelesen" in text
    # Someone else cannot read the report through the address.
    client.force_login(factories.user("fremd"))
    assert "Nichts gespeichert" not in client.get(job.result_url).content.decode()


def test_a_run_in_an_unknown_town_is_refused_with_a_message(provider_a):
    report = run_import(
        csv_bytes(provider_a, [GOOD[0].replace(";Holzminden;", ";Atlantis;")]), provider=provider_a
    )
    assert not report.written
    assert any("Atlantis" in message and "city" in message for message in messages(report))
    assert Offer.objects.count() == 0


def test_a_large_export_is_written_by_a_job_and_offered_for_download(
    client, offers, provider_a, staff_a, staff_b, monkeypatch
):
    from verbund.core.models import Job
    from verbund.courses.views import catalog as catalog_views

    monkeypatch.setattr(catalog_views, "BACKGROUND_EXPORT_OFFERS", 1)  # A has two offers
    url = reverse("courses:export", args=[provider_a.pk, "xlsx"])
    client.force_login(staff_a)
    response = client.get(url)
    job = Job.objects.get(kind="courses.export")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.output_name.endswith(".xlsx")
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200 and download.content[:2] == b"PK"
    # Another provider's staff can neither export A's catalog nor fetch A's file.
    client.force_login(staff_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404
    assert Job.objects.filter(kind="courses.export").count() == 1


def test_a_price_with_english_grouping_is_refused_not_misread(provider_a):
    """The importer's own copy read "1,290.50" as 1.2905 without an error."""
    rows = [GOOD[0].replace(";1.290,50;", ";1,290.50;")]
    report = run_import(csv_bytes(provider_a, rows), provider=provider_a)
    found = messages(report)
    assert any("price_eur: „1,290.50“ mischt Komma und Punkt." in m for m in found), found
    assert not Offer.objects.exists()
