from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

NEEDS_MANAGE = register(
    "needs.manage",
    _("Bedarfsbefragungen durchführen: Wellen, Fragebogen, Einladungen, Auswertung"),
)
NEEDS_VIEW = register(
    "needs.view", _("Auswertungen und Lückenanalysen der Bedarfsbefragungen einsehen")
)
