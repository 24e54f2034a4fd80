"""Login throttling with django-axes (wired in settings.AXES_FAILURE_LIMIT).

Axes counts failures per account *and* address (``AXES_LOCKOUT_PARAMETERS``) and compares
the count with the limit this function returns:

- ``LOGIN_FAILURE_LIMIT`` failures for one account from one address lock that account at
  that address for the cool-off time (``AXES_COOLOFF_TIME``): guessing is stopped, but
  nobody can lock an account everywhere, nor every account behind an address.
- Spraying (one common password against many accounts from one address never trips the
  first limit): once an address has ``LOGIN_IP_FAILURE_LIMIT`` failures across accounts,
  it may try no account that has not signed in successfully from there within
  ``LOGIN_KNOWN_DAYS`` (limit 0: refused before the password is checked). Colleagues who
  work behind the same address as the attacker keep signing in; before issue 24 one
  address-wide limit locked out every user of a chamber behind its NAT for 15 minutes.
"""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

SPRAYING = 0  # the limit for an unknown account from a spraying address: refused at once


def _failures(**lookups) -> int:
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(attempt_time__gte=since, **lookups).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def _signed_in_here(username: str, address: str) -> bool:
    """Has this account signed in successfully from this address lately (axes' log)?"""
    from axes.models import AccessLog

    if not username:
        return False
    since = timezone.now() - datetime.timedelta(days=settings.LOGIN_KNOWN_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since
    ).exists()


def failure_limit(request, credentials) -> int:
    from axes.helpers import get_client_username

    address = getattr(request, "axes_ip_address", None)
    if address is None:
        return settings.LOGIN_FAILURE_LIMIT
    if _failures(ip_address=address) >= settings.LOGIN_IP_FAILURE_LIMIT:
        username = get_client_username(request, credentials)
        if not _signed_in_here(username, address):
            return SPRAYING
    return settings.LOGIN_FAILURE_LIMIT
