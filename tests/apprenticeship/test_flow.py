"""The journey: gaps -> partner sets -> request -> answer -> rotation plan -> edit -> re-plan."""

import re

import pytest
from django.urls import reverse

from verbund.apprenticeship.models import PartnerRequest, RotationRun, Station
from verbund.apprenticeship.services import partners, rotation, training
from verbund.core.models import AuditEntry


@pytest.mark.django_db
def test_gaps_of_the_profile(profile):
    found = {(g.position.code, g.year): g.weeks for g in training.gaps(profile)}
    assert found == {("9", 1): 3, ("11", 1): 4}


@pytest.mark.django_db
def test_partner_finder_covers_all_gaps(profile, stations, stranger):
    gaps, search = partners.find_partners(profile)
    assert search.uncoverable == []
    best = search.sets[0]
    assert best.partners == [str(stations[0].organization_id)]
    assert sum(a.gap.weeks for a in best.assignments) == 7
    assert best.training_cost == 3 * 180 + 4 * 120


@pytest.mark.django_db
def test_finder_page_request_and_answer(client, profile, stations, home_user, partner_user):
    client.force_login(home_user)
    page = client.get(reverse("apprenticeship:finder", args=[profile.pk]))
    assert page.status_code == 200
    assert "Partnerwerk Hagen anfragen" in page.content.decode()
    assert "1.020,00 €" in page.content.decode()  # stations 3 x 180 + 4 x 120, German format
    response = client.post(
        reverse("apprenticeship:request_create", args=[profile.pk]),
        {
            "partner": stations[0].organization_id,
            "stations": f"{stations[0].pk},{stations[1].pk}",
            "weeks": 7,
            "message": "Guten Tag",
        },
    )
    created = PartnerRequest.objects.get()
    assert response.status_code == 302 and created.status == "pending"
    client.force_login(partner_user)
    answer = client.post(
        reverse("apprenticeship:request_detail", args=[created.pk]),
        {"accept": "1", "answer": "Gern"},
    )
    assert answer.status_code == 302
    created.refresh_from_db()
    assert created.status == "accepted" and created.decided_by == partner_user
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "apprenticeship.partner_request.created",
        "apprenticeship.partner_request.accepted",
    } <= actions
    again = client.post(
        reverse("apprenticeship:request_detail", args=[created.pk]), {"accept": "0"}
    )
    assert again.status_code == 302  # already answered: nothing changes
    created.refresh_from_db()
    assert created.status == "accepted"


@pytest.mark.django_db
def test_requester_cannot_answer_its_own_request(client, profile, stations, home_user):
    created = partners.request_partner(
        profile, stations[0].organization, [stations[0].pk], 3, "", home_user
    )
    client.force_login(home_user)
    response = client.post(
        reverse("apprenticeship:request_detail", args=[created.pk]), {"accept": "1"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_station_needs_an_aevo_trainer(client, plan, partner_user):
    client.force_login(partner_user)
    position = plan.positions.get(code="13")
    organization = partner_user.person.organization
    response = client.post(
        reverse("apprenticeship:station_create"),
        {
            "organization": organization.pk,
            "position": position.pk,
            "name": "Elektrolabor",
            "capacity": 1,
            "min_weeks": 2,
            "max_weeks": 4,
            "cost_per_week": "150",
            "available_weeks": "",
            "active": "on",
        },
    )
    assert response.status_code == 400
    assert "keine Ausbilderin und keinen Ausbilder mit AEVO-Nachweis" in response.content.decode()
    assert not Station.objects.exists()


@pytest.mark.django_db
def test_covers_form_rejects_more_weeks_than_the_plan(client, profile, home_user):
    client.force_login(home_user)
    position = profile.occupation.framework_plan.positions.get(code="9")
    response = client.post(
        reverse("apprenticeship:profile_covers", args=[profile.pk]), {f"p{position.pk}_1": "9"}
    )
    assert response.status_code == 400
    assert "Höchstens 3 Wochen laut Rahmenplan" in response.content.decode()


@pytest.mark.django_db
def test_rotation_from_the_ui_edit_and_replan(client, profile, stations, planner, verbund):
    client.force_login(planner)
    response = client.post(
        reverse("apprenticeship:verbund_detail", args=[verbund.pk]),
        {"occupation": profile.occupation.pk, "cohort": 2026, "time_limit": 5},
    )
    run = RotationRun.objects.get()
    assert response.status_code == 302 and run.status == "done"
    assert run.plan["uncovered"] == [] and rotation.violations(run, run.plan) == []
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Lena Kowalski" in page and "Kostenaufteilung" in page
    # the solver's state in words (no OPTIMAL / FEASIBLE / GREEDY_KEPT)
    assert not re.search(r"\b(OPTIMAL|FEASIBLE|GREEDY_KEPT|GREEDY)\b", page)
    stay = run.plan["stays"][0]
    # the stay names its station and position, not the instance's ids
    station_name = run.labels["stations"][stay["station"]]
    assert f'<tr id="stay-0"><td>{station_name}' in page
    assert f"<td>{stay['station']}" not in page and f"<td>{stay['position']}</td>" not in page
    # into the school block (weeks 6-9): refused, the rule is shown
    client.post(
        reverse("apprenticeship:stay_edit", args=[run.pk]),
        {"index": 0, "start_week": 6, "weeks": stay["weeks"]},
    )
    page = client.get(run.get_absolute_url()).content.decode()
    # the broken rule in German, with the apprentice's name, never the checker's English ids
    assert "durch Berufsschule, Urlaub oder Feiertage belegt" in page
    assert "Einsatz von Lena Kowalski bei" in page
    assert "blocked weeks" not in page and "stay 1 (" not in page
    run.refresh_from_db()
    assert run.plan["stays"][0]["start_week"] == stay["start_week"]
    # lock it where it is, then re-plan the rest
    client.post(
        reverse("apprenticeship:stay_edit", args=[run.pk]),
        {"index": 0, "start_week": stay["start_week"], "weeks": stay["weeks"], "locked": "1"},
    )
    client.post(reverse("apprenticeship:run_replan", args=[run.pk]))
    newer = RotationRun.objects.order_by("-pk").first()
    assert newer.pk != run.pk and newer.status == "done"
    assert any(
        s.get("locked") and s["start_week"] == stay["start_week"] for s in newer.plan["stays"]
    )


@pytest.mark.django_db
def test_dashboard_shows_missing_aevo_and_open_requests(
    client, profile, stations, home_user, partner_user
):
    from verbund.apprenticeship.models import Trainer
    from verbund.core.models import Person

    person = Person.objects.create(
        first_name="Udo", last_name="Neuling", organization=stations[0].organization
    )
    Trainer.objects.create(organization=stations[0].organization, person=person)
    partners.request_partner(profile, stations[0].organization, [stations[0].pk], 3, "", home_user)
    client.force_login(partner_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "AEVO-Nachweis fehlt: Udo Neuling" in page
    assert "Partneranfrage von Hesterberg Testwerk beantworten" in page


def test_a_rotation_solver_that_raises_ends_failed_not_running(
    client, profile, stations, planner, verbund, monkeypatch
):
    """It used to stay "running, 2 %" forever; now it ends failed with what to do."""

    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(rotation.cpsat, "plan_rotation", broken)
    client.force_login(planner)
    client.post(
        reverse("apprenticeship:verbund_detail", args=[verbund.pk]),
        {"occupation": profile.occupation.pk, "cohort": 2026, "time_limit": 5},
    )
    run = RotationRun.objects.get()
    assert run.status == "failed" and run.finished_at is not None
    assert "Bitte erneut starten" in run.message and "crashed" not in run.message
    assert "Bitte erneut starten" in client.get(run.get_absolute_url()).content.decode()
