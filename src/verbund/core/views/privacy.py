"""Access (export) and erasure of a person's data, for holders of ``privacy.manage``."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Person
from verbund.core.permissions import PRIVACY_MANAGE
from verbund.core.services import audit, privacy
from verbund.core.views.generic import editable_object


@login_required
@require_POST
def person_export(request, pk):
    person = editable_object(request.user, Person, pk, PRIVACY_MANAGE)
    data = privacy.export_person(person)
    audit.record(person, "core.person.exported", user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=JSONEncoder),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, pk):
    person = editable_object(request.user, Person, pk, PRIVACY_MANAGE)
    if request.method == "POST":
        if request.POST.get("confirm_name", "").strip() != person.last_name:
            messages.error(request, _("Zur Bestätigung bitte den Nachnamen genau eingeben."))
            return render(request, "core/person_erase.html", {"object": person}, status=400)
        privacy.erase_person(person, request.user)
        messages.success(request, _("Die Daten der Person wurden gelöscht bzw. anonymisiert."))
        return redirect(person.get_absolute_url())
    return render(request, "core/person_erase.html", {"object": person})
