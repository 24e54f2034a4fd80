"""The synonym table of the search, edited by holders of ``courses.synonyms``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.courses.forms import SynonymForm
from verbund.courses.models import Synonym
from verbund.courses.permissions import COURSES_SYNONYMS
from verbund.courses.services import synonyms


def _require(user):
    if not access.has_perm(user, COURSES_SYNONYMS):
        raise PermissionDenied(COURSES_SYNONYMS)


@login_required
def synonym_list(request):
    _require(request.user)
    return render(
        request,
        "courses/synonym_list.html",
        {"object_list": Synonym.objects.visible_to(request.user)},
    )


@login_required
def synonym_form(request, pk=None):
    _require(request.user)
    synonym = (
        get_object_or_404(Synonym.objects.with_perm(request.user, COURSES_SYNONYMS), pk=pk)
        if pk
        else Synonym()
    )
    form = SynonymForm(request.POST or None, instance=synonym)
    if request.method == "POST" and form.is_valid():
        synonyms.save_synonym(
            synonym, form.cleaned_data["term"], form.cleaned_data["words"], request.user
        )
        messages.success(request, _("Gespeichert."))
        return redirect("courses:synonym_list")
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "object": synonym,
            "creating": pk is None,
            "model_meta": Synonym._meta,
            "cancel_url": "/kurse/synonyme/",
        },
        status=400 if form.errors else 200,
    )


@login_required
def synonym_delete(request, pk):
    _require(request.user)
    synonym = get_object_or_404(Synonym.objects.with_perm(request.user, COURSES_SYNONYMS), pk=pk)
    if request.method == "POST":
        synonyms.delete_synonym(synonym, request.user)
        messages.success(request, _("Gelöscht: %(object)s") % {"object": synonym.term})
        return redirect("courses:synonym_list")
    return render(
        request,
        "core/object_confirm_delete.html",
        {"object": synonym, "cancel_url": "/kurse/synonyme/"},
    )
