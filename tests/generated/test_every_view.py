"""Every view from the URL list, NetBox-style, on the demo: GET and POST (valid data read
from the form the page renders) as anonymous, as a signed-in user without any permission,
as a role that may open the page, and on an object that role cannot see. A 500 fails.

Nothing here lists views by hand: a new URL is a new test case. What cannot be read from
the URL or the page is in the small registries below (which model an id names, data a
form needs, posts that start long work).
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.generated.conftest import demo_users
from tests.generated.forms import main_form, post_data
from verbund.core.models import AuditEntry, Team
from verbund.core.querysets import ScopedQuerySet

APP_NAMESPACES = {
    "core",
    "networks",
    "courses",
    "needs",
    "advice",
    "exams",
    "events",
    "economy",
    "apprenticeship",
    "mobility",
    "funding",
}

# Which model an id in the URL names, when the parameter's name does not say it
# (``pk`` of a class-based view is its ``model``; otherwise the URL name is tried).
MODEL_OF_PARAMETER = {
    "network": "networks.Network",
    "organization": "core.Organization",
    "provider_pk": "core.Organization",
    "team_pk": "core.Team",
    "office": "advice.Office",
    "period": "exams.ExamPeriod",
    "examiner": "exams.Examiner",
    "assignment": "exams.Assignment",
    "availability_pk": "exams.Availability",
    "project": "mobility.MobilityProject",
    "stay": "mobility.Stay",
    "profile": "apprenticeship.TrainingProfile",
    "offer_pk": "courses.Offer",
    "invitation_pk": "needs.Invitation",
    "plan": "funding.FinancingPlan",
}
# ``pk`` by the path segment before it (``bedarf/wellen/<int:pk>/...`` is a needs wave).
MODEL_OF_SEGMENT = {
    "organisationen": "core.Organization",
    "personen": "core.Person",
    "api-tokens": "core.ApiToken",
    "auftraege": "core.Job",
    "netzwerke": "networks.Network",
    "abos": "networks.CalendarFeed",
    "aktivitaeten": "networks.Activity",
    "anhaenge": "networks.Attachment",
    "bilanzen": "networks.Review",
    "finanzierung": "networks.FundingSource",
    "mitglieder": "networks.Membership",
    "vereinbarungen": "networks.Agreement",
    "ziele": "networks.Goal",
    "angebote": "courses.Offer",
    "synonyme": "courses.Synonym",
    "termine": "courses.Run",
    "wellen": "needs.Wave",
    "antworten": "needs.Response",
    "fragen": "needs.CustomQuestion",
    "bueros": "advice.Office",
    "faelle": "advice.Case",
    "zeitraeume": "exams.ExamPeriod",
    "ausschuesse": "exams.Board",
    "befangenheiten": "exams.Conflict",
    "einsaetze": "exams.Assignment",
    "pruefer": "exams.Examiner",
    "saetze": "exams.RateTable",
    "antraege": "exams.Claim",
    "veranstaltungen": "events.Event",
    "anmeldungen": "events.Registration",
    "profile": "events.Profile",
    "anfragen": "events.MeetingRequest",
    "berichte": "economy.Report",
    "fassungen": "economy.ReportVersion",
    "zusatzfragen": "economy.ExtraQuestion",
    "berufe": "apprenticeship.FrameworkPlan",
    "positionen": "apprenticeship.PlanPosition",
    "ausbilder": "apprenticeship.Trainer",
    "stationen": "apprenticeship.Station",
    "verbund": "networks.Network",
    "rotation": "apprenticeship.RotationRun",
    "vertraege": "apprenticeship.Contract",
    "projekte": "mobility.MobilityProject",
    "aufenthalte": "mobility.Stay",
    "austausche": "mobility.Exchange",
    "bewerbungen": "mobility.Application",
    "lernvereinbarungen": "mobility.LearningAgreement",
    "partnerschaften": "networks.Network",
    "plaetze": "mobility.Placement",
}
# The same segment names another model in some apps.
MODEL_OF_APP_SEGMENT = {
    ("exams", "termine"): "exams.Sitting",
    ("exams", "laeufe"): "exams.PlanRun",
    ("events", "laeufe"): "events.ScheduleRun",
    ("mobility", "laeufe"): "mobility.MatchRun",
    ("economy", "wellen"): "economy.Wave",
    ("economy", "netzwerke"): "networks.Network",
    ("apprenticeship", "profile"): "apprenticeship.TrainingProfile",
    ("apprenticeship", "anfragen"): "apprenticeship.PartnerRequest",
    ("exams", "saetze"): "exams.RateTable",
    ("networks", "einladungen"): "networks.Invitation",
    ("economy", "einladungen"): "economy.Invitation",
    ("funding", "foerderung"): "funding.FinancingPlan",
    ("funding", "positionen"): "funding.BudgetLine",
    ("funding", "belege"): "funding.Receipt",
    ("funding", "kofinanzierer"): "funding.Cofunder",
    ("funding", "mittelabrufe"): "funding.FundsCall",
    ("funding", "sachberichte"): "funding.ProgressReport",
}
# Models the demo has no row of: their pages are requested with a missing id.
NOT_IN_DEMO = {
    "Attachment",
    "CalendarFeed",
    "ApiToken",
    "Job",
    "Synonym",
    "MatchRun",
    "CustomQuestion",
}
# Other URL parameters that are no ids: one valid value each.
VALUE_OF_PARAMETER = {
    "fmt": "csv",
    "kind": "contract",
    "language": "de",
    "action": "sign",
    "number": 1,
    "key": "impressum",
}
# Pages reached by a secret link (tokens), the accounts machinery of Django and the
# language switch: their own tests cover them (tests/security, tests/<app>).
SKIP = {
    "needs:survey",
    "economy:survey",
    "exams:availability",
    "events:registration_manage",
    "events:registration_action",
    "networks:feed_ics",
}
# Posts that start long work or mail many people: the GET is generated, the POST is
# covered by the app's own tests (jobs run at once in tests, a solve takes seconds).
NO_POST = {
    "exams:run_start",
    "exams:poll_open",
    "events:b2b_schedule",
    "mobility:match_start",
    "apprenticeship:run_replan",
    "needs:gaps_refresh",
    "needs:invitations_send",
    "needs:reminders_send",
    "economy:send_invitations",
    "economy:send_reminders",
    "courses:search_index",
}
# Pages any signed-in person may post to for themselves (an API token, a calendar feed,
# joining a B2B meeting): the outsider's post may write there.
ANYONE_MAY_POST = {
    "core:token_list",
    "networks:calendar_feeds",
    "events:b2b_join",
}


ROUTES: dict[str, str] = {}  # URL name -> the whole route ("bedarf/wellen/<int:pk>/")


def _first_day(period):
    return {"date": period.start.isoformat()}


# Valid data the page cannot tell (a date inside the exam period), by URL name:
# ``function(objects of the URL) -> fields``.
VALID_DATA = {
    "exams:sitting_create": lambda objects: _first_day(objects["period"]),
}


def _patterns(resolver, namespace=None, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and namespace in APP_NAMESPACES and pattern.name:
            ROUTES[f"{namespace}:{pattern.name}"] = prefix + str(pattern.pattern)
            yield f"{namespace}:{pattern.name}", pattern


def url_cases():
    return sorted(dict(_patterns(get_resolver())).items())


CASES = [case for case in url_cases() if case[0] not in SKIP]


def _model(label):
    return apps.get_model(label)


def model_for(name: str, pattern: URLPattern, parameter: str):
    if parameter != "pk":
        return _model(MODEL_OF_PARAMETER[parameter])
    view = getattr(pattern.callback, "view_class", None)
    if getattr(view, "model", None) is not None and "pk" in str(pattern.pattern):
        return view.model
    app = name.split(":")[0]
    segment = ROUTES[name].split("<int:pk>")[0].rstrip("/").rsplit("/", 1)[-1]
    return _model(MODEL_OF_APP_SEGMENT.get((app, segment)) or MODEL_OF_SEGMENT[segment])


def parameters(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.converters)


def kwargs_for(name, pattern, objects: dict) -> dict:
    kwargs = {}
    for parameter in parameters(pattern):
        if parameter in VALUE_OF_PARAMETER:
            kwargs[parameter] = VALUE_OF_PARAMETER[parameter]
        else:
            kwargs[parameter] = objects[parameter].pk
    return kwargs


class _Missing:
    pk = 999_999_999


def _ids(pattern) -> list[str]:
    return [p for p in parameters(pattern) if p not in VALUE_OF_PARAMETER]


def _main(pattern) -> str | None:
    ids = _ids(pattern)
    return ("pk" if "pk" in ids else ids[0]) if ids else None


def candidate_objects(name, pattern, limit=6):
    """Objects for the URL's id parameters: the first few rows of the main model, each
    with the related objects its other parameters name (a team of the organization)."""
    ids = _ids(pattern)
    if not ids:
        return [{}]
    main = _main(pattern)
    model = model_for(name, pattern, main)
    found = []
    for obj in model._default_manager.order_by("pk")[:200]:
        objects = {main: obj}
        for other in ids:
            if other == main:
                continue
            other_model = model_for(name, pattern, other)
            related = [
                getattr(obj, f.name, None)
                for f in model._meta.get_fields()
                if getattr(f, "related_model", None) is other_model and f.concrete
            ]
            if related and related[0] is not None:
                objects[other] = related[0]
            else:
                child = next(
                    (
                        f
                        for f in other_model._meta.get_fields()
                        if getattr(f, "related_model", None) is model and f.concrete
                    ),
                    None,
                )
                row = (
                    other_model._default_manager.filter(**{child.name: obj}).first()
                    if child
                    else None
                )
                if row is None:
                    break
                objects[other] = row
        else:
            found.append(objects)
        if len(found) >= limit:
            break
    return found


def _writes():
    return AuditEntry.objects.count()


def _get(client, url):
    response = client.get(url)
    assert response.status_code != 500, url
    return response


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code != 500, (url, data)
    return response


def _permissions(user) -> set[str]:
    return {
        perm
        for perms in Team.objects.filter(members=user).values_list("permissions", flat=True)
        for perm in perms
    }


def users_for(name):
    """The demo roles holding a permission of the URL's app (core: any role), then the
    superuser, who opens what no role does (a page bound to a state the demo lacks)."""
    app = name.split(":")[0]
    superuser = get_user_model().objects.get(username="admin")
    users = demo_users()
    if app == "core":
        return [*users[:3], superuser]
    holding = [
        user for user in users if any(perm.startswith(app + ".") for perm in _permissions(user))
    ]
    return [*holding, superuser]


@pytest.mark.parametrize("name,pattern", CASES, ids=[case[0] for case in CASES])
def test_view(client, demo, name, pattern):
    outsider = factories.user("aussenstehend")
    choices = candidate_objects(name, pattern)
    if not choices:
        # The demo has no such object: every role gets a clean 404 for a missing one.
        assert model_for(name, pattern, _main(pattern)).__name__ in NOT_IN_DEMO, (
            f"{name}: no demo object for its URL; add it to the registries above"
        )
        choices = [dict.fromkeys(_ids(pattern), _Missing())]

    # Find an object and a role that opens the page (the superuser last).
    permitted = url = None
    for objects in choices[:3]:
        url = reverse(name, kwargs=kwargs_for(name, pattern, objects))
        for user in users_for(name):
            client.force_login(user)
            if _get(client, url).status_code == 200:
                permitted = user
                break
        if permitted:
            break
    client.logout()

    # Anonymous and the outsider: never a 500, never a write by their posts.
    anonymous_get = _get(client, url)
    before = _writes()
    if name not in NO_POST:
        _post(client, url, {})
    assert _writes() == before, f"{name}: an anonymous post wrote"
    client.force_login(outsider)
    outsider_get = _get(client, url)
    if name not in NO_POST and name not in ANYONE_MAY_POST:
        form_data = {}
        if permitted and outsider_get.status_code == 200 and "html" in outsider_get["Content-Type"]:
            form = main_form(outsider_get.content.decode(), url)
            form_data = post_data(form) if form else {}
        before = _writes()
        _post(client, url, form_data)
        if anonymous_get.status_code != 200:
            assert _writes() == before, f"{name}: a post without permission wrote"

    if permitted is None:
        return  # no role opens it in the demo's state (a state-bound page): no 500 above

    # The permitted role: GET, then POST of the form the page renders.
    client.force_login(permitted)
    response = _get(client, url)
    if name not in NO_POST and "html" in response["Content-Type"]:
        form = main_form(response.content.decode(), url)
        if form is not None:
            data = post_data(form)
            data.update(VALID_DATA.get(name, lambda objects: {})(objects))
            _post(client, url, data)

    # The same role on an object it cannot see: not served, not written.
    main = _main(pattern)
    if main is None or permitted.is_superuser:
        return
    model = model_for(name, pattern, main)
    if not isinstance(model._default_manager.all(), ScopedQuerySet):
        return
    hidden = model._default_manager.exclude(
        pk__in=model._default_manager.visible_to(permitted).values("pk")
    )
    for objects in candidate_objects_from(name, pattern, hidden):
        other_url = reverse(name, kwargs=kwargs_for(name, pattern, objects))
        assert _get(client, other_url).status_code in (302, 403, 404), other_url
        before = _writes()
        if name not in NO_POST:
            assert _post(client, other_url, {}).status_code in (302, 403, 404, 405)
        assert _writes() == before, f"{name}: a post on an invisible object wrote"
        break


def candidate_objects_from(name, pattern, queryset):
    ids = {obj.pk for obj in queryset[:50]}
    return [
        objects
        for objects in candidate_objects(name, pattern, limit=200)
        if objects[_main(pattern)].pk in ids
    ][:1]
