from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization, Topic
from verbund.core.services.geo import place_coordinates
from verbund.courses.models import (
    Funding,
    KursnetSupplier,
    Offer,
    Run,
    Synonym,
    TargetGroup,
)
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services.offers import generated_external_id
from verbund.courses.services.synonyms import parse_list

# Languages courses in the region are held in (ISO 639-1 codes, as openQ-cat stores them).
COURSE_LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("fr", _("Französisch")),
    ("pl", _("Polnisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("ar", _("Arabisch")),
    ("es", _("Spanisch")),
    ("it", _("Italienisch")),
    ("nl", _("Niederländisch")),
]


class OfferForm(ModelForm):
    # Thirty fields read as five short steps (core/_form_fields.html renders fieldsets).
    fieldsets = [
        (
            _("Angebot"),
            _("Was wird angeboten und von wem? Titel und Beschreibung erscheinen in der Suche."),
            ["provider", "title", "description", "external_id"],
        ),
        (
            _("Themen und Zielgruppen"),
            _("Damit Betriebe und Beratung das Angebot zu ihrem Bedarf finden."),
            ["topics", "keywords", "target_groups"],
        ),
        (
            _("Durchführung"),
            _("Wie und in welcher Sprache findet das Angebot statt?"),
            [
                "format",
                "instruction_code",
                "instruction_time",
                "time_of_day",
                "language",
                "hours",
                "education_type",
                "digital_accessibility",
            ],
        ),
        (
            _("Kosten, Förderung und Abschluss"),
            _("Beträge wie 1.290,50 eingeben."),
            [
                "price",
                "funding",
                "measure_number",
                "degree",
                "certificate",
                "min_participants",
                "max_participants",
            ],
        ),
        (
            _("Kontakt"),
            _("Wer beantwortet Fragen zum Angebot?"),
            ["contact_name", "contact_email", "contact_phone", "url"],
        ),
    ]

    funding = forms.MultipleChoiceField(
        label=_("Förderung"),
        choices=Funding.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Schlagwörter"),
        required=False,
        help_text=_("Durch Semikolon getrennt, z. B. „MAG; Schweißnaht“."),
    )

    class Meta(ModelForm.Meta):
        model = Offer
        fields = [
            "provider",
            "external_id",
            "title",
            "description",
            "topics",
            "keywords",
            "target_groups",
            "format",
            "instruction_code",
            "instruction_time",
            "time_of_day",
            "language",
            "hours",
            "education_type",
            "digital_accessibility",
            "price",
            "funding",
            "measure_number",
            "degree",
            "certificate",
            "min_participants",
            "max_participants",
            "contact_name",
            "contact_email",
            "contact_phone",
            "url",
        ]
        widgets = {
            "language": forms.Select(choices=COURSE_LANGUAGES),
            "description": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("label_de")
        # Target groups imported as free text (openQ-cat TARGET_GROUP_TEXT) stay choosable.
        free_text = [
            (value, value)
            for value in (self.instance.target_groups or [])
            if value not in TargetGroup.values
        ]
        self.fields["target_groups"].choices = [*TargetGroup.choices, *free_text]
        # Shown as "MAG; Schweißnaht", never as the stored list ("[]").
        self.initial["keywords"] = "; ".join(self.instance.keywords or [])
        self.fields["language"].label = _("Unterrichtssprache")
        language = self.instance.language
        if language and language not in dict(COURSE_LANGUAGES):
            # An imported offer in another language keeps it selectable.
            self.fields["language"].widget.choices = [*COURSE_LANGUAGES, (language, language)]
        self.fields["external_id"].required = False
        self.fields["external_id"].help_text = _(
            "Ihre eigene Kennung des Angebots (openQ-cat PRODUCT_ID). Leer lassen: verbund "
            "vergibt eine Nummer."
        )

    def limit_choices(self, user):
        """Offers can only be filed under provider organizations the user may edit."""
        providers = Organization.objects.with_perm(user, COURSES_EDIT_OWN)
        self.fields["provider"].queryset = providers
        if providers.count() == 1 and not self.instance.pk:
            self.initial["provider"] = providers.first()

    def clean_keywords(self):
        return parse_list(self.cleaned_data.get("keywords", "").replace(",", ";"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("external_id") and cleaned.get("provider"):
            cleaned["external_id"] = self.instance.external_id or generated_external_id(
                cleaned["provider"]
            )
        low, high = cleaned.get("min_participants"), cleaned.get("max_participants")
        if low and high and low > high:
            self.add_error(
                "min_participants",
                _("Die Mindestteilnehmerzahl darf nicht größer als die Höchstteilnehmerzahl sein."),
            )
        if "bildungsgutschein" in (cleaned.get("funding") or []) and not cleaned.get(
            "measure_number"
        ):
            self.add_error(
                "measure_number",
                _("Für den Bildungsgutschein ist die AZAV-Maßnahmenummer anzugeben."),
            )
        code, fmt = cleaned.get("instruction_code"), cleaned.get("format")
        groups = {"praesenz": 1, "online": 2, "hybrid": 3, "fernlernen": 4}
        if code and fmt and int(code) // 100 != groups.get(fmt):
            self.add_error(
                "instruction_code",
                _("Die Unterrichtsform passt nicht zum gewählten Format."),
            )
        return cleaned


class RunForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Run
        fields = [
            "external_id",
            "start_date",
            "end_date",
            "flexible_start",
            "format",
            "time_of_day",
            "street",
            "postcode",
            "city",
            "barrier_free",
            "seats_left",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende darf nicht vor dem Beginn liegen."))
        if not start and not cleaned.get("flexible_start"):
            self.add_error(
                "start_date",
                _("Bitte einen Beginn angeben oder „Einstieg jederzeit möglich“ wählen."),
            )
        fmt = cleaned.get("format") or (self.offer.format if self.offer else "")
        if fmt in ("praesenz", "hybrid") and not cleaned.get("city"):
            self.add_error("city", _("Für Präsenz- und Hybridtermine ist der Ort anzugeben."))
        elif fmt in ("praesenz", "hybrid") and not place_coordinates(
            f"{cleaned.get('postcode') or ''} {cleaned['city']}"
        ):
            # A run nobody can find in the radius search is worse than a refused one.
            self.add_error(
                "city",
                _(
                    "Ort „%(city)s“ ist unbekannt. Bitte einen Ort in Deutschland mit "
                    "Postleitzahl angeben, damit der Termin in der Umkreissuche erscheint."
                )
                % {"city": cleaned["city"]},
            )
        return cleaned


class SynonymForm(ModelForm):
    words = forms.CharField(
        label=_("Synonyme"),
        help_text=_("Durch Semikolon oder Komma getrennt, z. B. „Tabellenkalkulation; Calc“."),
    )

    class Meta(ModelForm.Meta):
        model = Synonym
        fields = ["term"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["words"] = "; ".join(self.instance.synonyms)

    def clean_words(self):
        words = parse_list(self.cleaned_data["words"])
        if not words:
            raise forms.ValidationError(_("Bitte mindestens ein Synonym angeben."))
        return words


class ImportForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Bildungsanbieter"), queryset=Organization.objects.none()
    )
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("CSV (UTF-8 oder Windows-1252), XLSX oder openQ-cat-XML."),
    )
    dry_run = forms.BooleanField(label=_("Nur prüfen, nichts speichern"), required=False)
    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und gültige Angebote speichern"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organization.objects.with_perm(user, COURSES_EDIT_OWN)

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xml")):
            raise forms.ValidationError(
                _("Bitte eine Datei im Format CSV, XLSX oder openQ-cat-XML hochladen.")
            )
        return upload


class KursnetSupplierForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = KursnetSupplier
        fields = ["supplier_id", "institution_type"]
