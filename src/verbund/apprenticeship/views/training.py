"""A company's side: overview, training profiles with gaps, apprentices, trainers, stations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from verbund.apprenticeship.forms import (
    ApprenticeForm,
    CoversForm,
    ProfileForm,
    StationForm,
    TrainerForm,
)
from verbund.apprenticeship.models import (
    PartnerRequest,
    RotationRun,
    Station,
    Trainer,
    TrainingProfile,
)
from verbund.apprenticeship.permissions import MANAGE_TRAINING, PLAN_ROTATION
from verbund.apprenticeship.querysets import training_networks
from verbund.apprenticeship.services import training
from verbund.core.services import access, audit, editing
from verbund.core.views.generic import ObjectFormView, editable_object
from verbund.networks.models import Network


@login_required
def index(request):
    user = request.user
    networks = training_networks(Network.objects.visible_to(user))
    return render(
        request,
        "apprenticeship/index.html",
        {
            "profiles": TrainingProfile.objects.visible_to(user)
            .filter(
                organization__in=access.member_organization_ids(user)
                if not user.is_superuser
                else TrainingProfile.objects.values("organization")
            )
            .select_related("organization", "occupation"),
            "requests": PartnerRequest.objects.visible_to(user).select_related(
                "requester", "partner", "occupation"
            )[:20],
            "networks": networks,
            "runs": RotationRun.objects.visible_to(user).select_related("network", "occupation")[
                :10
            ],
            "may_manage": access.has_perm(user, MANAGE_TRAINING),
            "may_plan": access.has_perm(user, PLAN_ROTATION),
        },
    )


@login_required
def profile_detail(request, pk):
    profile = get_object_or_404(
        TrainingProfile.objects.visible_to(request.user).select_related(
            "organization", "occupation"
        ),
        pk=pk,
    )
    may_edit = access.has_perm(request.user, MANAGE_TRAINING, profile)
    return render(
        request,
        "apprenticeship/profile_detail.html",
        {
            "profile": profile,
            "gaps": training.gaps(profile),
            "apprentices": profile.apprentices.visible_to(request.user)
            if hasattr(profile.apprentices, "visible_to")
            else profile.apprentices.none(),
            "may_edit": may_edit,
            "history": audit.entries_for(profile)[:20],
        },
    )


@login_required
def profile_covers(request, pk):
    profile = editable_object(request.user, TrainingProfile, pk, MANAGE_TRAINING)
    form = CoversForm(profile, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        editing.save_changes(
            profile, {"covers": form.covers()}, request.user, "apprenticeship.profile"
        )
        messages.success(request, _("Gespeichert."))
        return redirect(profile.get_absolute_url())
    return render(
        request,
        "apprenticeship/profile_covers.html",
        {"profile": profile, "form": form},
        status=400 if request.method == "POST" else 200,
    )


class ProfileFormView(ObjectFormView):
    model = TrainingProfile
    form_class = ProfileForm
    perm = MANAGE_TRAINING
    action_prefix = "apprenticeship.profile"


class ApprenticeFormView(ObjectFormView):
    form_class = ApprenticeForm
    perm = MANAGE_TRAINING
    action_prefix = "apprenticeship.apprentice"

    @property
    def model(self):
        from verbund.apprenticeship.models import Apprentice

        return Apprentice

    def profile(self):
        return editable_object(
            self.request.user, TrainingProfile, self.kwargs["profile"], MANAGE_TRAINING
        )

    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        profile = self.profile()
        return self.model(profile=profile)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = (
            kwargs["object"].profile.get_absolute_url() if kwargs.get("object") else None
        )
        return context


class TrainerFormView(ObjectFormView):
    model = Trainer
    form_class = TrainerForm
    perm = MANAGE_TRAINING
    action_prefix = "apprenticeship.trainer"

    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        access.require(self.request.user, self.perm)  # any organization; the form limits which
        return Trainer()


class StationFormView(ObjectFormView):
    model = Station
    form_class = StationForm
    perm = MANAGE_TRAINING
    action_prefix = "apprenticeship.station"

    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        access.require(self.request.user, self.perm)
        return Station()

    def save(self, obj, data, form):
        if not access.has_perm(
            self.request.user, self.perm, data.get("organization") or obj.organization
        ):
            raise ValidationError(_("Für diesen Anbieter dürfen Sie keine Stationen anlegen."))
        return training.save_station(obj, data, self.request.user)


class ProfileCreateView(ProfileFormView):
    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        access.require(self.request.user, self.perm)
        return TrainingProfile()

    def save(self, obj, data, form):
        if not access.has_perm(
            self.request.user, self.perm, data.get("organization") or obj.organization
        ):
            raise ValidationError(_("Für diesen Betrieb dürfen Sie kein Profil anlegen."))
        return editing.save_changes(obj, data, self.request.user, self.action_prefix)


@login_required
def trainer_list(request):
    trainers = (
        Trainer.objects.visible_to(request.user)
        .select_related("person", "organization", "aevo_chamber")
        .prefetch_related("positions")
    )
    return render(
        request,
        "apprenticeship/trainer_list.html",
        {"trainers": trainers, "may_create": access.has_perm(request.user, MANAGE_TRAINING)},
    )


@login_required
def station_list(request):
    stations = Station.objects.visible_to(request.user).select_related(
        "organization", "position__plan__occupation"
    )
    occupation = request.GET.get("beruf")
    if occupation and occupation.isdigit():
        stations = stations.filter(position__plan__occupation=occupation)
    return render(
        request,
        "apprenticeship/station_list.html",
        {"stations": stations, "may_create": access.has_perm(request.user, MANAGE_TRAINING)},
    )
