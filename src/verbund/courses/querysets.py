"""Tenancy of the course database.

Offers are public once active and not hidden (the search needs no login); everything a
provider sees beyond that (archived offers, offers hidden after the grace period) is
visible to the provider's own people only, and changed by holders of ``courses.edit_own``
on the provider organization.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from verbund.core.querysets import ScopedQuerySet
from verbund.courses.conf import grace_days


def grace_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=grace_days())


class OfferQuerySet(ScopedQuerySet):
    organization_lookup = "provider"

    def with_future_run_q(self, today: datetime.date | None = None) -> Q:
        from verbund.courses.models import Run

        return Q(Exists(Run.objects.filter(offer=OuterRef("pk")).upcoming(today)))

    def searchable(self, today: datetime.date | None = None):
        """Active offers with a future run, or whose last run started within the grace period."""
        from verbund.courses.models import Offer, Run

        today = today or timezone.localdate()
        cutoff = grace_cutoff(today)
        recent_run = Exists(
            Run.objects.filter(offer=OuterRef("pk")).filter(
                Q(start_date__gte=cutoff) | Q(flexible_start=True, end_date__gte=cutoff)
            )
        )
        no_runs_new = ~Exists(Run.objects.filter(offer=OuterRef("pk"))) & Q(
            created_at__date__gte=cutoff
        )
        return self.filter(
            Q(status=Offer.Status.ACTIVE)
            & (self.with_future_run_q(today) | recent_run | no_runs_new)
        )

    def public(self):
        return self.searchable()

    def visible_to(self, user):
        public = Q(pk__in=self.model._default_manager.public().values("pk"))
        if not user.is_authenticated:
            return self.filter(public)
        if user.is_superuser:
            return self.all()
        return self.filter(
            public | Q(pk__in=self.model._default_manager.filter(self.visible_q(user)).values("pk"))
        )


class RunQuerySet(ScopedQuerySet):
    organization_lookup = "offer__provider"

    def upcoming(self, today: datetime.date | None = None):
        """Runs that still start, or that one can still join (flexible start, not ended)."""
        today = today or timezone.localdate()
        return self.filter(
            Q(start_date__gte=today)
            | Q(flexible_start=True, end_date__gte=today)
            | Q(flexible_start=True, end_date__isnull=True, start_date__isnull=True)
        )

    def visible_to(self, user):
        from verbund.courses.models import Offer

        return self.filter(offer__in=Offer.objects.visible_to(user).values("pk"))


class SynonymQuerySet(ScopedQuerySet):
    """Search synonyms are public reference data; ``courses.synonyms`` holders edit them."""

    def visible_to(self, user):
        return self.all()

    def with_perm(self, user, perm):
        from verbund.core.services import access

        return self.all() if access.has_perm(user, perm) else self.none()


class ImportJobQuerySet(ScopedQuerySet):
    """An import job's page (its errors name offers) is for the person who started it."""

    def visible_q(self, user):
        from django.db.models import Q

        return Q(created_by=user)

    def perm_q(self, user, perm):
        return self.visible_q(user)
