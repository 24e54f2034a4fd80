"""Rate limits for anonymous visitors on expensive or abusable public views.

A fixed window per (scope, client address) counted in Django's cache (the shared cache of
all app servers when ``CACHE_URL`` names one; per process otherwise, which still bounds a
single client). Signed-in users are accountable and not limited here. A view is limited
with ``@rate_limited("economy.report_file", count=10, per=60)`` (answers the German 429
page with ``Retry-After``); API handlers call ``check_api(request, scope, ...)`` (JSON 429).
``RATE_LIMITS = {"scope": (count, seconds)}`` in the settings overrides a scope's limit;
``RATE_LIMITS_ENABLED = False`` switches them off (the test settings do, as with axes).
"""

import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


@dataclass
class RateLimited(Exception):
    scope: str
    retry_after: int

    def message(self) -> str:
        return _(
            "Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in %(seconds)s Sekunden erneut."
        ) % {"seconds": self.retry_after}


def client_address(request) -> str:
    """The client's address as the login throttling sees it (proxy count from settings)."""
    from axes.helpers import get_client_ip_address

    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request) or ""


def _limit(scope: str, count: int, per: int) -> tuple[int, int]:
    return tuple(getattr(settings, "RATE_LIMITS", {}).get(scope, (count, per)))


def hit(scope: str, key: str, *, count: int, per: int) -> int:
    """Count one request of ``key`` in the current window of ``scope``; 0 when within
    the limit, else the seconds until the window ends."""
    count, per = _limit(scope, count, per)
    now = time.time()
    window = int(now // per)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=per + 1):
        seen = 1
    else:
        try:
            seen = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=per + 1)
            seen = 1
    if seen <= count:
        return 0
    return max(1, int((window + 1) * per - now))


def check(request, scope: str, *, count: int, per: int) -> None:
    """Raise RateLimited when an anonymous client exceeded ``count`` requests in ``per`` s."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return
    wait = hit(scope, client_address(request), count=count, per=per)
    if wait:
        raise RateLimited(scope, wait)


def too_many_requests(request, refusal: RateLimited):
    response = render(request, "errors/429.html", {"message": refusal.message()}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def rate_limited(scope: str, *, count: int, per: int, methods=("GET", "HEAD", "POST")):
    """Limit a view for anonymous clients (see the module docstring)."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods:
                try:
                    check(request, scope, count=count, per=per)
                except RateLimited as refusal:
                    return too_many_requests(request, refusal)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def check_api(request, scope: str, *, count: int, per: int) -> None:
    """The API's variant: a JSON 429 through ninja's HttpError."""
    from ninja.errors import HttpError

    try:
        check(request, scope, count=count, per=per)
    except RateLimited as refusal:
        raise HttpError(429, refusal.message()) from refusal
