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
from verbund.core.models import AuditEntry
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
    "profile": "apprenticeship.Profile",
    "offer_pk": "courses.Offer",
    "invitation_pk": "needs.Invitation",
}
# ``pk`` of function views, by URL name (the object the view looks up).
MODEL_OF_PK = {
    "core:team_list": "core.Organization",
    "core:team_create": "core.Organization",
    "core:team_edit": "core.Organization",
    "core:team_delete": "core.Organization",
    "core:person_export": "core.Person",
    "core:person_erase": "core.Person",
    "core:token_revoke": "core.ApiToken",
    "core:job_detail": "core.Job",
    "core:job_progress": "core.Job",
    "core:job_download": "core.Job",
    "networks:network_calendar": "networks.Network",
    "networks:calendar_feed_revoke": "networks.CalendarFeed",
    "networks:attachment_upload": "networks.Activity",
    "networks:attachment_download": "networks.Attachment",
    "networks:attachment_delete": "networks.Attachment",
    "courses:offer_detail": "courses.Offer",
    "courses:offer_copy": "courses.Offer",
    "courses:offer_archive": "courses.Offer",
    "courses:offer_activate": "courses.Offer",
    "courses:offer_delete": "courses.Offer",
    "courses:run_edit": "courses.Run",
    "courses:run_delete": "courses.Run",
    "courses:synonym_edit": "courses.Synonym",
    "courses:synonym_delete": "courses.Synonym",
    "needs:question_delete": "needs.Question",
    "needs:response_detail": "needs.Response",
    "needs:response_edit": "needs.Response",
    "advice:case_need_create": "advice.Case",
    "advice:recommend": "advice.Case",
    "advice:case_detail": "advice.Case",
    "advice:office_detail": "advice.Office",
    "exams:sitting_assign": "exams.Sitting",
    "exams:run_detail": "exams.PlanRun",
    "exams:run_progress": "exams.PlanRun",
    "exams:run_keep": "exams.PlanRun",
    "exams:assignment_lock": "exams.Assignment",
    "exams:assignment_remove": "exams.Assignment",
    "exams:assignment_decline": "exams.Assignment",
    "exams:examiner_trainings": "exams.Examiner",
    "exams:conflict_delete": "exams.Conflict",
    "exams:board_members": "exams.Board",
    "exams:claim_decide": "exams.Claim",
    "events:attendance": "events.Registration",
    "events:priority": "events.Registration",
    "events:organiser_cancel": "events.Registration",
    "events:profile_detail": "events.Profile",
    "events:b2b_answer": "events.MeetingRequest",
    "events:run_detail": "events.ScheduleRun",
    "events:run_progress": "events.ScheduleRun",
    "economy:extra_question_delete": "economy.ExtraQuestion",
    "economy:panel": "networks.Network",
    "economy:report_detail": "economy.Report",
    "economy:report_publish": "economy.Report",
    "economy:version_detail": "economy.ReportVersion",
    "economy:version_pdf": "economy.ReportVersion",
    "economy:version_xlsx": "economy.ReportVersion",
    "economy:version_press": "economy.ReportVersion",
    "apprenticeship:plan_detail": "apprenticeship.FrameworkPlan",
    "apprenticeship:position_edit": "apprenticeship.PlanPosition",
    "apprenticeship:verbund_detail": "networks.Network",
    "apprenticeship:run_detail": "apprenticeship.RotationRun",
    "apprenticeship:run_progress": "apprenticeship.RotationRun",
    "apprenticeship:stay_edit": "apprenticeship.RotationRun",
    "apprenticeship:run_replan": "apprenticeship.RotationRun",
    "apprenticeship:funding_export": "apprenticeship.RotationRun",
    "apprenticeship:contracts_from_run": "apprenticeship.RotationRun",
    "mobility:run_detail": "mobility.MatchRun",
    "mobility:run_progress": "mobility.MatchRun",
    "mobility:report": "mobility.Partnership",
}
# Other URL parameters that are no ids: one valid value each.
VALUE_OF_PARAMETER = {
    "fmt": "csv",
    "kind": "contract",
    "language": "de",
    "action": "sign",
    "number": 1,
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
}


def _patterns(resolver, namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and namespace in APP_NAMESPACES and pattern.name:
            yield f"{namespace}:{pattern.name}", pattern


def url_cases():
    return sorted({name: pattern for name, pattern in _patterns(get_resolver())}.items())


CASES = [case for case in url_cases() if case[0] not in SKIP]


def _model(label):
    return apps.get_model(label)


def model_for(name: str, pattern: URLPattern, parameter: str):
    if parameter != "pk":
        return _model(MODEL_OF_PARAMETER[parameter])
    if name in MODEL_OF_PK:
        return _model(MODEL_OF_PK[name])
    view = getattr(pattern.callback, "view_class", None)
    if getattr(view, "model", None) is not None:
        return view.model
    app = name.split(":")[0]
    head = name.split(":")[1].rsplit("_", 1)[0].replace("_", "")
    return apps.get_model(app, head)


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


def candidate_objects(name, pattern, limit=6):
    """Objects for the URL's id parameters: the first few rows of the main model, each
    with the related objects its other parameters name (a team of the organization)."""
    ids = [p for p in parameters(pattern) if p not in VALUE_OF_PARAMETER]
    if not ids:
        return [{}]
    main = "pk" if "pk" in ids else ids[0]
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


def users_for(name):
    """The demo roles, those holding permissions of the URL's app first."""
    app = name.split(":")[0] + "."
    users = demo_users()

    def own_perms(user):
        from verbund.core.services import access

        access.forget(user)
        grants = access._grants(user)
        perms = set().union(*grants.by_organization.values(), *grants.by_network.values())
        return not any(perm.startswith(app) for perm in perms)

    return sorted(users, key=own_perms)


@pytest.mark.parametrize("name,pattern", CASES, ids=[case[0] for case in CASES])
def test_view(client, demo, name, pattern):
    outsider = factories.user("aussenstehend")
    superuser = get_user_model().objects.get(username="admin")
    choices = candidate_objects(name, pattern)
    assert choices, f"{name}: no demo object for its URL; add it to the registries above"

    # Find an object and a role that opens the page (the superuser last).
    permitted = url = None
    for objects in choices[:3]:
        url = reverse(name, kwargs=kwargs_for(name, pattern, objects))
        for user in [*users_for(name), superuser]:
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
            _post(client, url, post_data(form))

    # The same role on an object it cannot see: not served, not written.
    main = next((p for p in ("pk", *parameters(pattern)) if p in parameters(pattern)), None)
    if main is None or main in VALUE_OF_PARAMETER or permitted.is_superuser:
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
        if objects[next(p for p in ("pk", *parameters(pattern)) if p in objects)].pk in ids
    ][:1]
