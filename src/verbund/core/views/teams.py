"""Teams of an organization or a network and the named permissions they hold."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.models import Organization, Team
from verbund.core.permissions import PERMISSIONS, TEAMS_MANAGE
from verbund.core.services import access, editing, grants


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    permissions = forms.MultipleChoiceField(
        label=gettext_lazy("Berechtigungen"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Mitglieder"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Benutzerkonten der Personen dieser Organisation."),
    )

    def __init__(self, *args, organization, user, team=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        allowed = grants.grantable(user, organization)
        self.kept = [
            PERMISSIONS.get(perm, perm)
            for perm in grants.kept_permissions(user, organization, team)
        ]
        self.fields["permissions"].choices = sorted(
            (code, f"{label} ({code})") for code, label in PERMISSIONS.items() if code in allowed
        )
        self.fields["permissions"].help_text = gettext_lazy(
            "Sie können nur Berechtigungen vergeben, die Sie in dieser Organisation selbst haben."
        )
        self.fields["members"].queryset = get_user_model().objects.filter(
            person__organization=organization, is_active=True
        )
        self.fields["members"].label_from_instance = lambda account: (
            f"{account.person.full_name} ({account.get_username()})"
        )
        if self.kept:
            self.fields["members"].disabled = True
            self.fields["members"].help_text = gettext_lazy(
                "Mitglieder dieses Teams ändern nur Personen, die alle seine Berechtigungen haben."
            )


def _organization(request, pk):
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    access.require(request.user, TEAMS_MANAGE, organization)
    return organization


@login_required
def team_list(request, pk):
    organization = _organization(request, pk)
    teams = organization.teams.prefetch_related("members__person")
    return render(
        request,
        "core/team_list.html",
        {"organization": organization, "teams": teams, "labels": PERMISSIONS},
    )


@login_required
def team_form(request, pk, team_pk=None):
    organization = _organization(request, pk)
    team = get_object_or_404(organization.teams, pk=team_pk) if team_pk else None
    initial = (
        {"name": team.name, "permissions": team.permissions, "members": team.members.all()}
        if team
        else {}
    )
    form = TeamForm(
        request.POST or None,
        initial=initial,
        organization=organization,
        user=request.user,
        team=team,
    )
    if request.method == "POST" and form.is_valid():
        members = list(form.cleaned_data["members"])
        grants.check_team_members_change(
            request.user, organization, team, team.members.all() if team else [], members
        )
        permissions = grants.permissions_after_change(
            request.user, organization, team, form.cleaned_data["permissions"]
        )
        with transaction.atomic():
            saved = editing.save_changes(
                team or Team(organization=organization),
                {"name": form.cleaned_data["name"], "permissions": permissions, "members": members},
                request.user,
                "core.team",
            )
        for member in saved.members.all():
            access.forget(member)
        messages.success(request, _("Team gespeichert."))
        return redirect("core:team_list", pk=organization.pk)
    return render(
        request,
        "core/team_form.html",
        {"organization": organization, "team": team, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def team_delete(request, pk, team_pk):
    organization = _organization(request, pk)
    team = get_object_or_404(organization.teams, pk=team_pk)
    grants.check_team_delete(request.user, organization, team)
    if request.method == "POST":
        editing.delete_object(team, request.user, "core.team")
        messages.success(request, _("Team gelöscht."))
        return redirect("core:team_list", pk=organization.pk)
    return render(
        request,
        "core/object_confirm_delete.html",
        {"object": team, "cancel_url": reverse("core:team_list", args=[organization.pk])},
    )
