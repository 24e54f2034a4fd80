"""openQ-cat for KURSNET: every export valid against the BA's schema, deliveries, imports."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from tests.courses.conftest import days, make_offer
from verbund.courses.models import KursnetSupplier, Offer, Run
from verbund.courses.services import catalog, kursnet

HERE = Path(__file__).parent / "openqcat"
SCHEMA = etree.XMLSchema(etree.parse(str(HERE / "schema.xsd")))


def schema_errors(content: bytes) -> list[str]:
    document = etree.fromstring(content)
    SCHEMA.validate(document)
    return [f"{error.line}: {error.message}" for error in SCHEMA.error_log]


def ready(provider, supplier_id="274125"):
    provider.email = "kurse@example.org"
    provider.street = "Am Markt 1"
    provider.postcode = "37603"
    provider.save()
    KursnetSupplier.objects.update_or_create(
        provider=provider, defaults={"supplier_id": supplier_id, "institution_type": 102}
    )
    return provider


def full_offer(provider, topic, **fields):
    offer = make_offer(
        provider,
        "Schweißen MAG für Einsteiger mit Prüfung",
        runs=((30, "Holzminden"), (90, "Hameln")),
        external_id=fields.pop("external_id", "S-1"),
        education_type=109,
        digital_accessibility=False,
        hours=120,
        funding=["bildungsgutschein", "aufstiegs_bafoeg"],
        target_groups=["beschaeftigte", "Quereinsteigende mit Metallerfahrung"],
        certificate="ihk_pruefung",
        degree="Schweißfachkraft",
        instruction_time="teilzeit",
        time_of_day="abends",
        contact_name="Hanna Berger",
        contact_email="hanna@example.org",
        contact_phone="05531 12345",
        url="https://example.org/schweissen",
        min_participants=4,
        max_participants=12,
        measure_number="962/123/2026",
        keywords=["MAG", "Schweißen"],
        **fields,
    )
    offer.topics.add(topic)
    offer.runs.update(street="Bahnhofstraße 3", postcode="37603", barrier_free=True)
    return offer


def test_full_export_is_valid_against_the_ba_schema(provider_a, topic):
    ready(provider_a)
    full_offer(provider_a, topic)
    make_offer(provider_a, "Excel online", runs=((10, None),), format="online", education_type=109)
    content = catalog.export("openqcat", provider_a)
    assert schema_errors(content) == []
    root = etree.fromstring(content)
    assert root.findtext("HEADER/SUPPLIER/SUPPLIER_ID") == "274125"
    assert root.find("HEADER/SUPPLIER/CONTACT") is not None
    assert {e.text for e in root.iter("COURSE_TYPE")} == {"5"}
    runs = [s for s in root.iter("SERVICE") if s.find(".//EDUCATION").get("type") == "false"]
    assert len(runs) == 3
    first = runs[0]
    assert first.findtext(".//EXTENDED_INFO/TEACHING_LANGUAGES") == "deu"
    assert first.find(".//FUNDING_TYPES_FEDERAL").get("type") == "2"
    assert "Aufstiegs-BAföG" in first.findtext(".//FUNDING_TYPES_REMARKS")
    assert first.find(".//MODULE_COURSE/DURATION").get("type") == "2"  # six days
    assert first.findtext(".//LOCATION/BARRIER_FREE_LOCATION") == "true"
    assert first.findtext(".//SERVICE_DATE/START_DATE").endswith("T00:00:00")
    texts = [e.text for e in root.iter("TARGET_GROUP_TEXT")]
    assert texts == ["Beschäftigte", "Quereinsteigende mit Metallerfahrung"]
    assert "verbund:" not in content.decode()


def test_missing_data_is_named_per_offer_and_no_file_is_written(provider_a, topic):
    ready(provider_a)
    offer = full_offer(provider_a, topic)
    offer.runs.update(end_date=None)
    make_offer(provider_a, "Ohne Bildungsart", runs=((10, "Holzminden"),))
    with pytest.raises(kursnet.Incomplete) as refused:
        catalog.export("openqcat", provider_a)
    text = "\n".join(refused.value.problems)
    assert "Angebot „Schweißen MAG für Einsteiger mit Prüfung“ (S-1): Termin" in text
    assert "Dauer fehlt" in text
    assert "Angebot „Ohne Bildungsart“" in text and "Bildungsart (KURSNET-Code) fehlt" in text
    KursnetSupplier.objects.filter(provider=provider_a).update(institution_type=None)
    with pytest.raises(kursnet.Incomplete, match="Art der Bildungseinrichtung"):
        kursnet.deliver(provider_a)
    assert not provider_a.kursnet_deliveries.exists()


def _fields(offer):
    return {
        "title": offer.title,
        "description": offer.description,
        "format": offer.format,
        "price": offer.price,
        "hours": offer.hours,
        "funding": offer.funding,
        "target_groups": offer.target_groups,
        "certificate": offer.certificate,
        "degree": offer.degree,
        "instruction_time": offer.instruction_time,
        "time_of_day": offer.time_of_day,
        "education_type": offer.education_type,
        "digital_accessibility": offer.digital_accessibility,
        "contact": (offer.contact_name, offer.contact_email, offer.contact_phone),
        "url": offer.url,
        "participants": (offer.min_participants, offer.max_participants),
        "measure_number": offer.measure_number,
        "keywords": offer.keywords,
        "topics": sorted(t.code for t in offer.topics.all()),
        "runs": sorted(
            (r.external_id, r.start_date, r.end_date, r.street, r.postcode, r.city, r.barrier_free)
            for r in offer.runs.all()
        ),
    }


def test_roundtrip_export_import_without_loss(provider_a, topic):
    ready(provider_a)
    offer = full_offer(provider_a, topic)
    for index, run in enumerate(offer.runs.all()):
        run.external_id = f"S-1-T{index}"
        run.save()
    before = _fields(Offer.objects.get(pk=offer.pk))
    content = catalog.export("openqcat", provider_a)
    Offer.objects.all().delete()
    report = catalog.import_file(content, "kursnet.xml", provider=provider_a)
    assert report.ok and report.created == 1, [str(e) for e in report.errors]
    assert _fields(Offer.objects.get(external_id="S-1")) == before


def test_differential_delivery_new_update_delete_with_sequence(provider_a, topic):
    ready(provider_a)
    welding = full_offer(provider_a, topic)
    excel = make_offer(provider_a, "Excel online", runs=((10, None),), format="online")
    Offer.objects.filter(pk=excel.pk).update(education_type=109)
    first = kursnet.deliver(provider_a)
    assert first.full and first.seq_number == 1 and b"<NEW_CATALOG>" in first.content
    assert schema_errors(first.content) == []
    Offer.objects.filter(pk=welding.pk).update(title="Schweißen MAG kompakt", version=2)
    excel.delete()
    second = kursnet.deliver(provider_a)
    assert schema_errors(second.content) == []
    root = etree.fromstring(second.content)
    update = root.find("UPDATE_CATALOG")
    assert update.get("seq_number") == "2"
    deleted = [e.text for e in update.iterfind("DELETE/SERVICE/PRODUCT_ID")]
    assert excel.external_id in deleted and len(deleted) == 2  # the offer and its run
    assert {e.text for e in update.iterfind("NEW/SERVICE/SERVICE_DETAILS/TITLE")} == {
        "Schweißen MAG kompakt"
    }
    assert len(update.findall("NEW/SERVICE")) == 3  # the offer and its two runs
    third = kursnet.deliver(provider_a)
    assert third.seq_number == 3 and third.new == 0 and third.deleted == 0
    assert schema_errors(third.content) == []


def test_all_providers_as_zip_one_valid_file_per_supplier(provider_a, provider_b, topic):
    ready(provider_a)
    ready(provider_b, supplier_id="274126")
    full_offer(provider_a, topic)
    full_offer(provider_b, topic, external_id="B-1")
    archive = zipfile.ZipFile(io.BytesIO(catalog.export("openqcat")))
    assert sorted(archive.namelist()) == ["openqcat-274125.xml", "openqcat-274126.xml"]
    for name in archive.namelist():
        assert schema_errors(archive.read(name)) == []


def test_generated_catalogue_is_valid(provider_a, topic):
    ready(provider_a)
    for number in range(25):
        offer = full_offer(provider_a, topic, external_id=f"G-{number}")
        Run.objects.filter(offer=offer).update(
            start_date=days(number), end_date=days(number * 40 + 1)
        )
    assert schema_errors(catalog.export("openqcat", provider_a)) == []


def test_duration_classes():
    from verbund.courses.services.kursnet_values import duration_class

    start = datetime.date(2027, 2, 5)
    assert duration_class(start, start) == 1
    assert duration_class(start, datetime.date(2029, 1, 26)) == 7  # the BA's own example
    assert duration_class(start, datetime.date(2031, 1, 1)) == 9


def test_price_and_encoding_of_a_ba_shaped_differential_delivery(provider_a):
    KursnetSupplier.objects.create(provider=provider_a, supplier_id="274125")
    make_offer(provider_a, "Wird gelöscht", external_id="375000001")
    sample = (HERE / "ba_differenzlieferung_iso8859-15.xml").read_bytes()
    assert sample.startswith(b'<?xml version="1.0" encoding="ISO-8859-15"?>')
    report = catalog.import_file(sample, "lieferung.xml", dry_run=True)
    assert report.ok, [str(e) for e in report.errors]
    plan = catalog.plan(report)
    assert ("375057134", "neu") in plan and ("375000001", "löschen") in plan
    report = catalog.import_file(sample, "lieferung.xml")
    assert report.written and report.created == 1 and report.deleted == 1
    offer = Offer.objects.get(external_id="375057134")
    assert offer.provider == provider_a
    assert offer.title.startswith("Umschulung Fachinformatiker")
    assert offer.format == "praesenz" and offer.instruction_time == "vollzeit"
    assert offer.instruction_code is None  # legacy code 1 read from its words
    assert offer.price == Decimal("35464.50") and offer.funding == ["bildungsgutschein"]
    assert offer.target_groups == [
        "Erwerbslose ohne Berufsabschluss mit großem technischen Interesse (€-Förderung möglich)."
    ]
    assert offer.education_type == 109
    run = offer.runs.get()
    assert run.city == "Kassel" and run.start_date == datetime.date(2027, 2, 5)
    assert run.format == "online"  # the run's own instruction form
    again = catalog.import_file(sample, "lieferung.xml")
    assert not again.written and "schon eingespielt" in str(again.errors[0])


def test_command_supplier_id_deliver_and_dry_run_plan(provider_a, topic, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    full_offer(provider_a, topic)
    provider_a.email = "kurse@example.org"
    provider_a.save()
    call_command(
        "courses", "supplier-id", str(provider_a.pk), "274125", "--institution-type", "102"
    )
    supplier = KursnetSupplier.objects.get(provider=provider_a)
    assert (supplier.supplier_id, supplier.institution_type) == ("274125", 102)
    out = tmp_path / "lieferung.xml"
    call_command("courses", "deliver", "--provider", str(provider_a.pk), "--out", str(out))
    assert "Gesamtlieferung Nr. 1" in capsys.readouterr().out
    assert schema_errors(out.read_bytes()) == []
    Offer.objects.all().delete()
    call_command("courses", "import", str(out), "--dry-run")
    assert "neu: S-1" in capsys.readouterr().out
    make_offer(provider_a, "Ohne Termin", runs=(), education_type=109)
    with pytest.raises(CommandError, match="fehlende Angaben"):
        call_command("courses", "deliver", "--provider", str(provider_a.pk), "--out", str(out))
    assert "Angebot „Ohne Termin“" in capsys.readouterr().out


def test_kursnet_page_permissions_and_delivery(client, staff_a, staff_b, provider_a, topic):
    from django.urls import reverse

    from tests import factories

    ready(provider_a)
    full_offer(provider_a, topic)
    page = reverse("courses:kursnet", args=[provider_a.pk])
    deliver = reverse("courses:kursnet_deliver", args=[provider_a.pk])
    assert client.get(page).status_code == 302  # anonymous: to the login
    client.force_login(factories.user("niemand"))
    assert client.get(page).status_code == 404
    client.force_login(staff_b)  # another provider's staff
    assert client.get(page).status_code == 404
    assert client.post(deliver).status_code == 404
    client.force_login(staff_a)
    response = client.get(page)
    assert response.status_code == 200 and "Alle Pflichtangaben sind vorhanden" in response.text
    response = client.post(page, {"supplier_id": "274999", "institution_type": "102"})
    assert response.status_code == 302
    assert KursnetSupplier.objects.get(provider=provider_a).supplier_id == "274999"
    response = client.post(deliver)
    assert response["Content-Disposition"].endswith('"openqcat-gesamt-1.xml"')
    assert schema_errors(response.content) == []
    Offer.objects.update(education_type=None)
    response = client.post(deliver, follow=True)
    assert "Bildungsart (KURSNET-Code) fehlt" in response.text
    response = client.get(reverse("courses:export", args=[provider_a.pk, "openqcat"]))
    assert response.status_code == 302 and response["Location"] == page


def test_upload_page_dry_run_shows_the_plan_per_offer(client, staff_a, provider_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    KursnetSupplier.objects.create(provider=provider_a, supplier_id="274125")
    make_offer(provider_a, "Wird gelöscht", external_id="375000001")
    sample = (HERE / "ba_differenzlieferung_iso8859-15.xml").read_bytes()
    client.force_login(staff_a)
    response = client.post(
        reverse("courses:import"),
        {
            "provider": provider_a.pk,
            "file": SimpleUploadedFile("lieferung.xml", sample),
            "dry_run": "on",
        },
    )
    assert response.status_code == 200
    plan = response.text[response.text.index('id="import-plan"') :]
    assert "375057134</td><td>neu" in plan and "375000001</td><td>löschen" in plan
    assert Offer.objects.filter(external_id="375000001").exists()  # nothing written


def test_chamber_zip_job_for_all_its_providers(client, provider_a, provider_b, topic):
    from django.urls import reverse

    from tests import factories
    from verbund.core.models import Job

    ready(provider_a)
    ready(provider_b, supplier_id="274126")
    full_offer(provider_a, topic)
    full_offer(provider_b, topic, external_id="B-1")
    chamber_staff = factories.user("kammer")
    for provider in (provider_a, provider_b):
        factories.grant(chamber_staff, ["courses.edit_own"], organization=provider)
    url = reverse("courses:kursnet_zip")
    assert client.post(url).status_code == 302  # anonymous: to the login
    assert not Job.objects.exists()
    client.force_login(chamber_staff)
    assert client.get(url).status_code == 405
    response = client.post(url)
    job = Job.objects.get(kind="courses.kursnet_zip")
    assert response["Location"] == job.get_absolute_url()
    archive = zipfile.ZipFile(io.BytesIO(bytes(job.output)))
    assert sorted(archive.namelist()) == ["openqcat-274125.xml", "openqcat-274126.xml"]
