"""What networks contribute to core's pages: the coordinator's figures and tasks, the
dashboard's networks and activities, an organization's memberships and timeline, search.

Imported from ``NetworksConfig.ready`` (core imports no feature app).
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.core.services.dashboard import Figure, figure_provider, page_context, search_provider
from verbund.networks.models import Activity, Goal, Membership, Network
from verbund.networks.services import tasks  # noqa: F401 - registers the coordinator's tasks
from verbund.networks.services.timeline import timeline_for_organization, upcoming_activities

GOAL_HORIZON_DAYS = 90
ACTIVITY_HORIZON_DAYS = 30
RESULTS_PER_KIND = 20


@figure_provider(order=10)
def coordinator_figures(user):
    if not access.has_perm(user, "networks.edit"):
        return []
    today = timezone.localdate()
    networks = Network.objects.with_perm(user, "networks.edit")
    goals_due = Goal.objects.filter(
        network__in=networks,
        status__in=[Goal.Status.PLANNED, Goal.Status.IN_PROGRESS],
        due__lte=today + datetime.timedelta(days=GOAL_HORIZON_DAYS),
    ).count()
    activities = Activity.objects.filter(
        network__in=networks,
        start__gte=today,
        start__lte=today + datetime.timedelta(days=ACTIVITY_HORIZON_DAYS),
    ).count()
    return [
        Figure(
            _("Mitglieder in Ihren Netzwerken"),
            Membership.objects.filter(network__in=networks).count(),
            reverse("networks:network_list"),
        ),
        Figure(_("Ziele fällig in den nächsten 90 Tagen"), goals_due, warn=bool(goals_due)),
        Figure(_("Aktivitäten in den nächsten 30 Tagen"), activities),
    ]


@page_context("dashboard")
def my_networks_and_activities(user):
    my_networks = Network.objects.filter(pk__in=access.member_network_ids(user))
    if user.is_superuser:
        my_networks = Network.objects.all()
    return {
        "my_networks": my_networks.prefetch_related("memberships__organization"),
        "upcoming": upcoming_activities(user, limit=10, own=True),
    }


@page_context("organization_detail")
def memberships_and_timeline(user, organization):
    return {
        "memberships": organization.memberships.filter(
            network__in=Network.objects.visible_to(user)
        ).select_related("network"),
        "timeline": timeline_for_organization(organization, user),
    }


@search_provider
def networks_and_activities(user, query):
    return {
        "networks": Network.objects.visible_to(user).filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(description__icontains=query)
        )[:RESULTS_PER_KIND],
        "activities": Activity.objects.visible_to(user)
        .filter(Q(title__icontains=query) | Q(place__icontains=query) | Q(notes__icontains=query))
        .select_related("network")[:RESULTS_PER_KIND],
    }
