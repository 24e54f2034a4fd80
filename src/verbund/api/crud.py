"""What every resource handler needs: scoped lookups, references, ordering, pagination, saving.

Scoping follows the UI exactly: reads go through ``Model.objects.visible_to(user)``,
writes through ``Model.objects.with_perm(user, perm)``. An object the user may not see
is 404 (its existence is not revealed); one they see but may not change is 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from verbund.api.errors import Conflict, django_errors, is_unique_violation
from verbund.core.services.editing import save_changes

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_OFFSET = 10**9  # PostgreSQL's OFFSET is a bigint; nobody pages past a billion rows


class Pagination(LimitOffsetPagination):
    """``?limit=&offset=``; the answer is ``{"items": [...], "count": <all matches>}``."""

    class Input(Schema):
        limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def user_of(request):
    return request.auth


def visible_or_404(model, request, pk, queryset=None):
    base = queryset if queryset is not None else model.objects.all()
    return get_object_or_404(base.visible_to(user_of(request)), pk=pk)


def can(model, request, perm, obj) -> bool:
    return model.objects.with_perm(user_of(request), perm).filter(pk=obj.pk).exists()


def editable_or_403(model, request, perm, pk, queryset=None):
    """The object for a change: 404 if not visible, 403 if visible but not editable."""
    obj = visible_or_404(model, request, pk, queryset)
    if not can(model, request, perm, obj):
        raise PermissionDenied(perm)
    return obj


def require_any(request, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def resolve_references(request, data: dict, references: dict) -> dict:
    """Turn the ids in ``data`` into objects the user may see, or fail per field (422).

    ``references`` maps a field name to its model; a list value is a many-to-many field.
    """
    user = user_of(request)
    resolved = dict(data)
    errors: dict[str, list[str]] = {}
    for name, model in references.items():
        if name not in data or data[name] is None:
            continue
        wanted = data[name] if isinstance(data[name], list) else [data[name]]
        found = {obj.pk: obj for obj in model.objects.visible_to(user).filter(pk__in=wanted)}
        missing = [pk for pk in wanted if pk not in found]
        if missing:
            errors[name] = [
                _("Unbekannte ID: %(ids)s") % {"ids": ", ".join(str(pk) for pk in missing)}
            ]
            continue
        resolved[name] = (
            [found[pk] for pk in wanted] if isinstance(data[name], list) else found[data[name]]
        )
    if errors:
        raise ValidationError(errors)
    return resolved


def apply_ordering(queryset, ordering: str | None, allowed: tuple[str, ...]):
    """``?ordering=name,-start``: only the listed fields, else 422."""
    if not ordering:
        return queryset
    keys = [key.strip() for key in ordering.split(",") if key.strip()]
    bad = [key for key in keys if key.lstrip("-") not in allowed]
    if bad:
        raise ValidationError(
            {
                "ordering": [
                    _("Unbekanntes Sortierfeld: %(bad)s. Erlaubt: %(allowed)s")
                    % {"bad": ", ".join(bad), "allowed": ", ".join(allowed)}
                ]
            }
        )
    return queryset.order_by(*keys, "pk")


def save(instance: models.Model, data: dict, request, action_prefix: str):
    """Validate, save and audit through save_changes; a uniqueness failure becomes 409."""
    try:
        return save_changes(
            instance, data, user_of(request), action_prefix, extra_audit={"via": "api"}
        )
    except ValidationError as exc:
        if is_unique_violation(exc):
            raise Conflict(django_errors(exc)) from exc
        raise
    except IntegrityError as exc:
        raise Conflict() from exc
