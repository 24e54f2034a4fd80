from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.forms import ApiTokenForm
from verbund.core.services import tokens


@login_required
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    plaintext = None
    if request.method == "POST" and form.is_valid():
        _token, plaintext = tokens.create_token(
            request.user, form.cleaned_data["name"], form.cleaned_data["expires_at"]
        )
        form = ApiTokenForm()
    return render(
        request,
        "core/token_list.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "plaintext": plaintext},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    tokens.revoke_token(token, request.user)
    messages.success(request, _("Das Token wurde widerrufen."))
    return redirect("core:token_list")
