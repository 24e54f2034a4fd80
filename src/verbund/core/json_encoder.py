"""The one JSON encoder for everything stored as JSON (audit log, results, settings).

``encoder=JSONEncoder`` on every ``models.JSONField``: values typed into forms (a time,
a date, an amount, a UUID) never end a save with "not JSON serializable". Based on
Django's encoder (ISO dates and times, decimals and UUIDs as strings), plus model
instances as their text and sets as lists.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class JSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, models.Model):
            return str(o)
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        return super().default(o)
