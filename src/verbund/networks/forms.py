from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization
from verbund.core.services.uploads import check_document
from verbund.core.widgets import use_organization_search
from verbund.networks.models import (
    Activity,
    Agreement,
    Attachment,
    FundingSource,
    Goal,
    Membership,
    Network,
    Review,
)
from verbund.networks.permissions import NETWORKS_EDIT

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class NetworkForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Network
        fields = [
            "name",
            "short_name",
            "kind",
            "since",
            "description",
            "website",
            "budget",
            "currency",
            "budget_period",
            "regions",
            "is_public",
        ]
        widgets = {
            "since": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
            "regions": forms.SelectMultiple(attrs={"size": 8}),
        }


class NetworkCreateForm(NetworkForm):
    lead = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Federführende Organisation"),
        help_text=_("Organisationen, für die Sie Netzwerke bearbeiten dürfen."),
    )

    class Meta(NetworkForm.Meta):
        fields = ["lead", *NetworkForm.Meta.fields]

    def limit_choices(self, user):
        self.fields["lead"].queryset = Organization.objects.with_perm(user, NETWORKS_EDIT)


class NetworkPartForm(ModelForm):
    """Forms of a network's parts; the network comes from the URL, never from the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = self.instance.network

    def members_only(self, field_name):
        self.fields[field_name].queryset = Organization.objects.filter(
            memberships__network=self.network
        ).distinct()


class MembershipForm(NetworkPartForm):
    """Edit a membership; the organization is fixed (it joined by consent, issue 24)."""

    class Meta(ModelForm.Meta):
        model = Membership
        fields = ["role", "since", "until", "note"]
        widgets = {"since": DateInput(), "until": DateInput()}


class InvitationForm(forms.Form):
    """Invite an organization (or, as administrator, add one without users directly)."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(), label=_("Organisation")
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    note = forms.CharField(label=_("Nachricht an die Organisation"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any organization of the directory may be invited: searched, not a select.
        use_organization_search(self, "organization")


class FundingSourceForm(NetworkPartForm):
    class Meta(ModelForm.Meta):
        model = FundingSource
        fields = ["funder", "organization", "share_percent", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].required = False


class AgreementForm(NetworkPartForm):
    class Meta(ModelForm.Meta):
        model = Agreement
        fields = ["title", "parties", "decided_on", "signed_on", "goals_text"]
        widgets = {
            "decided_on": DateInput(),
            "signed_on": DateInput(),
            "goals_text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.members_only("parties")


class GoalForm(NetworkPartForm):
    class Meta(ModelForm.Meta):
        model = Goal
        fields = ["title", "description", "agreement", "status", "due"]
        widgets = {"due": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(network=self.network)


class ReviewForm(NetworkPartForm):
    """The annual review, with one status and progress note per goal of the network."""

    class Meta(ModelForm.Meta):
        model = Review
        fields = ["date", "summary", "next_steps"]
        widgets = {
            "date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = (
            {entry.goal_id: entry for entry in self.instance.progress.all()}
            if self.instance.pk
            else {}
        )
        self.goals = list(Goal.objects.filter(network=self.network))
        for goal in self.goals:
            entry = existing.get(goal.pk)
            self.fields[f"goal_{goal.pk}_status"] = forms.ChoiceField(
                label=_("Status: %(goal)s") % {"goal": goal.title},
                choices=Goal.Status.choices,
                initial=entry.status if entry else goal.status,
            )
            self.fields[f"goal_{goal.pk}_progress"] = forms.CharField(
                label=_("Fortschritt: %(goal)s") % {"goal": goal.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=entry.progress if entry else "",
            )

    def goal_progress(self) -> dict:
        return {
            goal: (
                self.cleaned_data[f"goal_{goal.pk}_status"],
                self.cleaned_data[f"goal_{goal.pk}_progress"],
            )
            for goal in self.goals
        }


class ActivityForm(NetworkPartForm):
    class Meta(ModelForm.Meta):
        model = Activity
        fields = [
            "kind",
            "title",
            "start",
            "end",
            "start_time",
            "end_time",
            "place",
            "region",
            "organizations",
            "notes",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "organizations": forms.SelectMultiple(attrs={"size": 8}),
        }


class AttachmentForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Attachment
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_document(upload, MAX_ATTACHMENT_BYTES)
        return upload


class PartyDecisionForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Vertragspartei"), queryset=Organization.objects.none()
    )
    decided_on = forms.DateField(label=_("Beschlossen am"), widget=DateInput())
    body = forms.CharField(
        label=_("Beschlussgremium"),
        max_length=120,
        required=False,
        help_text=_("Zum Beispiel Vollversammlung, Präsidium, Kreistag"),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = agreement.parties.order_by("name")
