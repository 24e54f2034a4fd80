"""Calendar subscriptions with their own secrets (see ``CalendarFeed``)."""

import hashlib
import secrets

from django.utils import timezone

from verbund.core.services import audit
from verbund.networks.models import CalendarFeed, Network

SECRET_BYTES = 32  # 256 bits, URL-safe


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_feed(user, network: Network | None = None) -> tuple[CalendarFeed, str]:
    """A new feed and its secret (shown once, stored only as a hash)."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    feed = CalendarFeed.objects.create(user=user, network=network, key_hash=_hash(secret))
    audit.record(feed, "networks.calendar_feed.created", user=user)
    return feed, secret


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The active feed of ``secret`` whose owner may still sign in, else None."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "network")
        .filter(key_hash=_hash(secret), revoked_at=None)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed


def revoke(feed: CalendarFeed, user) -> None:
    if feed.revoked_at is None:
        CalendarFeed.objects.filter(pk=feed.pk).update(revoked_at=timezone.now())
        audit.record(feed, "networks.calendar_feed.revoked", user=user)
