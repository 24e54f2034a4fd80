"""What advice contributes to core's pages: the advisor's figures, the network's offices.

Imported from ``AdviceConfig.ready`` (core imports no feature app).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.advice.models import Case, Office
from verbund.advice.services.cases import worklist
from verbund.core.services import access
from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.core.services.dashboard import Figure, figure_provider


@figure_provider(order=60)
def advisor_figures(user):
    if not access.has_perm(user, "advice.counsel"):
        return []
    open_cases = Case.objects.visible_to(user).filter(advisor=user, outcome=Case.Outcome.OPEN)
    due = worklist(user).count()
    return [
        Figure(_("Ihre offenen Beratungsfälle"), open_cases.count(), reverse("advice:worklist")),
        Figure(
            _("Wiedervorlagen in den nächsten Tagen"),
            due,
            reverse("advice:worklist"),
            warn=bool(due),
        ),
    ]


@capability_provider(order=20)
def advisory_offices(network, user):
    offices = Office.objects.visible_to(user).filter(network=network).order_by("name")
    if not offices.exists():
        return None
    return Capability(_("Beratungsbüros"), links_to(offices))
