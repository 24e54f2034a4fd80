"""Audit log: every change of domain data is recorded with a dotted action code."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models

from verbund.core.models import AuditEntry


def _plain(value):
    """A readable rendering of a field value for the change record (stored with the one
    JSON encoder, ``verbund.core.json_encoder``, which handles whatever else comes)."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    return value


def record(obj, action: str, user=None, changes: dict | None = None, data: dict | None = None):
    """Write one audit entry for ``obj``. ``changes`` maps field name to ``[old, new]``."""
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes={name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()},
        data=data or {},
    )


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("user")
