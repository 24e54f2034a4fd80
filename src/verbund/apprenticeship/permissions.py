"""Named permissions of Verbundausbildung."""

from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

EDIT_PLANS = register(
    "apprenticeship.edit_plans",
    _("Verbundausbildung: Ausbildungsberufe und Ausbildungsrahmenpläne pflegen und importieren"),
)
MANAGE_TRAINING = register(
    "apprenticeship.manage_training",
    _(
        "Verbundausbildung: Ausbildungsprofil, Auszubildende, Ausbilder und Stationen des "
        "Betriebs pflegen, Verbundpartner finden und Anfragen beantworten"
    ),
)
PLAN_ROTATION = register(
    "apprenticeship.plan_rotation",
    _("Verbundausbildung: Rotationsplan des Verbunds berechnen und bearbeiten"),
)
