"""The living style guide: every component of the design system as used here (staff only)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.fields import GermanDecimalField, MoneyField
from verbund.core.forms import DateInput


class SampleForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Titel des Angebots"),
        help_text=gettext_lazy("So, wie er in der Suche erscheinen soll."),
    )
    price = MoneyField(
        label=gettext_lazy("Preis (EUR)"),
        required=False,
        help_text=gettext_lazy("Zum Beispiel 1.290,50"),
    )
    hours = GermanDecimalField(
        label=gettext_lazy("Umfang in Stunden"), required=False, decimal_places=1
    )
    start = forms.DateField(label=gettext_lazy("Beginn"), widget=DateInput(), required=False)
    online = forms.BooleanField(label=gettext_lazy("Online-Teilnahme möglich"), required=False)


@login_required
def styleguide(request):
    if not request.user.is_staff:
        raise PermissionDenied
    form = SampleForm(request.POST or None, initial={"price": Decimal("1290.50")})
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("Die Beispieleingaben sind gültig."))
    return render(
        request,
        "core/styleguide.html",
        {
            "form": form,
            "sample_amount": Decimal("1290.50"),
            "sample_distance": Decimal("26313.8"),
            "sample_count": 1234567,
        },
    )
