"""The mobility demo: a matched, funded, documented stay in Normandy, the Harz–Belfort
exchanges, and the kammerberatung login planning a stay end to end."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from verbund.core.demo import load_demo
from verbund.mobility.models import Application, Exchange, LearningAgreement, Stay


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_demo(io.StringIO()) is True
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    return None


def test_normandie_stay_is_matched_funded_and_documented(demo):
    stay = Stay.objects.get(status=Stay.Status.CONFIRMED, project__title="Azubis in die Normandie")
    assert stay.host.name.startswith("CMA Formation") and stay.grant_total > 0
    assert stay.agreements.get().status == LearningAgreement.Status.SIGNED
    assert stay.payments.exists()
    assert Stay.objects.filter(project=stay.project).count() >= 4


def test_harz_belfort_exchanges(demo):
    youth = Exchange.objects.get(kind=Exchange.Kind.GROUP)
    assert youth.sending.get().short_name == "EPIDE"
    assert youth.programme.count() == 5 and youth.participants.count() == 9
    staff = Exchange.objects.get(kind=Exchange.Kind.STAFF)
    assert staff.host.short_name == "UTBM"
    assert staff.stays.count() == 2 and all(s.grant_total > 0 for s in staff.stays.all())
    assert (
        Exchange.objects.filter(kind=Exchange.Kind.DELEGATION, activity__isnull=False).count() == 2
    )


def test_kammerberatung_plans_a_stay_end_to_end(demo, client):
    client.force_login(get_user_model().objects.get(username="kammerberatung"))
    waiting = Application.objects.get(person__first_name="Sophie")
    assert waiting.status == Application.Status.SUBMITTED
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert "Freigabe des Ausbildungsbetriebs erfassen" in page
    client.post(reverse("mobility:application_approve", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == Application.Status.APPROVED and waiting.school_informed_at
    response = client.post(
        reverse("mobility:match_start", args=[waiting.project.pk]), {"time_limit": "2"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Paul Gerdes" in page and "Kein Platz für diesen Ausbildungsberuf." in page
    stay = Stay.objects.get(application=waiting)
    assert stay.placement.city == "Rouen"
    for kind in ("certificate", "grant-statement"):  # Sophie's agreement is written next
        url = reverse("mobility:stay_document", args=[stay.pk, kind, "fr"])
        assert client.get(url).status_code == 200
    jana = Stay.objects.get(status=Stay.Status.CONFIRMED, project=stay.project)
    response = client.get(
        reverse("mobility:stay_document", args=[jana.pk, "learning-agreement", "fr"])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
