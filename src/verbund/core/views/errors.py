"""Error pages in the site's layout and the user's language (handler400/403/404/500).

A 403 names the permission that is missing (from the exception's message, which our
views set to the permission code) and who can grant it: the team administrators of the
user's organization or network. A refusal that carries its own reason for the user
(``access.Refused``, e.g. "only the lead may change the lead") shows that reason instead;
a raw permission code is never shown.
"""

import sys

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import requires_csrf_token

from verbund.core.permissions import PERMISSIONS, TEAMS_MANAGE
from verbund.core.services import health
from verbund.core.services.access import Refused

# Seconds after which a client may try again while the database is away.
RETRY_AFTER = "10"


def _back_url(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    host = request.get_host()
    # Only offer a way back inside this site; a foreign referer is no way back.
    if referer and (
        referer.startswith(f"http://{host}/") or referer.startswith(f"https://{host}/")
    ):
        return referer
    return ""


@requires_csrf_token
def permission_denied(request, exception=None):
    code = str(exception) if exception is not None else ""
    context = {
        "reason": code if isinstance(exception, Refused) else "",
        "permission_label": PERMISSIONS.get(code, ""),
        "granter_label": PERMISSIONS[TEAMS_MANAGE],
        "back_url": _back_url(request),
    }
    return render(request, "errors/403.html", context, status=403)


@requires_csrf_token
def bad_request(request, exception=None, reason=""):
    return render(request, "core/400.html", {"reason": reason}, status=400)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"back_url": _back_url(request)}, status=404)


@requires_csrf_token
def server_error(request):
    if health.database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # noqa: BLE001 - whatever failed may fail again; never raise here
        return HttpResponseServerError(
            b"<!DOCTYPE html><title>500</title><h1>Interner Fehler / Server error</h1>",
            content_type="text/html",
        )


def database_unavailable(request):
    """503 while the database cannot be reached: a German page, JSON for the API. Rendered
    without the site layout (its context needs the database); the next request after
    the outage reconnects by itself."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": gettext("Der Dienst ist vorübergehend nicht erreichbar.")},
            status=503,
        )
    else:
        from django.template.loader import render_to_string

        try:
            body = render_to_string("errors/503.html")
        except Exception:  # noqa: BLE001 - never raise while handling an error
            body = "<!DOCTYPE html><title>503</title><h1>verbund ist gleich wieder da</h1>"
        response = HttpResponseServerError(body, content_type="text/html; charset=utf-8")
        response.status_code = 503
    response["Retry-After"] = RETRY_AFTER
    return response
