"""Placements abroad offered by host organizations."""

from verbund.core.services import editing, geo
from verbund.core.views.generic import ObjectDetailView, ObjectFormView, ObjectListView
from verbund.mobility import forms
from verbund.mobility.models import Placement
from verbund.mobility.permissions import MOBILITY_PLAN


class PlacementListView(ObjectListView):
    model = Placement
    template_name = "mobility/placement_list.html"
    search_fields = ("title", "host__name", "city", "occupations__name")
    filter_fields = ("network", "language")
    sort_options = {"start": "start", "title": "title", "city": "city"}
    default_sort = "start"
    create_url_name = "mobility:placement_create"
    create_perm = MOBILITY_PLAN

    def get_queryset(self):
        return (
            super().get_queryset().select_related("host", "network").prefetch_related("occupations")
        )


class PlacementDetailView(ObjectDetailView):
    model = Placement
    edit_perm = MOBILITY_PLAN
    template_name = "mobility/placement_detail.html"


class PlacementFormView(ObjectFormView):
    model = Placement
    form_class = forms.PlacementForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.placement"

    def save(self, obj, data, form):
        if data.get("lat") is None or data.get("lon") is None:
            point = geo.town_coordinates(data["city"], data["country"])
            if point:
                data["lat"], data["lon"] = point
        return editing.save_changes(obj, data, self.request.user, self.action_prefix)
