"""Open tasks a network coordinator sees on the dashboard."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.core.services.dashboard import Task, task_provider
from verbund.networks.models import Goal, Network
from verbund.networks.permissions import NETWORKS_EDIT

GOAL_HORIZON_DAYS = 90
REVIEW_INTERVAL_DAYS = 365


@task_provider
def network_tasks(user):
    editable = Network.objects.with_perm(user, NETWORKS_EDIT)
    today = date.today()
    goals = Goal.objects.filter(
        network__in=editable,
        status__in=[Goal.Status.PLANNED, Goal.Status.IN_PROGRESS],
        due__lte=today + timedelta(days=GOAL_HORIZON_DAYS),
    ).select_related("network")
    for goal in goals:
        yield Task(
            title=_("Ziel prüfen: %(goal)s") % {"goal": goal.title},
            url=reverse("networks:goal_edit", args=[goal.pk]),
            due=goal.due,
            context=str(goal.network),
        )
    for network in editable.prefetch_related("reviews"):
        last = max((review.date for review in network.reviews.all()), default=None)
        if network.goals.exists() and (last is None or (today - last).days > REVIEW_INTERVAL_DAYS):
            yield Task(
                title=_("Jahresbilanz erstellen: %(network)s") % {"network": network},
                url=reverse("networks:review_create", args=[network.pk]),
                context=_("Letzte Bilanz: %(date)s")
                % {"date": last.strftime("%d.%m.%Y") if last else _("noch keine")},
            )


@task_provider
def invitation_tasks(user):
    """Invitations into a network wait for the invited organization's answer."""
    from verbund.networks.services.invitations import pending_for

    for invitation in pending_for(user):
        yield Task(
            title=_("Einladung in das Netzwerk %(network)s beantworten")
            % {"network": invitation.network},
            url=reverse("networks:invitation_list"),
            context=str(invitation.organization),
        )
