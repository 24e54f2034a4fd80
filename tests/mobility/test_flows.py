"""A stay end to end: application with consent, the company's approval (school informed),
matching in the background, the computed grant, the Learning Agreement's versions, the
documents in three languages, budget and export."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from verbund.core.models import AuditEntry
from verbund.mobility.models import Application, Exchange, LearningAgreement, Payment, Stay
from verbund.mobility.services import agreements, applications, documents, reporting, rules

from .conftest import D, make_application

S = LearningAgreement.Status


def test_planner_plans_a_stay_end_to_end(client, world, planner, occupation):
    a = world["a"]
    client.force_login(planner)
    response = client.post(
        reverse("mobility:application_create", args=[a.project.pk]),
        {
            "first_name": "Mehmet",
            "last_name": "Yıldız",
            "email": "m@example.org",
            "participant_type": "learner_short",
            "occupation": occupation.pk,
            "training_company": a.company.pk,
            "school": a.school.pk,
            "home_city": "Hannover",
            "earliest": "2027-04-01",
            "latest": "2027-06-30",
            "days": "21",
            "level_fr": "B1",
            "green_travel": "on",
            "fewer_opportunities": "on",
            "training_start": "2025-08-01",
            "training_end": "2029-01-31",
            "preference_1": a.placement.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get(person__last_name="Yıldız")
    assert application.languages == {"fr": "B1"} and application.preferences == [a.placement.pk]
    client.post(reverse("mobility:application_consent", args=[application.pk]))
    client.post(reverse("mobility:application_approve", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.school_informed_at is not None
    assert mail.outbox[-1].to == [a.school.email]
    assert "Mehmet Yıldız" in mail.outbox[-1].body

    response = client.post(
        reverse("mobility:match_start", args=[a.project.pk]), {"time_limit": "1"}
    )
    run = a.project.runs.first()
    assert response["Location"] == run.get_absolute_url()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Zugeteilt" in page
    # Issue 25: "1 Aufenthalte", "Solver optimal"
    assert "1 Aufenthalt geplant." in page and "Solver" not in page
    assert "Sekunden" in page
    stay = Stay.objects.get(application=application)
    # 745.6 km green: 417; (21 + 6) x 66; 350 organisational; 125 inclusion
    assert stay.grant_travel == 417
    assert stay.grant_individual == (21 + 6) * 66
    assert stay.grant_total == Decimal(417 + 27 * 66 + 350 + 125)
    assert AuditEntry.objects.filter(action="mobility.stay.matched", object_id=str(stay.pk))

    response = client.post(
        reverse("mobility:agreement_create", args=[stay.pk]),
        {
            "learning_outcomes": "Fehlerdiagnose",
            "tasks": "Servicewerkstatt",
            "sending_mentor": "Malte Behrens",
            "host_mentor": "Claire Martin",
        },
    )
    assert response.status_code == 302
    agreement = stay.agreements.get()
    client.post(reverse("mobility:agreement_action", args=[agreement.pk, "propose"]))
    for party in ("sending", "host", "learner"):
        client.post(reverse("mobility:agreement_action", args=[agreement.pk, party]))
    agreement.refresh_from_db()
    assert agreement.status == S.SIGNED
    for kind in documents.KINDS:
        response = client.get(reverse("mobility:stay_document", args=[stay.pk, kind, "fr"]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = client.get(stay.get_absolute_url()).content.decode()
    assert "2.674,00 €" in page  # German number format


def test_learning_agreement_change_needs_all_three_parties(world, planner):
    agreement = world["a"].agreement
    with pytest.raises(ValidationError):
        agreements.sign(agreement, "host", planner)  # a draft is not yet for signature
    agreements.propose(agreement, planner)
    for party in ("sending", "host", "learner"):
        agreements.sign(agreement, party, planner)
    assert agreement.status == S.SIGNED
    with pytest.raises(ValidationError):
        agreements.edit(agreement, planner, tasks="anders")
    new = agreements.change(agreement, planner, "Zusätzliche Aufgabe", tasks="Werkstatt, Lager")
    assert (new.version, new.status, new.tasks) == (2, S.CHANGE_PROPOSAL, "Werkstatt, Lager")
    assert agreements.in_force(agreement.stay) == agreement  # until all approve the change
    agreements.sign(new, "sending", planner)
    agreements.sign(new, "host", planner)
    assert agreements.in_force(agreement.stay) == agreement
    agreements.sign(new, "learner", planner)
    agreement.refresh_from_db()
    assert new.status == S.APPROVED and agreement.status == S.SUPERSEDED
    assert agreements.in_force(agreement.stay) == new
    with pytest.raises(ValidationError):
        agreements.change(agreement, planner, "alt")  # superseded versions cannot change


def test_documents_render_in_german_english_and_french(world):
    stay = world["a"].stay
    texts = {lang: documents.render_html(stay, "grant-statement", lang) for lang in ("de", "fr")}
    assert "Förderbescheinigung" in texts["de"]
    assert "Attestation de financement" in texts["fr"] and "Förderbescheinigung" not in texts["fr"]
    assert "Contrat pédagogique" in documents.render_html(stay, "learning-agreement", "fr")
    assert "Learning Agreement" in documents.render_html(stay, "learning-agreement", "en")
    assert "Mobility certificate" in documents.render_html(stay, "certificate", "en")


def test_approval_needs_consent_and_the_rules(world, planner):
    a = world["a"]
    pending = make_application(
        a.project,
        a.application.occupation,
        a.company,
        first="Finn",
        status=Application.Status.DRAFT,
    )
    with pytest.raises(ValidationError, match="Einwilligung"):
        applications.approve(pending, planner)
    applications.record_consent(pending, planner)
    pending.days = 5
    with pytest.raises(ValidationError, match="10 bis 89 Tage"):
        applications.approve(pending, planner)


def test_quarter_of_the_training_period_bbig(world, planner):
    a = world["a"]
    stay = a.stay
    # training 01.08.2025-31.01.2029: 1.280 days, a quarter is 320 days
    check = rules.quarter_check(stay.person, D(2025, 8, 1), D(2029, 1, 31))
    assert (check.training_days, check.allowed_days, check.days_abroad) == (1280, 320, 28)
    assert check.ok
    Stay.objects.create(
        project=a.project,
        person=stay.person,
        participant_type="learner_long",
        host=a.host,
        start=D(2027, 9, 1),
        end=D(2028, 6, 30),
        home_city="Hannover",
    )  # 304 more days: 332 > 320
    problems = rules.stay_problems(stay)
    assert any("ein Viertel der Ausbildungsdauer" in p for p in problems)
    assert "332" in problems[0]


def test_stay_length_fits_the_type():
    assert rules.length_error("learner_short", 10) is None
    assert rules.length_error("learner_short", 89) is None
    assert "90" in rules.length_error("learner_short", 90)
    assert rules.length_error("learner_long", 90) is None
    assert rules.length_error("staff_job_shadowing", 61)
    assert rules.length_error("staff_course", 30) is None


def test_budget_granted_committed_paid_and_export(world, planner):
    a = world["a"]
    stay = a.stay
    Payment.objects.create(stay=stay, date=datetime.date(2027, 2, 1), amount=Decimal("1000"))
    budget = reporting.budget(a.project)
    assert budget.granted == Decimal("20000")
    assert budget.committed == stay.grant_total
    assert budget.paid == Decimal("1000")
    assert budget.available == Decimal("20000") - stay.grant_total
    rows = reporting.export_rows(a.project)
    assert rows[1][0] == f"S{stay.pk}" and rows[1][3] == "VET-LEARN-SHORT"
    csv_text = reporting.export_csv(a.project).decode("utf-8-sig")
    assert "Teilnehmer-ID;Vorname" in csv_text
    sheet = load_workbook(io.BytesIO(reporting.export_xlsx(a.project))).active
    assert sheet.cell(2, 22).value == float(stay.grant_total)
    stay.status = Stay.Status.CANCELLED
    stay.save()
    assert reporting.budget(a.project).committed == 0


def test_staff_stay_by_hand_gets_its_grant_computed(client, world, planner):
    a = world["a"]
    client.force_login(planner)
    person = factories.user("lehrer", organization=a.project.beneficiary).person
    response = client.post(
        reverse("mobility:stay_create", args=[a.project.pk]),
        {
            "person": person.pk,
            "participant_type": "staff_job_shadowing",
            "host": a.host.pk,
            "start": "2027-05-03",
            "end": "2027-05-07",
            "home_city": "Hannover",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    stay = Stay.objects.get(person=person)
    assert stay.grant_individual == (5 + 2) * 136 and stay.grant_organisational == 100
    response = client.post(
        reverse("mobility:stay_create", args=[a.project.pk]),
        {
            "person": person.pk,
            "participant_type": "staff_course",
            "host": a.host.pk,
            "start": "2027-05-03",
            "end": "2027-06-30",
            "home_city": "Hannover",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "2 bis 30 Tage" in response.content.decode()


def test_report_per_partnership_and_year(client, world, planner):
    client.force_login(planner)
    response = client.get(
        reverse("mobility:report", args=[world["a"].network.pk]), {"jahr": "2027"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kfz-Mechatroniker/-in: 1" in text and "Frankreich: 1" in text
    assert "Jugendaustausch A" in text
    assert (
        client.get(
            reverse("mobility:report", args=[world["a"].network.pk]), {"jahr": "x"}
        ).status_code
        == 200
    )


def test_exchange_is_planned_with_programme_and_participants(client, world, planner):
    a = world["a"]
    client.force_login(planner)
    response = client.post(
        reverse("mobility:exchange_create"),
        {
            "network": a.network.pk,
            "kind": "group",
            "title": "Jugendaustausch 2027",
            "sending": [a.host.pk],
            "host": a.company.pk,
            "start": "2027-09-06",
            "end": "2027-09-10",
            "place": "Halberstadt",
        },
    )
    assert response.status_code == 302
    exchange = Exchange.objects.get(title="Jugendaustausch 2027")
    client.post(
        reverse("mobility:exchange_day_add", args=[exchange.pk]),
        {"date": "2027-09-06", "programme": "Anreise, Kennenlernen"},
    )
    client.post(
        reverse("mobility:exchange_participant_add", args=[exchange.pk]),
        {"first_name": "Inès", "last_name": "Moreau", "role": "participant"},
    )
    page = client.get(exchange.get_absolute_url()).content.decode()
    assert "Anreise, Kennenlernen" in page and "Inès Moreau" in page
    assert exchange.days == 5


def test_public_partnership_shows_its_exchanges_but_not_who_takes_part(client, world, outsider):
    from verbund.core.models import Person
    from verbund.mobility.models import ExchangeParticipant

    a = world["a"]
    a.network.is_public = True
    a.network.save()
    person = Person.objects.create(first_name="Inès", last_name="Moreau")
    ExchangeParticipant.objects.create(exchange=a.exchange, person=person, role="participant")
    client.force_login(outsider)
    page = client.get(a.exchange.get_absolute_url()).content.decode()
    assert a.exchange.title in page and "Inès Moreau" not in page
    assert not ExchangeParticipant.objects.visible_to(outsider).exists()


def test_approval_is_idempotent_and_mails_the_school_once(world, planner, mailoutbox):
    """Issue 24: ten approvals sent ten mails; approving a matched application reset it."""
    a = world["a"]
    pending = make_application(
        a.project,
        a.application.occupation,
        a.company,
        school=a.school,
        first="Ida",
        status=Application.Status.DRAFT,
    )
    applications.record_consent(pending, planner)
    applications.approve(pending, planner)
    assert pending.status == Application.Status.APPROVED and len(mailoutbox) == 1
    with pytest.raises(applications.NotApprovable, match="bereits freigegeben"):
        applications.approve(pending, planner)
    assert len(mailoutbox) == 1
    matched = a.application
    matched.status = Application.Status.MATCHED
    matched.consent_at = matched.consent_at or pending.consent_at
    matched.save()
    with pytest.raises(applications.NotApprovable, match="hat einen Platz"):
        applications.approve(matched, planner)
    matched.refresh_from_db()
    assert matched.status == Application.Status.MATCHED and len(mailoutbox) == 1


def test_application_form_shows_the_privacy_notice(client, world, planner):
    from verbund.core.legal_models import LegalText

    LegalText.objects.create(key="hinweis-mobility", title="Datenschutz", body="Zweck: Vermittlung")
    client.force_login(planner)
    url = reverse("mobility:application_create", args=[world["a"].project.pk])
    assert "Zweck: Vermittlung" in client.get(url).content.decode()
