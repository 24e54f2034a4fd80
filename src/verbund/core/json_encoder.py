"""The one JSON encoder for everything stored as JSON (audit log, results, settings).

``encoder=JSONEncoder`` on every ``models.JSONField``: values typed into forms (a time,
a date, an amount, a UUID) never end a save with "not JSON serializable". Based on
Django's encoder (ISO dates and times, decimals and UUIDs as strings), plus model
instances as their text, sets as lists and uploaded files as their stored name.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile


class JSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, models.Model):
            return str(o)
        if isinstance(o, FieldFile):  # a form's file field in an audit entry
            return o.name or ""
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        return super().default(o)
