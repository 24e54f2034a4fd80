"""Timelines of activities per network and per organization, and the upcoming list."""

from datetime import date, timedelta

from django.db.models import Q

from verbund.core.services import access
from verbund.networks.models import Activity


def timeline_for_network(network, user):
    return Activity.objects.visible_to(user).filter(network=network).order_by("-start", "title")


def timeline_for_organization(organization, user):
    """Activities the organization took part in or that its networks held."""
    return (
        Activity.objects.visible_to(user)
        .filter(Q(organizations=organization) | Q(network__memberships__organization=organization))
        .select_related("network")
        .distinct()
        .order_by("-start", "title")[:100]
    )


def upcoming_activities(user, limit=None, days=365, network=None, own=False):
    """Activities from today on. ``own``: only those of the user's own networks or with
    their organization taking part (the dashboard: a visitor who may read a public network
    is not shown its internal meetings among their own dates)."""
    today = date.today()
    queryset = (
        Activity.objects.visible_to(user)
        .filter(Q(start__gte=today) | Q(end__gte=today), start__lte=today + timedelta(days=days))
        .select_related("network")
        .order_by("start", "start_time", "title")
    )
    if network is not None:
        queryset = queryset.filter(network=network)
    if own and not user.is_superuser:
        organizations = access.member_organization_ids(user)
        mine = Activity.objects.filter(
            Q(network__memberships__organization__in=organizations)
            | Q(network__in=access.member_network_ids(user))
            | Q(organizations__in=organizations)
        )
        queryset = queryset.filter(pk__in=mine.values("pk"))
    return queryset[:limit] if limit else queryset
