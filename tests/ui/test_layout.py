"""The site layout: role-based navigation, error pages, no raw codes on pages."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests import factories
from verbund.core.services import access, audit


def _nav(html: str) -> str:
    match = re.search(r'<nav aria-label="Hauptnavigation".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def test_anonymous_sees_public_course_search_and_login(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Weiterbildung" in _nav(html)
    assert "Netzwerke" not in _nav(html)
    assert "Aus- und Weiterbildung in regionalen Netzwerken" in html  # product identity


def test_navigation_shows_only_usable_sections(client, outsider, coordinator_a):
    client.force_login(outsider)
    nav = _nav(client.get(reverse("core:dashboard")).content.decode())
    assert "Netzwerke" in nav
    for hidden in ("Bedarfe", "Beratung", "Prüfungen"):
        assert hidden not in nav
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "API-Tokens" not in html  # a visitor without organization has no use for them

    client.force_login(coordinator_a)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "API-Tokens" in html
    assert 'aria-current="page">Übersicht' in _nav(html)


def test_exam_tabs_hide_compensation_without_permission(client, org_a):
    planner = factories.user("planer", organization=org_a)
    factories.grant(planner, ["exams.plan"], organization=org_a)
    client.force_login(planner)
    html = client.get(reverse("exams:period_list")).content.decode()
    assert "Prüferpool" in html
    assert reverse("exams:claim_list") not in html
    assert "Prüfungen" in _nav(html)


def test_my_offers_button_only_for_providers(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("courses:search")).content.decode()
    assert reverse("courses:my_offers") not in html


def test_403_names_the_missing_permission_and_who_grants_it(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("exams:claim_list"), HTTP_REFERER="http://testserver/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Zugriff nicht erlaubt" in html
    assert "Entschädigungssätze pflegen" in html  # the label of exams.compensation
    assert "Teams und Berechtigungen verwalten" in html  # who grants it
    assert 'href="http://testserver/"' in html  # a way back
    assert '<nav aria-label="Hauptnavigation"' in html  # in the site layout


def test_403_for_anonymous_offers_login(client, db):
    response = client.get(reverse("core:styleguide"))
    assert response.status_code == 302  # login first


def test_404_in_the_users_language(client, outsider):
    client.force_login(outsider)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/gibt-es-nicht/").content.decode()
    assert "Page not found" in html
    client.cookies["django_language"] = "fr"
    assert "Page introuvable" in client.get("/gibt-es-nicht/").content.decode()


def test_foreign_referer_is_no_way_back(client, outsider):
    client.force_login(outsider)
    html = client.get("/gibt-es-nicht/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in html


@override_settings(DEBUG=False)
def test_500_page_in_the_site_layout(client, db):
    from verbund.core.views.errors import server_error

    request = client.get(reverse("login")).wsgi_request
    response = server_error(request)
    assert response.status_code == 500
    assert "Das hat leider nicht geklappt" in response.content.decode()


def test_styleguide_is_for_staff_only(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("core:styleguide")).status_code == 403
    outsider.is_staff = True
    outsider.save()
    html = client.get(reverse("core:styleguide")).content.decode()
    assert "1.290,50" in html
    response = client.post(reverse("core:styleguide"), {"name": "Kurs", "price": "zwölf"})
    assert "450,50" in response.content.decode()


RAW_ACTION_CODE = re.compile(r"\b[a-z]+\.[a-z_]+\.(created|changed|deleted|[a-z_]+ed)\b")
SOLVER_STATUS = re.compile(r"\b(FEASIBLE|OPTIMAL|INFEASIBLE|MODEL_INVALID|UNKNOWN)\b")


def _visible_text(html: str) -> str:
    """The text a person reads: without scripts, styles, tags and attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_history_never_shows_raw_action_codes(client, network_a, coordinator_a, language):
    audit.record(
        network_a, "networks.network.changed", user=coordinator_a, changes={"name": ["a", "b"]}
    )
    audit.record(network_a, "networks.network.frobnicated", user=coordinator_a)
    client.force_login(coordinator_a)
    client.cookies["django_language"] = language
    text = _visible_text(client.get(network_a.get_absolute_url()).content.decode())
    assert not RAW_ACTION_CODE.search(text), RAW_ACTION_CODE.search(text).group(0)
    assert "anika" not in text  # the person's name, not the username
    assert not SOLVER_STATUS.search(text)


def test_dashboard_shows_the_figures_of_the_users_role(client, org_a, coordinator_a, outsider):
    from verbund.courses.models import Offer

    provider = factories.user("paula", organization=org_a)
    factories.grant(provider, ["courses.edit_own"], organization=org_a, name="Kurse")
    client.force_login(provider)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Aktive Weiterbildungsangebote" in html
    assert "Mitglieder in Ihren Netzwerken" not in html
    assert Offer.objects.count() == 0

    client.force_login(coordinator_a)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Mitglieder in Ihren Netzwerken" in html
    assert "Aktive Weiterbildungsangebote" not in html

    client.force_login(outsider)
    assert 'class="figures"' not in client.get(reverse("core:dashboard")).content.decode()


def test_plan_run_result_in_words_not_solver_codes(rf):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    run = SimpleNamespace(
        pk=1,
        status="done",
        finished=True,
        percent=100,
        message="pass 1: block of 732 pairs",
        get_status_display="Fertig",
        get_goal_display="Ausgewogen",
        kind="solve",
        get_absolute_url="/x/",
        period=SimpleNamespace(get_absolute_url="/p/"),
        result={
            "assignments": 1290,
            "unfilled": 0,
            "bound": {"unfilled": 0},
            "objective": {"travel_km": 26313.84, "board_changes": 3},
            "solver": {"status": "FEASIBLE", "seconds": 41.2},
        },
    )
    html = render_to_string("exams/_run_progress.html", {"run": run})
    text = _visible_text(html)
    assert not SOLVER_STATUS.search(text)
    assert "pass 1" not in text
    assert "26.313,8 km" in text and "1.290" in text


def test_network_page_links_the_capabilities_it_uses(client, network_a, coordinator_a, org_a):
    from verbund.needs.models import Wave

    client.force_login(coordinator_a)
    html = client.get(network_a.get_absolute_url()).content.decode()
    assert "Was dieses Netzwerk gemeinsam nutzt" not in html  # nothing used yet
    wave = Wave.objects.create(network=network_a, title="Bedarf 2027", status=Wave.Status.OPEN)
    html = client.get(network_a.get_absolute_url()).content.decode()
    assert "Bedarfsbefragungen" not in html  # the survey is there, but not for this user
    factories.grant(coordinator_a, ["needs.view"], network=network_a, name="Bedarf")
    access.forget(coordinator_a)
    html = client.get(network_a.get_absolute_url()).content.decode()
    assert "Bedarfsbefragungen" in html and wave.get_absolute_url() in html


def test_organization_search_field(client, network_a, coordinator_a, org_b):
    from verbund.networks.models import Invitation, Membership

    assert client.get(reverse("core:organization_choices"), {"q": "IHK"}).status_code == 302
    client.force_login(coordinator_a)
    html = client.get(
        reverse("core:organization_choices"), {"organization__search": "braunschw"}
    ).content.decode()
    assert f'data-value="{org_b.pk}"' in html
    assert (
        "Keine passende"
        in client.get(
            reverse("core:organization_choices"), {"organization__search": "xyzxyz"}
        ).content.decode()
    )

    url = reverse("networks:membership_create", args=[network_a.pk])
    form_html = client.get(url).content.decode()
    assert 'role="combobox"' in form_html and '<select name="organization"' not in form_html
    # Without JavaScript the exact name typed is enough; an unknown name is a clear error.
    response = client.post(url, {"organization__search": "Gibt es nicht", "role": "member"})
    assert response.status_code == 400 and "aus der Liste der Treffer" in response.content.decode()
    response = client.post(url, {"organization__search": "IHK Braunschweig", "role": "member"})
    assert response.status_code == 302
    # an invitation: the organization joins when it accepts (issue 24)
    assert Invitation.objects.filter(network=network_a, organization=org_b).exists()
    assert not Membership.objects.filter(network=network_a, organization=org_b).exists()


def test_organization_search_narrows_to_the_fields_kinds(client, coordinator_a, org_b):
    from verbund.core.models import Organization

    company = factories.organization("Braunschweiger Bäckerei", kind=Organization.Kind.COMPANY)
    factories.organization("Berufsschule Braunschweig", kind=Organization.Kind.SCHOOL)
    client.force_login(coordinator_a)
    url = reverse("core:organization_choices")
    html = client.get(url, {"kind": "company", "x__search": "braunschw"}).content.decode()
    assert f'data-value="{company.pk}"' in html
    assert f'data-value="{org_b.pk}"' not in html and "Berufsschule" not in html
    # An unknown kind narrows nothing away (and never fails)
    html = client.get(url, {"kind": "nonsense", "x__search": "braunschw"}).content.decode()
    assert "Berufsschule" in html and f'data-value="{org_b.pk}"' in html
    html = client.get(url, {"country": "FR", "x__search": "braunschw"}).content.decode()
    assert "Keine passende" in html


def test_forms_that_pick_from_the_whole_directory_use_the_search_field(db):
    """Company and school pickers offer hundreds of entries: never a plain select."""
    from verbund.advice.forms import CaseForm
    from verbund.core.widgets import OrganizationAutocomplete
    from verbund.mobility.forms import ApplicationForm
    from verbund.needs.forms import InterviewStartForm

    user = factories.user("suche")
    case_form = CaseForm()
    case_form.limit_choices(user)
    widgets = {
        "advice case organization": case_form.fields["organization"].widget,
        "interview company": InterviewStartForm().fields["organization"].widget,
        "mobility company": ApplicationForm().fields["training_company"].widget,
        "mobility school": ApplicationForm().fields["school"].widget,
    }
    for name, widget in widgets.items():
        assert isinstance(widget, OrganizationAutocomplete), name
    assert "kind=company" in widgets["mobility company"].choices_url()
    assert "country=DE" in widgets["mobility school"].choices_url()


def test_network_page_links_courses_and_events_of_the_network(
    client, network_a, coordinator_a, outsider
):
    import datetime

    from django.utils import timezone

    from verbund.core.models import Organization
    from verbund.courses.models import Offer, Run
    from verbund.events.models import Event

    provider = factories.organization("VHS Holzminden", kind=Organization.Kind.PROVIDER)
    network_a.memberships.create(organization=provider)
    offer = Offer.objects.create(
        provider=provider, external_id="n1", title="Excel", description="x"
    )
    Run.objects.create(offer=offer, start_date=timezone.localdate() + datetime.timedelta(days=9))
    start = timezone.now() + datetime.timedelta(days=5)
    event = Event.objects.create(
        organization=provider,
        network=network_a,
        title="Netzwerkforum",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=30,
    )
    client.force_login(coordinator_a)
    html = client.get(network_a.get_absolute_url()).content.decode()
    assert "Weiterbildungsdatenbank" in html and "1 Weiterbildungsangebot von Mitgliedern" in html
    assert f"provider={provider.pk}" in html
    assert "Netzwerkforum" in html and event.get_absolute_url() in html
    search = client.get(reverse("courses:search") + f"?provider={provider.pk}")
    assert search.status_code == 200


def test_counts_in_templates_use_plural_forms():
    """A count handed to a text ("with count=...") must use ``blocktranslate count``."""
    import re
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "src" / "verbund"
    pattern = re.compile(r"\{% blocktranslate(?![^%]*\bcount counter=)[^%]*\bwith count=")
    offenders = [
        str(path.relative_to(source))
        for path in source.glob("*/templates/**/*.html")
        if pattern.search(path.read_text())
    ]
    assert not offenders, offenders
