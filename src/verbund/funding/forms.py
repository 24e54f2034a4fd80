from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import DateInput, ModelForm
from verbund.core.services.uploads import check_document
from verbund.funding.models import BudgetLine, Cofunder, FinancingPlan, FundsCall, Receipt
from verbund.funding.permissions import FUNDING_MANAGE
from verbund.networks.models import Network

RECEIPT_FILE_TYPES = {"pdf", "png", "jpg", "jpeg", "gif", "webp"}


def _checked_file(upload, allowed=RECEIPT_FILE_TYPES):
    if not upload or not hasattr(upload, "size"):
        return upload
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in allowed:
        raise ValidationError(_("Bitte ein PDF oder ein Foto (PNG, JPEG, GIF, WebP) hochladen."))
    check_document(upload)
    return upload


class FinancingPlanForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = FinancingPlan
        fields = [
            "network",
            "year",
            "funder",
            "programme",
            "period_start",
            "period_end",
            "project_end",
            "financing",
            "share_percent",
            "max_grant",
            "fixed_amount",
            "own_funds",
            "third_party_funds",
            "flat_rate_percent",
            "notice_reference",
            "notice_date",
            "notice_file",
            "notice_conditions",
        ]
        widgets = {"notice_conditions": forms.Textarea(attrs={"rows": 4})}

    def limit_choices(self, user):
        self.fields["network"].queryset = Network.objects.with_perm(user, FUNDING_MANAGE)
        if self.instance.pk:
            self.fields["network"].disabled = True

    def clean_notice_file(self):
        return _checked_file(self.cleaned_data.get("notice_file"), {"pdf"})

    def clean(self):
        data = super().clean()
        financing = data.get("financing")
        if financing == FinancingPlan.Kind.SHARE and data.get("share_percent") is None:
            self.add_error("share_percent", _("Die Anteilsfinanzierung braucht eine Förderquote."))
        if financing == FinancingPlan.Kind.FIXED and data.get("fixed_amount") is None:
            self.add_error("fixed_amount", _("Die Festbetragsfinanzierung braucht den Festbetrag."))
        if financing != FinancingPlan.Kind.FIXED and data.get("max_grant") is None:
            self.add_error("max_grant", _("Bitte den bewilligten Höchstbetrag angeben."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Das Ende liegt vor dem Beginn."))
        return data


class PlanPartForm(ModelForm):
    """Forms of a plan's rows; the plan comes from the URL, never from the form."""


class BudgetLineForm(PlanPartForm):
    class Meta(ModelForm.Meta):
        model = BudgetLine
        fields = ["label", "key", "kind", "planned", "position"]


class ReceiptForm(PlanPartForm):
    class Meta(ModelForm.Meta):
        model = Receipt
        fields = [
            "number",
            "date",
            "line",
            "amount",
            "payee",
            "purpose",
            "staff_hours",
            "annual_gross_costs",
            "file",
        ]
        help_texts = {
            "amount": _("Bei Personalkosten nach Stundensatz leer lassen: er wird berechnet."),
            "staff_hours": _("ESF Plus: Stunden × Jahresbruttopersonalkosten / 1.720."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from verbund.funding.services.receipts import booking_lines

        self.fields["line"].queryset = booking_lines(self.instance.plan)
        self.fields["amount"].required = False

    def clean_file(self):
        return _checked_file(self.cleaned_data.get("file"))


class ReceiptImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("Spalten: Belegnummer, Datum, Betrag, Position, Empfänger, Zweck (optional)."),
    )
    dry_run = forms.BooleanField(label=_("Nur prüfen, nichts speichern"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload


class CofunderForm(PlanPartForm):
    class Meta(ModelForm.Meta):
        model = Cofunder
        fields = ["name", "organization", "share_percent", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from verbund.core.widgets import use_organization_search

        self.fields["organization"].required = False
        use_organization_search(self, "organization")


class FundsCallForm(PlanPartForm):
    class Meta(ModelForm.Meta):
        model = FundsCall
        fields = ["number", "called_on", "amount", "received_on", "received_amount"]

    def clean(self):
        data = super().clean()
        if (data.get("received_on") is None) != (data.get("received_amount") is None):
            raise ValidationError(_("Für einen Zahlungseingang bitte Datum und Betrag angeben."))
        return data


class ProofPeriodForm(forms.Form):
    until = forms.DateField(label=_("Stichtag"), required=False, widget=DateInput())


class ReportDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=())
    period_start = forms.DateField(label=_("Berichtszeitraum von"), widget=DateInput())
    period_end = forms.DateField(label=_("Berichtszeitraum bis"), widget=DateInput())

    def __init__(self, *args, plan=None, **kwargs):
        from verbund.funding.models import ProgressReport

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ProgressReport.Kind.choices
        if plan is not None and not self.is_bound:
            self.initial = {
                "kind": ProgressReport.Kind.FINAL,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
            }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Das Ende liegt vor dem Beginn."))
        return data


class ReportTextForm(forms.Form):
    """One textarea per section of a Sachbericht draft."""

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        for section in report.sections:
            self.fields[section["key"]] = forms.CharField(
                label=section["heading"],
                initial=section["text"],
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
