"""Login throttling beyond django-axes' single limit (wired in settings.AXES_FAILURE_LIMIT).

Two limits within the cool-off time (``AXES_COOLOFF_TIME``):

- ``LOGIN_FAILURE_LIMIT`` failures for one username from one address (guessing);
- ``LOGIN_IP_FAILURE_LIMIT`` failures from one address across all usernames (spraying:
  one common password tried against many accounts never trips the first limit).

Axes compares its failure count (the larger of the two sums, see
``AXES_LOCKOUT_PARAMETERS``) with the limit this function returns, so the function
answers 1 ("locked") when either limit is reached and a number no count reaches
otherwise. The address limit is higher: several colleagues behind one chamber's NAT
mistyping now and then must not lock each other out.
"""

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

NEVER = 10**9  # a failure count no one reaches: "not locked"


def _failures(**lookups) -> int:
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(attempt_time__gte=since, **lookups).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def failure_limit(request, credentials) -> int:
    from axes.helpers import get_client_username

    address = getattr(request, "axes_ip_address", None)
    if address is None:
        return settings.LOGIN_FAILURE_LIMIT
    username = get_client_username(request, credentials)
    if _failures(ip_address=address) >= settings.LOGIN_IP_FAILURE_LIMIT:
        return 1
    if username and _failures(ip_address=address, username=username) >= (
        settings.LOGIN_FAILURE_LIMIT
    ):
        return 1
    return NEVER
