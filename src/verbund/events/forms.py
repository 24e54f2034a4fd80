from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from verbund.core.fields import GermanDecimalField
from verbund.core.forms import ModelForm
from verbund.events import b2b_choices
from verbund.events.models import Event, MatchmakingSetup, MeetingRequest, Profile
from verbund.events.services.matchmaking import SCHEDULE_FIELDS


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-Mail"))
    organization_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    seats = forms.IntegerField(label=_("Plätze"), min_value=1, initial=1)
    # Voluntary and revocable, said in the label: a help text under a check box wraps
    # word by word in the form layout.
    photo_consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass Fotos der Veranstaltung, auf denen ich zu sehen bin, "
            "veröffentlicht werden (freiwillig, jederzeit widerrufbar)."
        ),
        required=False,
    )
    newsletter_consent = forms.BooleanField(
        label=_(
            "Ich möchte per E-Mail über weitere Veranstaltungen informiert werden "
            "(freiwillig, jederzeit widerrufbar)."
        ),
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        # The event's own questions come before the voluntary consents.
        consents = [self.fields.pop("photo_consent"), self.fields.pop("newsletter_consent")]
        self.event = event
        self.fields["seats"].max_value = event.max_seats_per_registration
        self.fields["seats"].widget.attrs["max"] = event.max_seats_per_registration
        for index, question in enumerate(event.questions or []):
            self.fields[f"question_{index}"] = forms.CharField(
                label=question, max_length=500, required=False
            )
        self.fields["photo_consent"], self.fields["newsletter_consent"] = consents

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        if seats > self.event.max_seats_per_registration:
            raise forms.ValidationError(
                _("Höchstens %(max)s Plätze je Anmeldung.")
                % {"max": self.event.max_seats_per_registration}
            )
        return seats

    def consents(self) -> frozenset[str]:
        return frozenset(
            name for name in ("photo", "newsletter") if self.cleaned_data.get(f"{name}_consent")
        )

    def answers(self) -> dict:
        return {
            question: self.cleaned_data.get(f"question_{index}", "")
            for index, question in enumerate(self.event.questions or [])
        }


def _coordinate(label, limit):
    # A text field, not type=number: coordinates are copied as "51,2937" from German maps.
    return GermanDecimalField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        error_messages={
            "invalid": _("Bitte eine Koordinate als Dezimalzahl angeben, z. B. 51,2937."),
            "min_value": _("Bitte einen Wert von mindestens %(limit_value)s angeben."),
            "max_value": _("Bitte einen Wert von höchstens %(limit_value)s angeben."),
        },
    )


class EventForm(ModelForm):
    lat = _coordinate(_("Breite"), 90)
    lon = _coordinate(_("Länge"), 180)
    questions_text = forms.CharField(
        label=_("Fragen bei der Anmeldung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Frage je Zeile."),
    )

    class Meta(ModelForm.Meta):
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "visibility",
            "organization",
            "network",
            "activity",
            "exam_training",
            "host",
            "place",
            "street",
            "postcode",
            "city",
            "country",
            "lat",
            "lon",
            "start",
            "end",
            "capacity",
            "overbooking_margin",
            "max_seats_per_registration",
            "registration_opens",
            "registration_deadline",
            "waitlist_mode",
            "offer_hours",
            "topics",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "registration_opens": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["questions_text"].initial = "\n".join(self.instance.questions or [])
        # Germany unless the organiser says otherwise (events in partner regions abroad).
        self.fields["country"].required = False
        self.fields["country"].help_text = _("Zweistelliger Ländercode, z. B. DE oder FR.")

    def limit_choices(self, user):
        from django.db.models import Q

        from verbund.core.models import Organization
        from verbund.core.services import access
        from verbund.events.permissions import EVENTS_MANAGE
        from verbund.exams.models import Training
        from verbund.networks.models import Activity, Network

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=access.organizations_with(user, EVENTS_MANAGE)
        ) | Organization.objects.filter(pk=self.instance.organization_id or 0)
        self.fields["network"].queryset = Network.objects.visible_to(user)
        # Activities and trainings only of networks/organizations whose events the user
        # manages (an event may only point at what its organisers run), plus the current one.
        organizations = access.organizations_with(user, EVENTS_MANAGE)
        networks = set(access.networks_with(user, EVENTS_MANAGE)) | set(
            Network.objects.filter(memberships__organization__in=organizations).values_list(
                "pk", flat=True
            )
        )
        self.fields["activity"].queryset = Activity.objects.filter(
            Q(network__in=networks) | Q(pk=self.instance.activity_id or 0)
        ).select_related("network")
        self.fields["exam_training"].queryset = Training.objects.filter(
            Q(network__in=networks)
            | Q(chamber__in=organizations)
            | Q(pk=self.instance.exam_training_id or 0)
        )

    def clean_country(self):
        value = (self.cleaned_data.get("country") or "DE").strip().upper()
        if not (len(value) == 2 and value.isalpha() and value.isascii()):
            raise forms.ValidationError(_("Bitte einen zweistelligen Ländercode wie „DE“."))
        return value

    def clean_lat(self):
        return _as_float(self.cleaned_data.get("lat"))

    def clean_lon(self):
        return _as_float(self.cleaned_data.get("lon"))

    def clean(self):
        cleaned = super().clean()
        both_parsed = "lat" not in self.errors and "lon" not in self.errors
        if both_parsed and (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            self.add_error("lon", _("Bitte Breite und Länge zusammen angeben."))
        activity, network = cleaned.get("activity"), cleaned.get("network")
        if activity is not None:
            if network is None:
                # The activity says which network the event belongs to.
                cleaned["network"] = activity.network
            elif activity.network_id != network.pk:
                self.add_error("activity", _("Die Aktivität gehört nicht zum gewählten Netzwerk."))
        if cleaned.get("exam_training") and cleaned.get("kind") != Event.Kind.EXAMINER_TRAINING:
            self.add_error(
                "exam_training",
                _(
                    "Nur eine Veranstaltung der Art „Prüferschulung“ kann mit einer Prüferschulung verknüpft werden."
                ),
            )
        cleaned["questions"] = [
            line.strip()
            for line in (cleaned.get("questions_text") or "").splitlines()
            if line.strip()
        ]
        return cleaned


def _as_float(value):
    return None if value is None else float(value)


class PriorityForm(forms.Form):
    priority = forms.IntegerField(label=_("Priorität"), min_value=-100, max_value=100)


class ProfileForm(ModelForm):
    """Country and languages chosen by name (issue 25: "Land (ISO)" and "de, fr, en" made
    "Deutschland" into a town)."""

    country = forms.ChoiceField(label=_("Land"), choices=b2b_choices.COUNTRIES)
    languages = forms.MultipleChoiceField(
        label=_("Gesprächssprachen"),
        choices=b2b_choices.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(ModelForm.Meta):
        model = Profile
        fields = ["company", "city", "country", "offers", "wants", "languages", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = self.instance.language_list
        known = dict(b2b_choices.COUNTRIES)
        if self.instance.country and self.instance.country not in known:
            self.fields["country"].choices = [
                *b2b_choices.COUNTRIES,
                (self.instance.country, self.instance.country),
            ]

    def clean_languages(self):
        return ", ".join(self.cleaned_data["languages"])


class MeetingRequestForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = MeetingRequest
        fields = ["message", "session"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class MatchmakingSetupForm(ModelForm):
    """The organiser's B2B setup; the rules across fields live in services.matchmaking."""

    class Meta(ModelForm.Meta):
        model = MatchmakingSetup
        fields = [*SCHEDULE_FIELDS, "request_minutes", "max_pending"]
        widgets = {
            "morning_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "afternoon_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "request_minutes": _("15 Minuten bis 10 Tage (14.400 Minuten); 3 Tage = 4.320."),
            "max_pending": _(
                "Begrenzt, wie viele unbeantwortete Anfragen jemand gleichzeitig hat."
            ),
        }

    def __init__(self, *args, **kwargs):
        from verbund.events.services import matchmaking

        super().__init__(*args, **kwargs)
        bounds = {
            "morning_slots": (0, 144, _("Am Vormittag sind 0 bis 144 Slots möglich.")),
            "afternoon_slots": (0, 144, _("Am Nachmittag sind 0 bis 144 Slots möglich.")),
            "slot_minutes": (10, 60, _("Ein Gespräch dauert 10 bis 60 Minuten.")),
            "tables": (
                1,
                matchmaking.MAX_TABLES,
                _("Es ist mindestens ein Tisch nötig, höchstens 1.000."),
            ),
            "request_minutes": (
                15,
                10 * 24 * 60,
                _("Anfragen verfallen frühestens nach 15 Minuten, spätestens nach 10 Tagen."),
            ),
            "max_pending": (1, 1000, _("Je Person sind 1 bis 1.000 offene Anfragen möglich.")),
        }
        # Clear German messages instead of Django's generic "greater than or equal to".
        for name, (low, high, message) in bounds.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.widget.attrs.update(min=low, max=high)
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, MinValueValidator | MaxValueValidator)
            ] + [MinValueValidator(low, message), MaxValueValidator(high, message)]
        if matchmaking.schedule_published(self.instance):
            self.fields["confirm"] = forms.BooleanField(
                label=_("Ich weiß: der veröffentlichte Terminplan muss neu berechnet werden."),
                required=False,
            )

    def clean(self):
        from verbund.events.services import matchmaking

        cleaned = super().clean()
        for problem in matchmaking.setup_problems(cleaned):
            self.add_error(None, problem)
        return cleaned
