from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

ADVICE_COUNSEL = register(
    "advice.counsel", _("In einem Beratungsbüro beraten: Fälle erfassen, Angebote empfehlen")
)
ADVICE_MANAGE = register(
    "advice.manage", _("Beratungsbüros des Netzwerks verwalten: Büros, Beraterinnen, Einzugsgebiet")
)
