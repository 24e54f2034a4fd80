from django.urls import path

from verbund.core.observability import metrics
from verbund.core.views import (
    choices,
    dashboard,
    jobs,
    legal,
    organizations,
    privacy,
    search,
    styleguide,
    teams,
    tokens,
)
from verbund.core.views import health as health_views

app_name = "core"
urlpatterns = [
    # For load balancers and monitoring (docs/deployment.md), outside the German URL scheme.
    path("healthz", health_views.healthz, name="healthz"),
    path("readyz", health_views.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("", dashboard.dashboard, name="dashboard"),
    path("suche/", search.search, name="search"),
    path("organisationen/", organizations.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organisationen/neu/",
        organizations.OrganizationFormView.as_view(),
        name="organization_create",
    ),
    path(
        "organisationen/<int:pk>/",
        organizations.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path(
        "organisationen/<int:pk>/bearbeiten/",
        organizations.OrganizationFormView.as_view(),
        name="organization_edit",
    ),
    path(
        "organisationen/<int:organization>/personen/neu/",
        organizations.PersonFormView.as_view(),
        name="person_create",
    ),
    path("personen/<int:pk>/", organizations.PersonDetailView.as_view(), name="person_detail"),
    path(
        "personen/<int:pk>/bearbeiten/",
        organizations.PersonFormView.as_view(),
        name="person_edit",
    ),
    path(
        "personen/<int:pk>/loeschen/",
        organizations.PersonDeleteView.as_view(),
        name="person_delete",
    ),
    path("personen/<int:pk>/auskunft/", privacy.person_export, name="person_export"),
    path("personen/<int:pk>/anonymisieren/", privacy.person_erase, name="person_erase"),
    path("organisationen/<int:pk>/teams/", teams.team_list, name="team_list"),
    path("organisationen/<int:pk>/teams/neu/", teams.team_form, name="team_create"),
    path(
        "organisationen/<int:pk>/teams/<int:team_pk>/bearbeiten/",
        teams.team_form,
        name="team_edit",
    ),
    path(
        "organisationen/<int:pk>/teams/<int:team_pk>/loeschen/",
        teams.team_delete,
        name="team_delete",
    ),
    path("ui/", styleguide.styleguide, name="styleguide"),
    path("organisationen/auswahl/", choices.organization_choices, name="organization_choices"),
    path("konto/api-tokens/", tokens.token_list, name="token_list"),
    path("konto/api-tokens/<int:pk>/widerrufen/", tokens.token_revoke, name="token_revoke"),
    path("impressum/", legal.imprint, name="imprint"),
    path("datenschutz/", legal.privacy_statement, name="privacy_statement"),
    path("barrierefreiheit/", legal.accessibility, name="accessibility"),
    path("rechtstexte/", legal.legal_list, name="legal_list"),
    path("rechtstexte/<slug:key>/", legal.legal_edit, name="legal_edit"),
    path("auftraege/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("auftraege/<int:pk>/fortschritt/", jobs.job_progress, name="job_progress"),
    path("auftraege/<int:pk>/datei/", jobs.job_download, name="job_download"),
]
