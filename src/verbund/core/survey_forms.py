"""Form parts every survey shares: a question of its own as a field, and its editor.

Used by the qualification-needs surveys (own questions) and the business-climate survey
(chamber-specific extra questions): one way to ask and to store such a question.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.fields import GermanDecimalField
from verbund.core.survey_models import SurveyQuestionBase

Kind = SurveyQuestionBase.Kind


def question_field(question, language: str, required: bool) -> forms.Field:
    """The form field of one own question in ``language`` (``required``: a submit)."""
    label = question.text_in(language)
    needed = question.required and required
    options = [(str(i), label_) for i, label_ in enumerate(question.option_labels(language))]
    if question.kind == Kind.NUMBER:
        return GermanDecimalField(label=label, required=needed)
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(label=label, required=needed, choices=[("", "–"), *options])
    if question.kind == Kind.MULTI:
        return forms.MultipleChoiceField(
            label=label, required=needed, choices=options, widget=forms.CheckboxSelectMultiple
        )
    return forms.CharField(
        label=label, required=needed, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


def question_answers(cleaned_data: dict, prefix: str) -> dict:
    """The answers to own questions as stored: {question pk: text | [option index, ...]}."""
    return {
        name.removeprefix(prefix): (str(value) if not isinstance(value, list) else value)
        for name, value in cleaned_data.items()
        if name.startswith(prefix) and value not in (None, "", [])
    }


def question_initial(answers: dict, prefix: str) -> dict:
    return {f"{prefix}{key}": value for key, value in (answers or {}).items()}


class QuestionFormMixin(forms.Form):
    """The answer options of a choice question, one a line: deutsch | englisch | französisch."""

    options_text = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eine Antwort je Zeile: deutsch | englisch | französisch."),
    )

    def clean(self):
        cleaned = super().clean()
        options = []
        for line in (cleaned.get("options_text") or "").splitlines():
            parts = [part.strip() for part in line.split("|")]
            if parts and parts[0]:
                parts += ["", ""]
                options.append({"de": parts[0], "en": parts[1], "fr": parts[2]})
        if cleaned.get("kind") in (Kind.CHOICE, Kind.MULTI) and not options:
            self.add_error("options_text", _("Bitte Antwortmöglichkeiten angeben."))
        cleaned["options"] = options
        return cleaned
