"""Error pages in the platform's look: 400 (odd input) and 403 (with the reason when the
refusal carries one for the user, ``access.Refused``; never a raw permission code)."""

from django.shortcuts import render

from verbund.core.services.access import Refused


def bad_request(request, exception=None):
    return render(request, "core/400.html", status=400)


def permission_denied(request, exception=None):
    reason = str(exception) if isinstance(exception, Refused) else ""
    return render(request, "core/403.html", {"reason": reason}, status=403)
