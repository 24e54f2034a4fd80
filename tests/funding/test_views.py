"""Finances by need to know: the network's coordination and the lead partner edit them, a
co-funder sees its own bill, nobody else sees a receipt."""

import io

import pytest
from django.urls import reverse

from tests import factories
from verbund.funding.models import Receipt

pytestmark = pytest.mark.django_db


def urls(plan):
    receipt = Receipt.objects.get(plan=plan, number="B-1")
    return [
        reverse("funding:plan_detail", args=[plan.pk]),
        reverse("funding:plan_edit", args=[plan.pk]),
        reverse("funding:receipt_list", args=[plan.pk]),
        reverse("funding:receipt_create", args=[plan.pk]),
        reverse("funding:receipt_edit", args=[receipt.pk]),
        reverse("funding:receipt_import", args=[plan.pk]),
        reverse("funding:proof_of_use", args=[plan.pk]),
        reverse("funding:proof_of_use", args=[plan.pk]) + "?format=xlsx",
        reverse("funding:line_create", args=[plan.pk]),
        reverse("funding:call_create", args=[plan.pk]),
        reverse("funding:cofunder_create", args=[plan.pk]),
    ]


def test_anonymous_is_sent_to_the_login(client, plan):
    for url in urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["outsider", "member_b", "district_staff", "network_member"])
def test_others_see_no_finances(client, plan, who, request, org_a):
    if who == "network_member":
        # Works for a member organization of the network, but holds no funding.manage.
        account = factories.user("max", organization=org_a)
    else:
        account = request.getfixturevalue(who)
    client.force_login(account)
    for url in urls(plan):
        assert client.get(url).status_code == 404, url
    assert (
        reverse("funding:plan_detail", args=[plan.pk])
        not in client.get(reverse("funding:plan_list")).content.decode()
    )


def test_coordination_opens_every_page(client, plan, treasurer):
    client.force_login(treasurer)
    for url in urls(plan):
        assert client.get(url).status_code == 200, url


def test_lead_partner_team_with_the_permission_manages_too(client, plan, org_a):
    account = factories.user("lea", organization=org_a)
    factories.grant(account, ["funding.manage"], organization=org_a)  # org_a leads network_a
    client.force_login(account)
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 200


def test_a_cofunder_sees_its_own_bill_and_nothing_else(client, plan, district_staff):
    own = plan.cofunders.get(name="Landkreis Holzminden")
    other = plan.cofunders.get(name="Landkreis Hameln-Pyrmont")
    client.force_login(district_staff)
    page = client.get(reverse("funding:cofunder_bill", args=[own.pk]))
    assert page.status_code == 200
    assert "17.250,00" in page.content.decode()
    assert client.get(reverse("funding:cofunder_bill", args=[other.pk])).status_code == 404
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 404
    listing = client.get(reverse("funding:plan_list")).content.decode()
    assert own.get_absolute_url() in listing and other.get_absolute_url() not in listing


def test_budget_page_shows_the_rule_and_the_balance(client, plan, treasurer):
    client.force_login(treasurer)
    page = client.get(reverse("funding:plan_detail", args=[plan.pk])).content.decode()
    assert "nähert sich der 20-%-Grenze" in page
    assert "30.500,00" in page  # still to be paid by the funder
    assert 'role="img"' in page or "data:image/svg+xml" in page


def test_booking_a_receipt_with_a_german_amount_and_a_file(client, plan, treasurer):
    client.force_login(treasurer)
    line = plan.lines.get(key="sach")
    pdf = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    pdf.name = "rechnung.pdf"
    response = client.post(
        reverse("funding:receipt_create", args=[plan.pk]),
        {
            "number": "B-20",
            "date": "2026-05-04",
            "line": line.pk,
            "amount": "1.290,50",
            "payee": "Druckerei Hahn",
            "file": pdf,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    receipt = Receipt.objects.get(number="B-20")
    assert str(receipt.amount) == "1290.50"
    assert receipt.entered_by == treasurer
    assert client.get(reverse("funding:receipt_file", args=[receipt.pk])).status_code == 200


def test_a_program_is_refused_as_a_receipt_file(client, plan, treasurer):
    client.force_login(treasurer)
    exe = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100)
    exe.name = "rechnung.pdf"
    response = client.post(
        reverse("funding:receipt_create", args=[plan.pk]),
        {
            "number": "B-21",
            "date": "2026-05-04",
            "line": plan.lines.get(key="sach").pk,
            "amount": "5",
            "payee": "X",
            "file": exe,
        },
    )
    assert response.status_code == 400
    assert not Receipt.objects.filter(number="B-21").exists()


def test_deleting_a_receipt_is_refused_with_a_message(client, plan, treasurer):
    client.force_login(treasurer)
    receipt = Receipt.objects.get(number="B-1")
    response = client.post(reverse("funding:receipt_delete", args=[receipt.pk]), follow=True)
    assert "aufbewahrt" in response.content.decode()
    assert Receipt.objects.filter(pk=receipt.pk).exists()


def test_proof_of_use_pdf_is_tagged_with_language_and_title(client, plan, treasurer):
    from pypdf import PdfReader

    client.force_login(treasurer)
    response = client.get(reverse("funding:proof_of_use", args=[plan.pk]) + "?format=pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("de")
    assert "Zahlenmäßiger Nachweis" in reader.metadata.title


def test_proof_of_use_xlsx_carries_the_same_figures(client, plan, treasurer):
    from openpyxl import load_workbook

    client.force_login(treasurer)
    response = client.get(reverse("funding:proof_of_use", args=[plan.pk]) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Personalausgaben", 100000, 115000, 15000, 115000, 0] in [
        [v if not hasattr(v, "as_integer_ratio") else float(v) for v in row][:6] for row in values
    ] or any(
        row[0] == "Personalausgaben" and float(row[4]) == 115000 for row in values if row and row[0]
    )


def test_a_large_receipt_file_is_imported_by_a_job(client, plan, treasurer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "".join(
        f"B-{n};31.03.2026;10,00;sach;Lieferant {n};{'x' * 180}\n" for n in range(100, 1200)
    )
    content = ("Belegnummer;Datum;Betrag;Position;Empfänger;Zweck\n" + rows).encode()
    assert len(content) > 200_000
    client.force_login(treasurer)
    response = client.post(
        reverse("funding:receipt_import", args=[plan.pk]),
        {"file": SimpleUploadedFile("belege.csv", content, content_type="text/csv")},
    )
    assert (
        response.status_code == 302
        and "/jobs/" in response["Location"]
        or "/auftraege/" in response["Location"]
    )
    assert Receipt.objects.filter(plan=plan).count() == 1 + 1100
    from verbund.core.models import Job

    job = Job.objects.get(kind="funding.import_receipts")
    page = client.get(reverse("funding:receipt_import", args=[plan.pk]) + f"?job={job.pk}")
    assert (
        "1100 Belege importiert" in page.content.decode()
        or "1.100 Belege importiert" in page.content.decode()
    )
