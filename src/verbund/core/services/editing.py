"""Create and update domain objects the same way from forms, the API and commands.

``save_changes`` validates, writes and records the audit entry in one transaction, so a
change is never stored without its log line, and an invalid value is never stored at all.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from verbund.core.services import audit, unique_messages


def _current(instance, name):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return sorted(instance.pk and getattr(instance, name).values_list("pk", flat=True) or [])
    return getattr(instance, field.attname)


def _stored(instance):
    """The row as it is in the database (forms may already have changed ``instance``)."""
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def save_changes(
    instance: models.Model, data: dict, user, action_prefix: str, *, extra_audit: dict | None = None
):
    """Apply ``data`` (field name -> value) to ``instance``, validate, save, audit.

    ``action_prefix`` is the dotted model code (``networks.network``); ``.created`` or
    ``.changed`` is appended. Many-to-many values are lists of objects or primary keys.
    Raises ``django.core.exceptions.ValidationError`` and stores nothing on bad data.
    """
    stored = _stored(instance)
    creating = stored is None
    many = {
        name: value for name, value in data.items() if instance._meta.get_field(name).many_to_many
    }
    empty = [name for name, value in many.items() if value is None]
    if empty:  # "regions": null in a PATCH means nothing; an empty list clears
        raise ValidationError({name: [_("Bitte eine Liste angeben.")] for name in empty})
    changes = {}
    for name, value in data.items():
        if name in many:
            continue
        field = instance._meta.get_field(name)
        old = None if creating else _current(stored, name)
        setattr(instance, name, value)
        new = getattr(instance, field.attname)
        if creating or old != new:
            changes[name] = (old, new)
    check_integer_ranges(instance)
    try:
        instance.full_clean(exclude=list(many))
    except ValidationError as error:
        raise unique_messages.rephrase(error, instance) from None
    try:
        return _write(instance, many, changes, creating, user, action_prefix, extra_audit)
    except IntegrityError as error:
        # full_clean checked uniqueness, but an equal row can land between the check and
        # the write (two submits at once): a clear validation error, never a 500.
        raise ValidationError(
            _("Ein gleicher Eintrag wurde eben gespeichert. Bitte die Seite neu laden."),
            code="unique",
        ) from error


# The ranges PostgreSQL enforces, applied on SQLite too (which stores 2**61 seats happily
# and then breaks every later calculation with it).
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def check_integer_ranges(instance: models.Model) -> None:
    """Every integer field within the range of its column type on PostgreSQL."""
    errors = {}
    for field in instance._meta.concrete_fields:
        limits = _INTEGER_RANGES.get(field.get_internal_type())
        value = getattr(instance, field.attname, None)
        if limits is None or field.is_relation or not isinstance(value, int):
            continue
        low, high = limits
        if not low <= value <= high:
            errors[field.name] = [
                _("Der Wert muss zwischen %(low)s und %(high)s liegen.")
                % {"low": low, "high": high}
            ]
    if errors:
        raise ValidationError(errors)


def _write(instance, many, changes, creating, user, action_prefix, extra_audit):
    with transaction.atomic():
        instance.save()
        for name, values in many.items():
            old = [] if creating else _current(instance, name)
            getattr(instance, name).set(values)
            new = _current(instance, name)
            if old != new:
                changes[name] = (old, new)
        action = f"{action_prefix}.{'created' if creating else 'changed'}"
        if creating or changes:
            audit.record(instance, action, user=user, changes=changes, data=extra_audit)
    return instance


def delete_object(instance: models.Model, user, action_prefix: str):
    """Delete with an audit entry (kept after the object is gone)."""
    with transaction.atomic():
        audit.record(instance, f"{action_prefix}.deleted", user=user)
        instance.delete()
