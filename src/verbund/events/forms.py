from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import ModelForm
from verbund.events.models import Event, MatchmakingSetup, MeetingRequest, Profile


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-Mail"))
    organization_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    seats = forms.IntegerField(label=_("Plätze"), min_value=1, initial=1)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["seats"].max_value = event.max_seats_per_registration
        self.fields["seats"].widget.attrs["max"] = event.max_seats_per_registration
        for index, question in enumerate(event.questions or []):
            self.fields[f"question_{index}"] = forms.CharField(
                label=question, max_length=500, required=False
            )

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        if seats > self.event.max_seats_per_registration:
            raise forms.ValidationError(
                _("Höchstens %(max)s Plätze je Anmeldung.")
                % {"max": self.event.max_seats_per_registration}
            )
        return seats

    def answers(self) -> dict:
        return {
            question: self.cleaned_data.get(f"question_{index}", "")
            for index, question in enumerate(self.event.questions or [])
        }


class EventForm(ModelForm):
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
            "host",
            "place",
            "street",
            "postcode",
            "city",
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

    def limit_choices(self, user):
        from verbund.core.models import Organization
        from verbund.core.services import access
        from verbund.events.permissions import EVENTS_MANAGE
        from verbund.networks.models import Network

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=access.organizations_with(user, EVENTS_MANAGE)
        ) | Organization.objects.filter(pk=self.instance.organization_id or 0)
        self.fields["network"].queryset = Network.objects.visible_to(user)

    def clean(self):
        cleaned = super().clean()
        cleaned["questions"] = [
            line.strip()
            for line in (cleaned.get("questions_text") or "").splitlines()
            if line.strip()
        ]
        return cleaned


class PriorityForm(forms.Form):
    priority = forms.IntegerField(label=_("Priorität"), min_value=-100, max_value=100)


class ProfileForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Profile
        fields = ["company", "city", "country", "offers", "wants", "languages", "topics"]


class MeetingRequestForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = MeetingRequest
        fields = ["message", "session"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class MatchmakingSetupForm(ModelForm):
    """The organiser's B2B setup; the rules across fields live in services.matchmaking."""

    class Meta(ModelForm.Meta):
        model = MatchmakingSetup
        fields = [
            "morning_start",
            "morning_slots",
            "afternoon_start",
            "afternoon_slots",
            "slot_minutes",
            "tables",
            "request_minutes",
            "max_pending",
        ]
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
