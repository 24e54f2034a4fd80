"""Named permissions of international mobility."""

from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

MOBILITY_PLAN = register(
    "mobility.plan",
    _("Mobilität: Projekte, Plätze, Bewerbungen, Aufenthalte und Austausche planen"),
)
MOBILITY_APPROVE = register(
    "mobility.approve",
    _("Mobilität: Auslandsaufenthalte eigener Auszubildender als Ausbildungsbetrieb freigeben"),
)
