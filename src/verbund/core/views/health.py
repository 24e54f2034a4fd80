"""``/healthz`` (the process answers), ``/readyz`` (it can serve: see services/health.py)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from verbund.core.services import health


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    checks = health.readiness()
    failing = {name: reason for name, reason in checks.items() if reason != "ok"}
    status = 503 if failing else 200
    return JsonResponse(
        {"status": "fail" if failing else "ok", "checks": checks, "failing": failing},
        status=status,
    )
