from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

ECONOMY_MANAGE = register(
    "economy.manage",
    _("Konjunkturumfragen durchführen: Wellen, Panel, Einladungen, Berichte veröffentlichen"),
)
ECONOMY_VIEW = register(
    "economy.view", _("Konjunkturergebnisse und unveröffentlichte Berichte einsehen")
)
