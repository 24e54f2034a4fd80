"""Screens and API use one object-permission check: for every model with a
``ScopedQuerySet``, ``Model.objects.with_perm(user, perm)`` holds exactly the objects on
which ``access.has_perm(user, perm, obj)`` (the model's ``permission_scope``) is true.

Generated over the models and the demo's logins and objects: a new model is covered
without a line here.
"""

import pytest
from django.apps import apps

from tests.generated.conftest import demo_users
from verbund.core.permissions import PERMISSIONS
from verbund.core.querysets import ScopedQuerySet
from verbund.core.services import access

# Objects per model that are compared (spread over the demo's rows).
SAMPLE = 40


def scoped_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if isinstance(model._default_manager.all(), ScopedQuerySet)
            and hasattr(model, "permission_scope")
        ),
        key=lambda model: model._meta.label,
    )


def perms_of(model) -> list[str]:
    """The permissions of the model's app (core models: core's own)."""
    prefix = model._meta.app_label + "."
    own = [perm for perm in PERMISSIONS if perm.startswith(prefix)]
    if model._meta.app_label == "core":
        apps_labels = {config.label for config in apps.get_app_configs()}
        own = [perm for perm in PERMISSIONS if perm.split(".")[0] not in apps_labels]
    return sorted(own)


def sample(model):
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(pks) // SAMPLE)
    return list(model._default_manager.filter(pk__in=pks[::step][:SAMPLE]))


def disagreements(model, users):
    objects = sample(model)
    scopes = {obj.pk: obj.permission_scope() for obj in objects}
    found = []
    for user in users:
        for perm in perms_of(model):
            queried = set(
                model._default_manager.with_perm(user, perm)
                .filter(pk__in=scopes)
                .values_list("pk", flat=True)
            )
            for obj in objects:
                checked = access.has_perm(user, perm, obj)
                if checked != (obj.pk in queried):
                    found.append(
                        f"{model._meta.label} #{obj.pk} {user.username} {perm}: "
                        f"has_perm={checked}, with_perm={obj.pk in queried}"
                    )
    return found


@pytest.mark.parametrize("model", scoped_models(), ids=lambda model: model._meta.label)
def test_with_perm_and_has_perm_agree(demo, model):
    assert disagreements(model, demo_users())[:20] == []
