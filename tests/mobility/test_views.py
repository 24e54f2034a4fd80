"""Every mobility page as anonymous, signed in without permission, permitted, and on
another partnership's object (NetBox-style)."""

import re

import pytest
from django.urls import reverse


def url(name, key=None, *extra):
    return lambda w: reverse(f"mobility:{name}", args=([key(w)] if key else []) + list(extra))


# name, url from a partnership, expected (anonymous, outsider, permitted, other's object)
PAGES = [
    ("index", url("index"), (302, 200, 200, None)),
    ("project_create", url("project_create"), (302, 403, 200, None)),
    ("project_detail", url("project_detail", lambda w: w.project.pk), (302, 404, 200, 404)),
    ("project_edit", url("project_edit", lambda w: w.project.pk), (302, 404, 200, 404)),
    ("project_budget", url("project_budget", lambda w: w.project.pk), (302, 404, 200, 404)),
    ("export_csv", url("project_export", lambda w: w.project.pk, "csv"), (302, 404, 200, 404)),
    ("export_xlsx", url("project_export", lambda w: w.project.pk, "xlsx"), (302, 404, 200, 404)),
    ("application_create", url("application_create", lambda w: w.project.pk), (302, 404, 200, 404)),
    ("stay_create", url("stay_create", lambda w: w.project.pk), (302, 404, 200, 404)),
    (
        "application_detail",
        url("application_detail", lambda w: w.application.pk),
        (302, 404, 200, 404),
    ),
    ("run_detail", url("run_detail", lambda w: w.run.pk), (302, 404, 200, 404)),
    ("run_progress", url("run_progress", lambda w: w.run.pk), (302, 404, 200, 404)),
    ("placement_list", url("placement_list"), (302, 200, 200, None)),
    ("placement_create", url("placement_create"), (302, 403, 200, None)),
    ("placement_detail", url("placement_detail", lambda w: w.placement.pk), (302, 404, 200, 404)),
    ("placement_edit", url("placement_edit", lambda w: w.placement.pk), (302, 404, 200, 404)),
    ("stay_detail", url("stay_detail", lambda w: w.stay.pk), (302, 404, 200, 404)),
    (
        "learning_agreement_pdf",
        url("stay_document", lambda w: w.stay.pk, "learning-agreement", "fr"),
        (302, 404, 200, 404),
    ),
    (
        "certificate_pdf",
        url("stay_document", lambda w: w.stay.pk, "certificate", "en"),
        (302, 404, 200, 404),
    ),
    (
        "grant_statement_pdf",
        url("stay_document", lambda w: w.stay.pk, "grant-statement", "de"),
        (302, 404, 200, 404),
    ),
    ("agreement_create", url("agreement_create", lambda w: w.stay.pk), (302, 404, 200, 404)),
    ("agreement_edit", url("agreement_edit", lambda w: w.agreement.pk), (302, 404, 200, 404)),
    ("agreement_detail", url("agreement_detail", lambda w: w.agreement.pk), (302, 404, 302, 404)),
    ("exchange_list", url("exchange_list"), (302, 200, 200, None)),
    ("exchange_detail", url("exchange_detail", lambda w: w.exchange.pk), (302, 404, 200, 404)),
    ("exchange_create", url("exchange_create"), (302, 403, 200, None)),
    ("exchange_edit", url("exchange_edit", lambda w: w.exchange.pk), (302, 404, 200, 404)),
    ("report", url("report", lambda w: w.network.pk), (302, 404, 200, 404)),
    ("rate_tables", url("rate_tables"), (302, 200, 200, None)),
]


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[page[0] for page in PAGES])
def test_page_permissions(client, world, planner, outsider, name, url, expected):
    anonymous, without, permitted, other = expected
    response = client.get(url(world["a"]))
    assert response.status_code == anonymous
    assert reverse("login") in response["Location"]
    client.force_login(outsider)
    assert client.get(url(world["a"])).status_code == without
    client.force_login(planner)
    response = client.get(url(world["a"]))
    assert response.status_code == permitted
    if response["Content-Type"].startswith("text/html"):
        found = set(re.findall(rb"INVALID_TEMPLATE_VARIABLE\(([^)]*)\)", response.content))
        assert found <= {b"query"}
    if other is not None:
        assert client.get(url(world["c"])).status_code == other


# The member works at the chamber without a mobility permission: the project is visible to
# them (403 on actions), applications and stays are personal data and invisible (404).
POSTS = [
    ("match_start", lambda w: reverse("mobility:match_start", args=[w.project.pk]), 403),
    ("consent", lambda w: reverse("mobility:application_consent", args=[w.application.pk]), 404),
    ("approve", lambda w: reverse("mobility:application_approve", args=[w.application.pk]), 404),
    ("recompute", lambda w: reverse("mobility:stay_recompute", args=[w.stay.pk]), 404),
    ("payment", lambda w: reverse("mobility:payment_create", args=[w.stay.pk]), 404),
    ("day_add", lambda w: reverse("mobility:exchange_day_add", args=[w.exchange.pk]), 403),
    (
        "participant_add",
        lambda w: reverse("mobility:exchange_participant_add", args=[w.exchange.pk]),
        403,
    ),
    (
        "propose",
        lambda w: reverse("mobility:agreement_action", args=[w.agreement.pk, "propose"]),
        404,
    ),
]


@pytest.mark.parametrize("name,url,for_member", POSTS, ids=[p[0] for p in POSTS])
def test_actions_need_plan_permission(
    client, world, planner, member, outsider, name, url, for_member
):
    data = {"date": "2027-03-01", "amount": "100"}
    assert client.post(url(world["a"]), data).status_code == 302
    client.force_login(outsider)
    assert client.post(url(world["a"]), data).status_code == 404
    client.force_login(member)
    assert client.post(url(world["a"]), data).status_code == for_member
    client.force_login(planner)
    assert client.post(url(world["c"]), data).status_code == 404
    assert client.post(url(world["a"]), data).status_code == 302


def test_unknown_document_and_export_format_are_404(client, world, planner):
    client.force_login(planner)
    stay = world["a"].stay
    assert (
        client.get(reverse("mobility:stay_document", args=[stay.pk, "passport", "de"])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("mobility:stay_document", args=[stay.pk, "certificate", "xx"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("mobility:project_export", args=[world["a"].project.pk, "pdf"])
        ).status_code
        == 404
    )
