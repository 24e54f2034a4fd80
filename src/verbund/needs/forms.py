from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.fields import GermanDecimalField, MoneyField
from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization, Region
from verbund.core.services.topics import topic_tree
from verbund.core.survey_forms import QuestionFormMixin, question_answers, question_field
from verbund.core.widgets import use_organization_search
from verbund.needs import choices, questionnaire
from verbund.needs.models import CustomQuestion, Wave
from verbund.needs.permissions import NEEDS_MANAGE
from verbund.needs.services.responses import most_employees
from verbund.networks.models import Network


class WaveForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Wave
        fields = ["network", "title", "intro", "opens_on", "closes_on", "include_cases"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }

    def limit_choices(self, user):
        self.fields["network"].queryset = Network.objects.with_perm(user, NEEDS_MANAGE)
        if self.instance.pk:
            self.fields["network"].disabled = True

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            raise forms.ValidationError(_("Das Ende liegt vor dem Beginn."))
        return cleaned


class QuestionSelectionForm(forms.Form):
    questions = forms.MultipleChoiceField(
        label=_("Optionale Standardfragen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, questionnaire.question(code, "de")) for code in questionnaire.OPTIONAL],
    )


class CustomQuestionForm(QuestionFormMixin, ModelForm):
    class Meta(ModelForm.Meta):
        model = CustomQuestion
        fields = ["kind", "text_de", "text_en", "text_fr", "required", "order"]


class InviteOrganizationsForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Betriebe aus dem Organisationsverzeichnis"),
        queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        companies = Organization.objects.filter(kind=Organization.Kind.COMPANY)
        regions = wave.network.regions.all()
        if regions.exists():
            companies = companies.filter(region__in=regions)
        self.fields["organizations"].queryset = companies.exclude(
            pk__in=wave.invitations.exclude(organization=None).values("organization")
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder XLSX)"))
    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und nur gültige einladen"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        return upload


class InterviewStartForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Betrieb"), queryset=Organization.objects.filter(kind=Organization.Kind.COMPANY)
    )
    person_group = forms.ChoiceField(label=_("Personengruppe"), choices=choices.PersonGroup.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_organization_search(self, "organization", kinds=[Organization.Kind.COMPANY])


# The questionnaire --------------------------------------------------------------------


def _choice_field(code, language, options, required, multiple=False, blank=True):
    label = questionnaire.question(code, language)
    if multiple:
        return forms.MultipleChoiceField(
            label=label, choices=options, required=False, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(
        label=label, choices=([("", "–")] if blank else []) + options, required=required
    )


class SurveyForm(forms.Form):
    """The company part of the questionnaire in the respondent's language."""

    def __init__(self, *args, wave, language, draft, **kwargs):
        super().__init__(*args, **kwargs)
        language = questionnaire.language_of(language)
        required = not draft
        q = questionnaire
        if q.enabled(wave, "person_group"):
            self.fields["person_group"] = _choice_field(
                "person_group", language, q.answer_choices(choices.PersonGroup, language), required
            )
        regions = wave.network.regions.order_by("name") or Region.objects.filter(
            kind=Region.Kind.LANDKREIS
        )
        self.fields["district"] = forms.ModelChoiceField(
            label=q.question("district", language), queryset=regions, required=required
        )
        self.fields["sector"] = _choice_field(
            "sector", language, list(Organization.WzSection.choices), required
        )
        self.fields["size_class"] = _choice_field(
            "size_class", language, list(Organization.SizeClass.choices), required
        )
        for code, choice_class in (
            ("funding_awareness", choices.Funding),
            ("obstacles", choices.Obstacle),
        ):
            if q.enabled(wave, code):
                self.fields[code] = _choice_field(
                    code, language, q.answer_choices(choice_class, language), False, multiple=True
                )
        if q.enabled(wave, "free_text"):
            self.fields["free_text"] = forms.CharField(
                label=q.question("free_text", language),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for custom in wave.custom_questions.all():
            self.fields[f"custom_{custom.pk}"] = self._custom_field(custom, language, required)

    @staticmethod
    def _custom_field(custom, language, required):
        return question_field(custom, language, required)

    def custom_answers(self) -> dict:
        return question_answers(self.cleaned_data, "custom_")


def topic_choices(language):
    from django.utils import translation

    with translation.override(language):
        return [("", "–")] + [
            (str(topic.pk), ("– " * depth) + topic.label_in(language))
            for topic, depth in topic_tree()
        ]


class NeedForm(forms.Form):
    """One need; a row without a topic is an empty row and is skipped."""

    def __init__(self, *args, wave, language, draft, topics, size_class="", **kwargs):
        super().__init__(*args, **kwargs)
        language = questionnaire.language_of(language)
        q = questionnaire
        self.size_class = size_class
        self.fields["topic"] = forms.ChoiceField(
            label=q.question("topic", language), choices=topics, required=False
        )
        if q.enabled(wave, "target_group"):
            self.fields["target_group"] = _choice_field(
                "target_group", language, q.answer_choices(choices.TargetGroup, language), False
            )
        self.fields["employees"] = forms.IntegerField(
            label=q.question("employees", language), min_value=1, max_value=100000, required=False
        )
        if q.enabled(wave, "urgency"):
            self.fields["urgency"] = _choice_field(
                "urgency", language, q.answer_choices(choices.Urgency, language), False
            )
        if q.enabled(wave, "format"):
            self.fields["format"] = _choice_field(
                "format", language, q.answer_choices(choices.Format, language), False
            )
        if q.enabled(wave, "time_budget_days"):
            self.fields["time_budget_days"] = GermanDecimalField(
                label=q.question("time_budget_days", language),
                min_value=0,
                max_digits=5,
                decimal_places=1,
                required=False,
            )
        if q.enabled(wave, "time_of_day"):
            self.fields["time_of_day"] = _choice_field(
                "time_of_day", language, q.answer_choices(choices.TimeOfDay, language), False
            )
        if q.enabled(wave, "budget_per_person"):
            self.fields["budget_per_person"] = MoneyField(
                label=q.question("budget_per_person", language),
                min_value=0,
                max_digits=9,
                decimal_places=2,
                required=False,
            )
        if q.enabled(wave, "details"):
            self.fields["details"] = forms.CharField(
                label=q.question("details", language), max_length=500, required=False
            )
        self.draft = draft

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topic"):
            return cleaned
        if not self.draft:
            if not cleaned.get("employees"):
                self.add_error("employees", _("Bitte angeben."))
            if "target_group" in self.fields and not cleaned.get("target_group"):
                self.add_error("target_group", _("Bitte angeben."))
        most = most_employees(self.size_class)
        if most is not None and (cleaned.get("employees") or 0) > most:
            self.add_error(
                "employees",
                _(
                    "Ein Betrieb mit %(size)s hat höchstens %(most)s Beschäftigte; bitte die Zahl prüfen."
                )
                % {"size": dict(Organization.SizeClass.choices)[self.size_class], "most": most},
            )
        return cleaned

    def need_data(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("topic"):
            return None
        return {
            "topic_id": int(data["topic"]),
            "target_group": data.get("target_group") or choices.TargetGroup.SKILLED,
            "employees": data.get("employees") or 1,
            "urgency": int(data.get("urgency") or choices.Urgency.MONTHS_12),
            "format": data.get("format") or "",
            "time_budget_days": data.get("time_budget_days"),
            "time_of_day": data.get("time_of_day") or "",
            "budget_per_person": data.get("budget_per_person"),
            "details": data.get("details") or "",
        }
