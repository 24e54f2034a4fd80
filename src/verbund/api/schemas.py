"""Base classes shared by every app's API schemas."""

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    """Request bodies: an unknown field is an error (catches typos), never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ListFilter(Schema):
    """Query parameters every list accepts besides ``limit``/``offset``."""

    q: str | None = None
    ordering: str | None = None
