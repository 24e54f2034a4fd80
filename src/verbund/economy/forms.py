from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization
from verbund.core.survey_forms import QuestionFormMixin, question_answers, question_field
from verbund.economy import choices
from verbund.economy.models import ExtraQuestion, Report, Wave
from verbund.economy.permissions import ECONOMY_MANAGE
from verbund.economy.services import reports, rights
from verbund.networks.models import Network


def chambers_of(network):
    return rights.network_chambers(network)


def own_chambers(user, network):
    """The chambers for which ``user`` acts: questions and firms only for these."""
    return chambers_of(network).filter(pk__in=rights.chambers_for(user, network))


class WaveForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Wave
        fields = ["network", "year", "season", "intro", "opens_on", "closes_on"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "intro": forms.Textarea(attrs={"rows": 3}),
        }

    def limit_choices(self, user):
        self.fields["network"].queryset = Network.objects.with_perm(user, ECONOMY_MANAGE)

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Das Ende liegt vor dem Beginn."))
        year = cleaned.get("year")
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", _("Bitte ein Jahr zwischen 2000 und 2100 angeben."))
        return cleaned


class ReportTextsForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Report
        fields = ["title", *reports.TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in reports.TEXT_FIELDS}


class ExtraQuestionForm(QuestionFormMixin, ModelForm):
    class Meta(ModelForm.Meta):
        model = ExtraQuestion
        fields = ["chamber", "kind", "text_de", "text_en", "text_fr", "required", "order"]

    def __init__(self, *args, wave, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chamber"].queryset = own_chambers(user, wave.network)


class PanelAddForm(forms.Form):
    chamber = forms.ModelChoiceField(label=_("Kammer"), queryset=Organization.objects.none())
    organizations = forms.ModelMultipleChoiceField(
        label=_("Betriebe aus dem Organisationsverzeichnis"),
        queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, network, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chamber"].queryset = own_chambers(user, network)
        companies = Organization.objects.filter(kind=Organization.Kind.COMPANY)
        if network.regions.exists():
            companies = companies.filter(region__in=network.regions.all())
        self.fields["organizations"].queryset = companies.exclude(
            pk__in=network.economy_panel.exclude(organization=None).values("organization")
        )


class PanelImportForm(forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload


class ReportCreateForm(forms.Form):
    chamber = forms.ModelChoiceField(
        label=_("Bericht für"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Gemeinsamer Bericht aller Kammern"),
    )

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chamber"].queryset = chambers_of(wave.network)


def _radio(label, options):
    """One answer of the standard questionnaire; skipping it is allowed (domain/economy.md)."""
    return forms.ChoiceField(label=label, choices=options, widget=forms.RadioSelect, required=False)


class SurveyForm(forms.Form):
    """The standard questionnaire (domain/economy.md) plus the chamber's extra questions."""

    lage = _radio(_("Wie beurteilen Sie Ihre aktuelle Geschäftslage?"), choices.Situation.choices)
    erwartungen = _radio(
        _("Wie wird sich Ihre Geschäftslage in den nächsten zwölf Monaten entwickeln?"),
        choices.Expectation.choices,
    )
    exporte = _radio(
        _("Ihre Exporte in den nächsten zwölf Monaten"),
        [("", _("kein Export")), *choices.Plan.choices],
    )
    investitionen = _radio(
        _("Ihre Investitionen im Inland in den nächsten zwölf Monaten"), choices.Plan.choices
    )
    beschaeftigung = _radio(
        _("Ihre Zahl der Beschäftigten in den nächsten zwölf Monaten"), choices.Plan.choices
    )
    risiken = forms.MultipleChoiceField(
        label=_("Worin sehen Sie die größten Risiken für Ihre wirtschaftliche Entwicklung?"),
        choices=choices.Risk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    free_text = forms.CharField(
        label=_("Was möchten Sie uns noch mitteilen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, questions=(), language="de", **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        submitting = bool(self.data.get("submit"))
        for question in self.questions:
            self.fields[f"extra_{question.pk}"] = question_field(question, language, submitting)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("submit") and not (cleaned.get("lage") and cleaned.get("erwartungen")):
            raise forms.ValidationError(
                _(
                    "Bitte beantworten Sie zum Absenden mindestens die Fragen zur Lage und zu den Erwartungen."
                )
            )
        return cleaned

    def answer_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.base_fields}
        data["extra_answers"] = question_answers(self.cleaned_data, "extra_")
        return data
