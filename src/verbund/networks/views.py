from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import audit, editing
from verbund.core.services.params import parse_id
from verbund.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    editable_object,
)
from verbund.networks import forms
from verbund.networks.models import (
    Activity,
    Agreement,
    Attachment,
    CalendarFeed,
    FundingSource,
    Goal,
    GoalProgress,
    Invitation,
    Membership,
    Network,
    Review,
)
from verbund.networks.permissions import NETWORKS_EDIT
from verbund.networks.services import calendar, feeds, networks, roles, timeline


class NetworkListView(ObjectListView):
    model = Network
    template_name = "networks/network_list.html"
    search_fields = ("name", "short_name", "description")
    filter_fields = ("kind",)
    sort_options = {"name": "name", "since": "since", "kind": "kind"}
    default_sort = "name"
    create_url_name = "networks:network_create"
    create_perm = NETWORKS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = Network.Kind.choices
        return context


class NetworkDetailView(ObjectDetailView):
    model = Network
    template_name = "networks/network_detail.html"
    edit_perm = NETWORKS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = context["object"]
        context.update(
            memberships=network.memberships.select_related("organization").order_by(
                "role", "organization__name"
            ),
            funding=network.funding_sources.select_related("organization"),
            funding_total=networks.funding_total(network),
            agreements=network.agreements.prefetch_related("parties", "decisions__organization"),
            goals=network.goals.select_related("agreement"),
            reviews=network.reviews.prefetch_related("progress__goal"),
            upcoming=timeline.upcoming_activities(self.request.user, network=network),
            timeline=timeline.timeline_for_network(network, self.request.user),
            invitations=Invitation.objects.with_perm(self.request.user, NETWORKS_EDIT)
            .filter(network=network)
            .select_related("organization")[:50],
        )
        return context


class NetworkFormView(ObjectFormView):
    model = Network
    perm = NETWORKS_EDIT
    action_prefix = "networks.network"

    @property
    def form_class(self):
        return forms.NetworkForm if "pk" in self.kwargs else forms.NetworkCreateForm

    def save(self, obj, data, form):
        if "pk" in self.kwargs:
            return super().save(obj, data, form)
        return networks.create_network(data, form.cleaned_data["lead"], self.request.user)


def _network_for_edit(request, network_pk):
    return editable_object(request.user, Network, network_pk, NETWORKS_EDIT)


class NetworkPartFormView(ObjectFormView):
    """Create (URL has ``network``) or edit (URL has ``pk``) one part of a network."""

    perm = NETWORKS_EDIT

    def get_parent_for_permission(self):
        return get_object_or_404(
            Network.objects.visible_to(self.request.user), pk=self.kwargs["network"]
        )

    def new_object(self):
        return self.model(network=self.get_parent_for_permission())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = context["object"].network.get_absolute_url()
        context["network"] = context["object"].network
        return context

    def save(self, obj, data, form):
        if self.model is Membership:
            try:
                roles.check_membership_change(self.request.user, obj.network, obj.pk, data)
            except PermissionDenied as denied:
                raise ValidationError(str(denied)) from denied
        return super().save(obj, data, form)


class NetworkPartDeleteView(ObjectDeleteView):
    perm = NETWORKS_EDIT

    def post(self, request, *args, **kwargs):
        if self.model is Membership:
            membership = self.get_object()
            roles.check_membership_change(request.user, membership.network, membership.pk, None)
        return super().post(request, *args, **kwargs)


class ReviewFormView(NetworkPartFormView):
    model = Review
    form_class = forms.ReviewForm
    action_prefix = "networks.review"

    def save(self, obj, data, form):
        with transaction.atomic():
            review = super().save(obj, data, form)
            for goal, (status, progress) in form.goal_progress().items():
                entry, _created = GoalProgress.objects.update_or_create(
                    review=review, goal=goal, defaults={"status": status, "progress": progress}
                )
                if goal.status != status:
                    editing.save_changes(
                        goal, {"status": status}, self.request.user, "networks.goal"
                    )
            return review


def part_views(model, form_class, action_prefix):
    """The create/edit and delete views of one kind of network part."""
    form_view = type(
        f"{model.__name__}FormView",
        (NetworkPartFormView,),
        {"model": model, "form_class": form_class, "action_prefix": action_prefix},
    )
    delete_view = type(
        f"{model.__name__}DeleteView",
        (NetworkPartDeleteView,),
        {"model": model, "action_prefix": action_prefix},
    )
    return form_view, delete_view


PARTS = {
    "mitglieder": (Membership, forms.MembershipForm, "networks.membership"),
    "finanzierung": (FundingSource, forms.FundingSourceForm, "networks.funding"),
    "vereinbarungen": (Agreement, forms.AgreementForm, "networks.agreement"),
    "ziele": (Goal, forms.GoalForm, "networks.goal"),
    "aktivitaeten": (Activity, forms.ActivityForm, "networks.activity"),
}


class ActivityDetailView(ObjectDetailView):
    model = Activity
    template_name = "networks/activity_detail.html"
    edit_perm = NETWORKS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachment_form"] = kwargs.get("attachment_form") or forms.AttachmentForm()
        context["attachments"] = context["object"].attachments.all()
        return context


@login_required
@require_POST
def attachment_upload(request, pk):
    activity = editable_object(request.user, Activity, pk, NETWORKS_EDIT)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        view = ActivityDetailView()
        view.setup(request, pk=pk)
        return render(
            request,
            "networks/activity_detail.html",
            view.get_context_data(attachment_form=form),
            status=400,
        )
    attachment = form.save(commit=False)
    attachment.activity = activity
    attachment.save()
    audit.record(
        activity,
        "networks.activity.attachment_added",
        user=request.user,
        data={"title": attachment.title},
    )
    return redirect(activity.get_absolute_url())


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(
        Attachment.objects.filter(activity__in=Activity.objects.visible_to(request.user)), pk=pk
    )
    return FileResponse(attachment.file.open("rb"), as_attachment=True)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    activity = editable_object(request.user, Activity, attachment.activity_id, NETWORKS_EDIT)
    audit.record(
        activity,
        "networks.activity.attachment_removed",
        user=request.user,
        data={"title": attachment.title},
    )
    attachment.file.delete(save=False)
    attachment.delete()
    return redirect(activity.get_absolute_url())


@login_required
def network_calendar(request, pk):
    """ICS of a network's upcoming activities for the signed-in user (calendar apps use a
    subscription with its own secret instead, see ``feed_ics``)."""
    network = get_object_or_404(Network.objects.visible_to(request.user), pk=pk)
    return _ics(request.user, network, f"netzwerk-{network.pk}.ics")


def _ics(user, network, filename):
    title = str(network) if network is not None else _("Meine Netzwerke")
    body = calendar.activities_ics(timeline.upcoming_activities(user, network=network), title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed_ics(request, secret):
    """A calendar subscription: the secret is the only credential, scoped to this feed."""
    feed = feeds.feed_for_secret(secret)
    if feed is None:
        raise Http404
    network = feed.network
    if network is not None and not Network.objects.visible_to(feed.user).filter(pk=network.pk):
        raise Http404  # the owner lost access to the network: so does the feed
    response = _ics(feed.user, network, "kalender.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def calendar_feeds(request):
    """The user's subscriptions: create one (the address is shown once), revoke any."""
    networks_seen = Network.objects.visible_to(request.user).order_by("name")
    new_url = ""
    if request.method == "POST":
        network = None
        network_pk = parse_id(request.POST.get("network"))
        if network_pk is not None:
            network = get_object_or_404(networks_seen, pk=network_pk)
        _feed, secret = feeds.create_feed(request.user, network)
        new_url = request.build_absolute_uri(reverse("networks:feed_ics", args=[secret]))
    return render(
        request,
        "networks/calendar_feeds.html",
        {
            "feeds": CalendarFeed.objects.visible_to(request.user).select_related("network"),
            "networks": networks_seen,
            "new_url": new_url,
        },
        status=201 if new_url else 200,
    )


@login_required
@require_POST
def calendar_feed_revoke(request, pk):
    feed = get_object_or_404(CalendarFeed.objects.visible_to(request.user), pk=pk)
    feeds.revoke(feed, request.user)
    messages.success(request, _("Kalender-Abo widerrufen."))
    return redirect("networks:calendar_feeds")


@login_required
def my_calendar(request):
    return _ics(request.user, None, "kalender.ics")
