from verbund.core.forms import OrganizationForm, PersonForm
from verbund.core.models import Organization, Person
from verbund.core.permissions import ORGANIZATIONS_EDIT, TEAMS_MANAGE
from verbund.core.services.access import has_perm
from verbund.core.services.dashboard import context_for
from verbund.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
)


class OrganizationListView(ObjectListView):
    model = Organization
    template_name = "core/organization_list.html"
    search_fields = ("name", "short_name", "city", "postcode")
    filter_fields = ("kind", "region")
    sort_options = {"name": "name", "city": "city", "kind": "kind"}
    default_sort = "name"
    create_url_name = "core:organization_create"
    create_perm = ORGANIZATIONS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = Organization.Kind.choices
        return context


class OrganizationDetailView(ObjectDetailView):
    model = Organization
    template_name = "core/organization_detail.html"
    edit_perm = ORGANIZATIONS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = context["object"]
        user = self.request.user
        context.update(
            people=Person.objects.visible_to(user).filter(organization=organization),
            may_manage_teams=has_perm(user, TEAMS_MANAGE, organization),
        )
        # The apps add their parts (networks: memberships and the activity timeline).
        context.update(context_for("organization_detail", user, organization=organization))
        return context


class OrganizationFormView(ObjectFormView):
    model = Organization
    form_class = OrganizationForm
    perm = ORGANIZATIONS_EDIT
    action_prefix = "core.organization"


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "core/person_detail.html"
    edit_perm = ORGANIZATIONS_EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_manage_privacy"] = has_perm(
            self.request.user, "privacy.manage", context["object"]
        )
        return context


class PersonFormView(ObjectFormView):
    model = Person
    form_class = PersonForm
    perm = ORGANIZATIONS_EDIT
    action_prefix = "core.person"

    def get_parent_for_permission(self):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            Organization.objects.visible_to(self.request.user), pk=self.kwargs["organization"]
        )

    def new_object(self):
        return Person(organization=self.get_parent_for_permission())


class PersonDeleteView(ObjectDeleteView):
    model = Person
    perm = ORGANIZATIONS_EDIT
    action_prefix = "core.person"

    def get_success_url(self, obj):
        return obj.organization.get_absolute_url() if obj.organization else "/"
