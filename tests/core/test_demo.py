"""The demo: the five seed networks as reported, idempotent loading, working demo logins."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from verbund.core.demo import MARKER_NETWORK_NAME, load_demo
from verbund.core.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, format_logins_table
from verbund.core.models import Organization, Person, Team, Topic
from verbund.core.permissions import PERMISSIONS
from verbund.core.services import access
from verbund.networks.models import Activity, Agreement, Membership, Network, Review

D = datetime.date


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """Load the whole demo once per module (it takes seconds) and roll it back afterwards.

    Each test still runs in its own savepoint (``db``), nested inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_demo(io.StringIO()) is True
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return {network.short_name: network for network in Network.objects.all()}


def _members(network, role=None):
    rows = network.memberships.select_related("organization")
    if role:
        rows = rows.filter(role=role)
    return {membership.organization.name for membership in rows}


def _activity(network, title_part):
    return network.activities.get(title__contains=title_part)


def test_five_networks_with_their_kinds(demo):
    kinds = dict(Network.objects.values_list("name", "kind"))
    assert kinds == {
        "Kammerpartnerschaft Handwerkskammer Hannover – CMA Normandie": "partnerschaft",
        "Partnerschaft Landkreis Harz – Territoire de Belfort": "partnerschaft",
        MARKER_NETWORK_NAME: "weiterbildungsverbund",
        "Kammerkooperation IHK Braunschweig – IHK Lüneburg-Wolfsburg": "kammerkooperation",
        "In|Die RegionRuhr": "initiative",
    }


def test_normandie_partnership(demo):
    net = demo["HWK Hannover – CMA Normandie"]
    assert net.since.year == 1984  # 40 years before the 2024 visit
    assert _members(net, Membership.Role.LEAD) == {"Handwerkskammer Hannover"}
    assert "Chambre de Métiers et de l'Artisanat de Normandie" in _members(
        net, Membership.Role.PARTNER_ABROAD
    )
    visit = net.activities.get(kind=Activity.Kind.DELEGATION, start__year=2024)
    assert (visit.start, visit.end) == (D(2024, 9, 24), D(2024, 9, 26))
    workshop = _activity(net, "Le Havre")
    assert "Pädagogische Innovationen" in workshop.title
    assert "Internationale Mobilität für Auszubildende" in workshop.title
    assert workshop.place.endswith("Le Havre") and workshop.region.code == "76"
    assert visit.start <= workshop.start <= visit.end


def test_harz_belfort_partnership(demo):
    net = demo["Harz – Belfort"]
    assert net.since == D(1994, 1, 1)
    halberstadt = net.memberships.get(organization__name="Landkreis Halberstadt")
    harz = net.memberships.get(organization__name="Landkreis Harz")
    assert halberstadt.since.year == 1994 and halberstadt.until < harz.since
    members = _members(net)
    for name in (
        "Département du Territoire de Belfort",
        "IUT de Belfort-Montbéliard",
        "Université de technologie de Belfort-Montbéliard",
        "Hochschule Harz",
        "Industrie- und Handelskammer Magdeburg",
        "KoBa Jobcenter Harz",
        "VHS-Bildungswerk GmbH",
    ):
        assert name in members
    visit = net.activities.get(kind=Activity.Kind.DELEGATION, start__year=2016)
    assert visit.start.month == 4 and visit.end == D(2016, 4, 15)
    assert "Belfort" in visit.place
    assert _activity(net, "Zitadelle").start == D(2016, 4, 15)
    exchange = net.activities.get(kind=Activity.Kind.EXCHANGE, start__year=2016)
    assert exchange.start <= D(2016, 9, 8) <= exchange.end
    assert {org.short_name for org in exchange.organizations.all()} >= {"EPIDE", "KoBa Harz"}
    forum = _activity(net, "Wirtschaftsforum Harz")
    assert (forum.start.year, forum.start.month) == (2016, 11)


def test_mehrwert_members_funding_and_activities(demo):
    net = demo["MehrWert"]
    districts = _members(net, Membership.Role.MEMBER)
    assert len(districts) == 7
    for name in ("Holzminden", "Hameln-Pyrmont", "Schaumburg", "Nienburg", "Diepholz"):
        assert any(name in district for district in districts)
    assert {"Landkreis Cloppenburg", "Landkreis Vechta"} <= districts
    assert _members(net, Membership.Role.SPONSOR) == {
        "Handwerkskammer Hannover Projekt- und Servicegesellschaft mbH"
    }
    funding = list(net.funding_sources.all())
    assert sum(source.share_percent for source in funding) == Decimal("100")
    bmas = next(source for source in funding if "BMAS" in source.funder)
    assert bmas.share_percent == Decimal("70")
    assert Decimal("900000") < bmas.amount < Decimal("1000000")  # "fast eine Million"
    districts_share = sum(s.share_percent for s in funding if s.organization_id)
    assert districts_share == Decimal("30")
    assert sum(source.amount for source in funding) == net.budget
    assert net.activities.get(kind=Activity.Kind.WORKSHOP, start__year=2022)
    assert net.activities.filter(kind=Activity.Kind.SURVEY).exists()
    titles = " ".join(net.goals.values_list("title", flat=True))
    for word in ("Qualifizierungsbedarf", "Beratungsbüros", "datenbank", "Angebote"):
        assert word in titles


def test_ihk_cooperation(demo):
    net = demo["IHK BS – IHK LG-WOB"]
    agreement = Agreement.objects.get(network=net)
    assert agreement.decided_on == D(2018, 9, 24)
    assert agreement.signed_on is None or agreement.signed_on >= agreement.decided_on
    assert agreement.parties.count() == 2
    titles = set(agreement.goals.values_list("title", flat=True))
    assert len(titles) == 8
    assert any("Back Office" in title for title in titles)
    assert any("Prüferschulungen" in title for title in titles)
    report = net.activities.get(kind=Activity.Kind.REPORT)
    assert (report.start, report.end) == (D(2018, 10, 1), D(2018, 12, 31))
    assert Review.objects.filter(network=net).count() >= 1


def test_ruhr_initiative_and_evening_event(demo):
    net = demo["In|Die RegionRuhr"]
    members = _members(net)
    for name in ("Bochum", "Castrop-Rauxel", "Dortmund", "Hagen", "Herne"):
        assert f"Stadt {name}" in members
    assert {"Ennepe-Ruhr-Kreis", "F. Hesterberg & Söhne"} <= members
    assert any("Ennepe-Ruhr" in name and "Wirtschaftsförderung" in name for name in members)
    assert any("SIHK" in org.short_name for org in Organization.objects.filter(name__in=members))
    event = _activity(net, "Wirtschaft trifft Wirtschaft: Verbundausbildung")
    assert event.start == D(2024, 6, 20) and event.start.weekday() == 3  # a Thursday
    assert (event.start_time, event.end_time) == (datetime.time(17, 30), datetime.time(20, 0))
    assert "Ennepetal" in event.place


def test_every_network_has_upcoming_activities(demo):
    today = timezone.localdate()
    for network in demo.values():
        assert network.activities.filter(start__gte=today).exists(), network


def test_demo_people_are_not_the_seeds_real_people(demo):
    real = {"Gehre", "Prietz", "Weiß", "Hannachi", "Skiebe", "Bouquet", "Meier", "Miesen"}
    real |= {"Frese", "Drees", "Westermann", "Bertrand"}
    assert not Person.objects.filter(last_name__in=real).exists()


def test_load_demo_is_idempotent(demo):
    def snapshot():
        return (
            Network.objects.count(),
            Organization.objects.count(),
            Membership.objects.count(),
            Activity.objects.count(),
            Person.objects.count(),
            Team.objects.count(),
        )

    before = snapshot()
    output = io.StringIO()
    assert load_demo(output) is False
    assert "already" in output.getvalue()
    assert snapshot() == before


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.username)
def test_demo_logins_authenticate_with_their_role_permissions(demo, login):
    user = authenticate(username=login.username, password=DEMO_PASSWORD)
    assert user is not None and user.is_active
    assert user.is_superuser == login.is_superuser
    person = Person.objects.get(user=user)
    assert (person.organization is None) == (login.organization is None)
    held = {perm for team in Team.objects.filter(members=user) for perm in team.permissions}
    assert login.permissions <= held
    for perm in login.permissions & set(PERMISSIONS):
        assert access.has_perm(user, perm), perm
    if not login.is_superuser and "networks.edit" not in login.permissions:
        assert not access.has_perm(user, "networks.edit")


def test_coordinator_may_edit_mehrwert_only(demo):
    user = authenticate(username="koordination", password=DEMO_PASSWORD)
    assert access.has_perm(user, "networks.edit", demo["MehrWert"])
    assert not access.has_perm(user, "networks.edit", demo["IHK BS – IHK LG-WOB"])
    advisor = authenticate(username="kammerberatung", password=DEMO_PASSWORD)
    assert access.has_perm(advisor, "networks.edit", demo["HWK Hannover – CMA Normandie"])


def test_logins_table_lists_every_login():
    table = format_logins_table("http://127.0.0.1:8000/")
    assert "http://127.0.0.1:8000/konto/login/" in table
    for login in DEMO_LOGINS:
        assert login.username in table
    assert len({login.username for login in DEMO_LOGINS}) == len(DEMO_LOGINS)


def test_demo_content_reads_as_real(demo):
    import re

    from verbund.courses.models import Offer

    names = list(Organization.objects.values_list("name", flat=True))
    assert not [name for name in names if "fiktiv" in name or re.search(r"\d{3,}", name)]
    assert not Activity.objects.filter(notes__icontains="demo").exists()
    assert not Organization.objects.filter(description__icontains="demo").exists()
    offers = Offer.objects.all()
    assert offers.count() > 200
    texts = " ".join(offers.values_list("description", flat=True))
    assert "ein Teilnahmebescheinigung" not in texts and "Sie lernen, Schweißnaht" not in texts
    online = offers.filter(format="online").values_list("description", flat=True)
    assert not [text for text in online if "Schulungsr" in text or "Lehrwerkstatt" in text]
    # Beginner courses cost what beginner courses cost.
    beginners = offers.filter(title__icontains="Grundlagen")
    assert beginners and all(offer.price < 1000 for offer in beginners)


def test_demo_offers_are_located_priced_and_numbered_like_real_ones(demo):
    from collections import defaultdict

    from verbund.courses.models import Offer, Run

    # Every run in person has a town (a seed provider without one taught "nowhere").
    in_person = Run.objects.exclude(offer__format="online")
    assert not in_person.filter(city="").exists()
    assert not Run.objects.filter(offer__format="online").exclude(city="").exists()
    # One course does not cost the same at every provider.
    prices = defaultdict(set)
    counts = defaultdict(int)
    for title, price in Offer.objects.values_list("title", "price"):
        prices[title].add(price)
        counts[title] += 1
    widely_offered = [title for title, count in counts.items() if count >= 4]
    # (free courses, e.g. funded German courses, are free everywhere)
    same = [t for t in widely_offered if len(prices[t]) < 2 and prices[t] != {Decimal("0.00")}]
    assert widely_offered and not same, {title: prices[title] for title in same}
    # Catalogue numbers, not developer ids.
    assert not Offer.objects.filter(external_id__startswith="demo-").exists()


def test_demo_has_a_running_and_a_closed_wave_with_rates_below_100(demo):
    from verbund.needs.models import Wave
    from verbund.needs.services.waves import response_rate

    waves = Wave.objects.filter(network=demo["MehrWert"])
    running = [wave for wave in waves if wave.accepts_answers]
    closed = [wave for wave in waves if wave.status == Wave.Status.CLOSED]
    assert running and closed
    for wave in waves:
        assert 0 < response_rate(wave)["rate"] <= 100


def test_demo_offers_carry_fitting_topics(demo):
    from verbund.courses.models import Offer

    ai = Offer.objects.filter(topics__code="kuenstliche-intelligenz")
    assert ai.exists() and all("KI" in o.title or "Intelligenz" in o.title for o in ai)
    assert Offer.objects.filter(title__icontains="Schweiß", topics__code="schweissen").exists()


def test_the_exam_journeys_complete(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from verbund.exams.models import Assignment, Availability, Claim, RateTable

    users = get_user_model().objects
    examiner_user = users.get(username="pruefer")
    client.force_login(examiner_user)
    today = timezone.localdate()
    to_claim = Assignment.objects.filter(
        examiner__person__user=examiner_user, sitting__date__lt=today, claim__isnull=True
    ).first()
    assert to_claim is not None  # a past sitting to claim compensation for
    assert client.get(reverse("exams:claim_create", args=[to_claim.pk])).status_code == 200
    poll = Availability.objects.get(
        examiner__person__user=examiner_user,
        answered_at__isnull=True,
        period__poll_deadline__gt=today,
    )
    assert client.get(reverse("exams:my_availability", args=[poll.period_id])).status_code == 200
    board = to_claim.sitting.board
    assert client.get(reverse("exams:board_detail", args=[board.pk])).status_code == 200
    client.force_login(users.get(username="pruefungswesen"))
    page = client.get(reverse("exams:claim_list"))
    assert page.status_code == 200
    assert Claim.objects.filter(status=Claim.Status.SUBMITTED).exists()
    rate = RateTable.objects.get(chamber=to_claim.sitting.period.chamber, year=today.year)
    assert client.get(reverse("exams:rate_edit", args=[rate.pk])).status_code == 200


def test_exams_demo_plan_is_published_and_a_goal_comparison_waits(demo):
    from verbund.exams.models import Examiner, ExamPeriod, PlanRun, Training
    from verbund.exams.services import pool, tradeoffs
    from verbund.exams.solver.goals import MODES

    period = ExamPeriod.objects.filter(runs__kind=PlanRun.Kind.COMPARE).distinct().get()
    assert period.published_at is not None and not period.unpublished_changes
    compare = period.runs.get(kind=PlanRun.Kind.COMPARE)
    assert compare.status == PlanRun.Status.DONE
    rows = tradeoffs.rows(compare)
    assert [row["mode"] for row in rows] == list(MODES)
    assert all(row["objective"]["unfilled"] == 0 for row in rows)
    # published assignments are kept by every plan: keeping one tells examiners nothing new
    tradeoffs.keep(compare, "travel", compare.created_by)
    period.refresh_from_db()
    assert not period.unpublished_changes
    assert Training.objects.filter(network=period.network).exists()
    assert pool.renewal_due(Examiner.objects.filter(network=period.network))


def test_exam_period_names_fit_their_dates():
    import datetime

    from verbund.exams.demo_journeys import period_name

    # A period in January and February was called "Herbstprüfung" before.
    assert period_name(datetime.date(2027, 1, 15), datetime.date(2027, 2, 14)) == (
        "Winterprüfung 2026/27"
    )
    assert period_name(datetime.date(2026, 10, 2), datetime.date(2026, 11, 11)) == (
        "Herbstprüfung 2026"
    )
    assert period_name(datetime.date(2027, 5, 3), datetime.date(2027, 7, 9)) == "Sommerprüfung 2027"


def test_the_demo_company_sees_offers_for_its_reported_needs(demo):
    from django.contrib.auth import get_user_model

    from verbund.core.services.dashboard import key_figures
    from verbund.needs.models import Need, Wave
    from verbund.needs.services import analysis

    company = Organization.objects.get(name="F. Hesterberg & Söhne")
    needs = Need.objects.filter(response__organization=company)
    wave = needs.first().response.wave
    # Its own network's finished survey, answered before it closed (dated by the load day).
    assert wave.network == demo["In|Die RegionRuhr"] and wave.status == Wave.Status.CLOSED
    assert wave.closes_on < datetime.date.today()
    assert needs.first().response.submitted_at.date() <= wave.closes_on
    user = get_user_model().objects.get(username="betrieb")
    figures = {figure.label: figure for figure in key_figures(user)}
    offers = figures["Angebote zu Ihrem gemeldeten Bedarf"]
    assert offers.value > 0 and "topic=digitalisierung" in offers.url
    assert "Weiterbildungsangebote für Ihren Standort (25 km und online)" not in figures
    # Suppression still protects the small wave: no district cell (three companies or fewer)
    # is shown, the common topics are.
    districts = analysis.by_dimension(wave, "district")
    assert districts["rows"] and all(row["hidden"] for row in districts["rows"])
    topics = {row["key"][0]: row for row in analysis.by_dimension(wave, "topic")["rows"]}
    digital = topics[Topic.objects.get(code="digitalisierung").pk]
    assert not digital["hidden"] and digital["companies"] >= 5


def test_demo_apprentices_have_distinct_names(demo):
    """The company's task list showed "Lena Kowalski" twice: names repeated every 16 apprentices."""
    from verbund.apprenticeship.models import Apprentice

    names = [(a.first_name, a.last_name) for a in Apprentice.objects.all()]
    assert len(names) > 16
    assert len(names) == len(set(names))


def test_demo_membership_by_consent(demo):
    """Issue 24: MehrWert has invited the VHS; the provider answers, the company sees only
    the contracts it is a party to."""
    from django.contrib.auth import get_user_model

    from verbund.apprenticeship.models import Contract
    from verbund.core.services.dashboard import open_tasks
    from verbund.networks.models import Invitation

    users = get_user_model().objects
    invitation = Invitation.objects.get(status=Invitation.Status.PENDING)
    assert invitation.organization.name == "Volkshochschule Hameln-Pyrmont"
    assert not Membership.objects.filter(
        network=invitation.network, organization=invitation.organization
    ).exists()
    provider = users.get(username="anbieter")
    assert any("MehrWert" in task.title for task in open_tasks(provider))
    company = users.get(username="betrieb")
    seen = Contract.objects.visible_to(company)
    assert seen.exists()
    assert all(company.person.organization in contract.parties.all() for contract in seen)
    assert seen.count() < Contract.objects.count()
