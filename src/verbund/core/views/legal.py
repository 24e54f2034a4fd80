"""The legal pages (public) and the staff page on which the operator edits them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.core.forms import ModelForm
from verbund.core.legal_models import LegalText
from verbund.core.services import audit, legal


class LegalTextForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = LegalText
        fields = ["title", "body", "contact_email"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}


def _page(request, key):
    kind = legal.PAGES[key]
    return render(
        request,
        "core/legal_page.html",
        {"kind": kind, "text": legal.text(key), "may_edit": _may_edit(request.user)},
    )


def imprint(request):
    return _page(request, legal.IMPRINT)


def privacy_statement(request):
    return _page(request, legal.PRIVACY)


def accessibility(request):
    return _page(request, legal.ACCESSIBILITY)


def _may_edit(user) -> bool:
    # The operator's staff, not the member organizations: the texts speak for the operator.
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def _require_editor(user):
    if not _may_edit(user):
        raise PermissionDenied


@login_required
def legal_list(request):
    _require_editor(request.user)
    stored = {text.key: text for text in LegalText.objects.all()}
    rows = [(kind, stored.get(kind.key)) for kind in legal.kinds()]
    return render(request, "core/legal_list.html", {"rows": rows})


@login_required
def legal_edit(request, key):
    _require_editor(request.user)
    kind = legal.kind(key)
    if kind is None:
        raise Http404
    instance = legal.text(key)
    form = LegalTextForm(
        request.POST or None,
        instance=instance,
        initial=None if instance else {"title": kind.label},
    )
    if request.method == "POST" and form.is_valid():
        try:
            legal.save(key, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Text ist gespeichert."))
            return redirect("core:legal_list")
    return render(
        request,
        "core/legal_edit.html",
        {
            "kind": kind,
            "form": form,
            "object": instance,
            "history": audit.entries_for(instance)[:50] if instance else [],
        },
    )
