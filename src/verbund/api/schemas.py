"""Base classes shared by every app's API schemas."""

import datetime
import enum

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, field_validator

from verbund.core.services.params import MAX_ID


def _bounded(value):
    """Numbers no database column can hold, and times with a zone, are input errors.

    SQLite raises OverflowError past 2**63 - 1 and cannot store a time with an offset
    ("10:00+02:00"); both used to end in a 500. Field-specific ranges (seats, hours)
    are checked when the object is saved (``editing.check_integer_ranges``).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
        raise ValueError(_("Die Zahl ist zu groß."))
    if isinstance(value, datetime.time) and value.tzinfo is not None:
        raise ValueError(_("Bitte eine Uhrzeit ohne Zeitzone angeben (Ortszeit)."))
    if isinstance(value, list | tuple):
        for item in value:
            _bounded(item)
    return value


class InputSchema(Schema):
    """Request bodies: an unknown field is an error (catches typos), never silently dropped."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value):
        return _bounded(value)


class ListFilter(Schema):
    """Query parameters every list accepts besides ``limit``/``offset``."""

    q: str | None = None
    ordering: str | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value):
        return _bounded(value)


def named_choices(choices, name: str) -> type[enum.StrEnum]:
    """``choices`` (a TextChoices) as an enum of its own ``name`` in the OpenAPI spec.

    Pydantic names an enum component after the class, so ``Region.Kind``,
    ``Organization.Kind``, ``Network.Kind`` and ``Activity.Kind`` all became one "Kind"
    and every response failed its own schema. A StrEnum with the same members and values
    (equal to the plain strings the models store) keeps them apart.
    """
    return enum.StrEnum(name, [(member.name, member.value) for member in choices])
