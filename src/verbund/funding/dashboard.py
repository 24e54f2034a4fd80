"""What the funding app adds to core's pages: the navigation entry, the network page's
capability, the coordinator's to-dos (lines past the 20 % rule) and key figures.

Registered from ``FundingConfig.ready``; core never imports this app.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from verbund.core import navigation
from verbund.core.services.capabilities import Capability, capability_provider
from verbund.core.services.dashboard import Figure, Task, figure_provider, task_provider

MAX_PLANS_ON_DASHBOARD = 5


def sees_funding(user) -> bool:
    if not user.is_authenticated:
        return False
    from verbund.funding.models import Cofunder, FinancingPlan

    return (
        FinancingPlan.objects.visible_to(user).exists()
        or Cofunder.objects.visible_to(user).exists()
        or navigation.holds_any("funding.manage")(user)
    )


def _current_plans(user):
    from verbund.funding.models import FinancingPlan

    return (
        FinancingPlan.objects.visible_to(user)
        .select_related("network")
        .order_by("-year", "network__name")[:MAX_PLANS_ON_DASHBOARD]
    )


@capability_provider
def funding_of_network(network, user):
    from verbund.funding.models import FinancingPlan

    plans = FinancingPlan.objects.visible_to(user).filter(network=network).order_by("-year")
    if not plans.exists():
        return None
    return Capability(
        title=_("Förderung"),
        links=[(f"{plan.funder} {plan.year}", plan.get_absolute_url()) for plan in plans[:5]],
        summary=_("Finanzierungsplan, Belege, Mittelabrufe und Verwendungsnachweis"),
    )


@task_provider
def lines_past_the_rule(user):
    from verbund.funding.services import budget

    for plan in _current_plans(user):
        errors = [w for w in budget.figures(plan).warnings if w.level == "error"]
        if errors:
            yield Task(
                title=ngettext(
                    "%(count)s Ausgabenposition über der 20-%%-Grenze",
                    "%(count)s Ausgabenpositionen über der 20-%%-Grenze",
                    len(errors),
                )
                % {"count": len(errors)},
                url=plan.get_absolute_url(),
                context=str(plan),
            )


@figure_provider
def open_calls(user):
    from verbund.funding.models import FundsCall

    plans = list(_current_plans(user))
    if not plans:
        return []
    count = FundsCall.objects.filter(plan__in=plans, received_amount__isnull=True).count()
    return [
        Figure(
            label=_("Offene Mittelabrufe"),
            value=count,
            url=reverse("funding:plan_list"),
            warn=False,
        )
    ]


def register():
    from verbund.core.services.audit_labels import register_action_label

    register_action_label("funding.progressreport.drafted", gettext_lazy("Sachbericht entworfen"))
    register_action_label("funding.progressreport.changed", gettext_lazy("Sachbericht bearbeitet"))
    register_action_label(
        "funding.progressreport.released", gettext_lazy("Sachbericht freigegeben")
    )
    navigation.register_section(
        gettext_lazy("Förderung"), "funding:plan_list", "/foerderung/", sees_funding, order=25
    )
