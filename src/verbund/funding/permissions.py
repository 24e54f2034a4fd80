from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

FUNDING_MANAGE = register(
    "funding.manage",
    _(
        "Förderung verwalten: Finanzierungsplan, Belege, Mittelabrufe, Verwendungsnachweis "
        "(Netzwerkkoordination und federführender Partner)"
    ),
)

FUNDING_RELEASE = register(
    "funding.release",
    _("Sachbericht und Verwendungsnachweis freigeben (federführender Partner oder Projektträger)"),
)
