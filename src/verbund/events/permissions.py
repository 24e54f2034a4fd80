from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

EVENTS_MANAGE = register(
    "events.manage",
    _("Veranstaltungen organisieren: Anmeldungen, Warteliste, Check-in, B2B-Terminplan"),
)
