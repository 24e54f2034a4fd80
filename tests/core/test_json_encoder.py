"""One JSON encoder for everything stored as JSON: times, dates, amounts and UUIDs typed
into a form never end a save with a 500 ("Object of type time is not JSON serializable")."""

import datetime
import uuid
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.urls import reverse

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import AuditEntry
from verbund.core.services import audit
from verbund.networks.models import Activity

# The job records belong to the run executor's work (core.job_models), not to this check.
OUTSIDE = {"verbund.core.job_models"}


def test_every_stored_json_field_uses_the_one_encoder():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("verbund.") and model.__module__ not in OUTSIDE
        for field in model._meta.get_fields()
        if isinstance(field, models.JSONField)
        and not (field.encoder and issubclass(field.encoder, JSONEncoder))
    ]
    assert missing == []


def test_the_audit_log_stores_times_dates_amounts_and_uuids(org_a):
    key = uuid.uuid4()
    entry = audit.record(
        org_a,
        "core.organization.changed",
        changes={"start_time": [None, datetime.time(9, 30)], "fee": [Decimal("1.5"), None]},
        data={"at": datetime.time(10, 0), "id": key, "day": datetime.date(2026, 3, 1)},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.changes == {"start_time": [None, "09:30:00"], "fee": ["1.5", None]}
    assert entry.data == {"at": "10:00:00", "id": str(key), "day": "2026-03-01"}


def test_a_network_activity_with_a_start_time_is_saved(client, coordinator_a, network_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:activity_create", args=[network_a.pk]),
        {
            "kind": "meeting",
            "title": "Lenkungskreis",
            "start": "2027-02-03",
            "start_time": "09:30",
            "end_time": "11:00",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Lenkungskreis")
    assert activity.start_time == datetime.time(9, 30)
    entry = AuditEntry.objects.get(action="networks.activity.created")
    assert entry.changes["start_time"][1] == "09:30:00"


def test_an_uploaded_file_is_stored_as_its_name():
    """A plan form with its notice file ended in a 500 in the audit entry (generated test)."""
    import json

    from django.db.models.fields.files import FieldFile

    from verbund.core.json_encoder import JSONEncoder as Encoder
    from verbund.funding.models import FinancingPlan

    stored = FieldFile(FinancingPlan(), FinancingPlan._meta.get_field("notice_file"), "a/b.pdf")
    assert json.loads(json.dumps({"file": stored}, cls=Encoder)) == {"file": "a/b.pdf"}
