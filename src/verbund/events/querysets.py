"""Tenancy of events: public events are open to everyone, members-only events to the
members of their network or organization; organisers hold ``events.manage``."""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


class EventQuerySet(ScopedQuerySet):
    organization_lookup = "organization"
    network_lookup = "network"

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        return (
            Q(visibility="public")
            | Q(network__in=access.member_network_ids(user))
            | Q(organization__in=access.member_organization_ids(user))
        )

    def visible_to(self, user):
        # Anonymous visitors see the public events (the public list, the registration API).
        if not user.is_authenticated:
            return self.filter(visibility="public")
        return super().visible_to(user)

    def public(self):
        return self.filter(visibility="public")


class EventPartQuerySet(ScopedQuerySet):
    """Rows of one event seen by its organisers (``events.manage``) and, where the row has
    a user, by that user."""

    event_lookup = "event"
    user_lookup: str | None = "user"

    def visible_q(self, user) -> Q:
        from verbund.events.models import Event

        managed = Event.objects.with_perm(user, "events.manage").values("pk")
        condition = Q(**{f"{self.event_lookup}__in": managed})
        if self.user_lookup:
            condition |= Q(**{self.user_lookup: user})
        return condition

    def perm_q(self, user, perm) -> Q:
        from verbund.events.models import Event

        return Q(**{f"{self.event_lookup}__in": Event.objects.with_perm(user, perm).values("pk")})


class OrganiserQuerySet(EventPartQuerySet):
    """Setup and scheduling runs: organisers only."""

    user_lookup = None


class ParticipantQuerySet(EventPartQuerySet):
    """B2B profiles are seen by everyone who sees the event (that is what they are for)."""

    def visible_q(self, user) -> Q:
        from verbund.events.models import Event

        return Q(**{f"{self.event_lookup}__in": Event.objects.visible_to(user).values("pk")})


class RepresentativeQuerySet(ParticipantQuerySet):
    event_lookup = "profile__event"


class RequestQuerySet(EventPartQuerySet):
    """Meeting requests: both sides and the organisers."""

    def visible_q(self, user) -> Q:
        from verbund.events.models import Event

        managed = Event.objects.with_perm(user, "events.manage").values("pk")
        return (
            Q(event__in=managed) | Q(requester__user=user) | Q(invitee__representatives__user=user)
        )
