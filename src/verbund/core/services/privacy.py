"""Export everything stored about a person, and erase it (anonymise where records must stay)."""

import datetime
import decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from verbund.core.personal_data import PERSONAL_FIELD_NAMES, NoPersonalData, PersonalData
from verbund.core.services import audit

ERASED_NAME = "Gelöscht"


def holds_personal_data(model) -> bool:
    """Does a model refer to people/users or store typical personal fields?"""
    from verbund.core.models import Person

    user_model = get_user_model()
    for model_field in model._meta.get_fields():
        if model_field.auto_created and not model_field.concrete:
            continue
        related = getattr(model_field, "related_model", None)
        if related in (Person, user_model):
            return True
        if model_field.name in PERSONAL_FIELD_NAMES:
            return True
    return False


def policies():
    """Every (model, PersonalData) pair of the project's apps."""
    for model in apps.get_models():
        policy = getattr(model, "PERSONAL_DATA", None)
        if isinstance(policy, PersonalData):
            yield model, policy


def undeclared_models() -> list[str]:
    """Models of verbund apps with personal data but no declared policy."""
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("verbund."):
            continue
        if isinstance(getattr(model, "PERSONAL_DATA", None), PersonalData | NoPersonalData):
            continue
        if holds_personal_data(model):
            missing.append(model._meta.label)
    return missing


def _rows(model, policy: PersonalData, person):
    query = models.Q(pk__in=[])
    if policy.person_lookup is not None:
        query |= (
            models.Q(pk=person.pk)
            if policy.person_lookup == ""
            else models.Q(**{policy.person_lookup: person})
        )
    if policy.user_lookup and person.user_id:
        query |= models.Q(**{policy.user_lookup: person.user_id})
    return model._default_manager.filter(query).distinct()


def _json(value):
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return value.isoformat() if not isinstance(value, decimal.Decimal) else str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def export_person(person) -> dict:
    """All stored data about ``person`` as a JSON-ready dict, grouped by model."""
    records: dict[str, list[dict]] = {}
    for model, policy in policies():
        rows = [
            {"id": row.pk, **{name: _json(getattr(row, name)) for name in policy.fields}}
            for row in _rows(model, policy, person)
        ]
        if rows:
            records[model._meta.label] = rows
    user = person.user
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {"id": person.pk, "name": person.full_name},
        "account": (
            {
                "username": user.username,
                "email": user.email,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
            }
            if user
            else None
        ),
        "records": records,
    }


@transaction.atomic
def erase_person(person, by_user) -> dict:
    """Delete or anonymise every record about ``person``; the account is deactivated."""
    summary: dict[str, int] = {}
    user = person.user
    for model, policy in policies():
        if model._meta.label == "core.Person":
            continue
        rows = _rows(model, policy, person)
        if policy.on_erase == "delete":
            summary[model._meta.label] = rows.count()
            rows.delete()
        elif policy.on_erase == "anonymise" and policy.anonymise:
            summary[model._meta.label] = rows.update(**policy.anonymise)
    person.first_name = ERASED_NAME
    person.last_name = ""
    person.salutation = ""
    person.email = ""
    person.phone = ""
    person.function = ""
    person.consent_purpose = ""
    person.anonymised_at = timezone.now()
    person.user = None
    person.save()
    if user is not None:
        user.username = f"geloescht-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    audit.record(person, "core.person.erased", user=by_user, data={"records": summary})
    return summary
