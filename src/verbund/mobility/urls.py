from django.urls import path

from verbund.mobility.views import exchanges, placements, projects, stays

app_name = "mobility"
urlpatterns = [
    path("", projects.index, name="index"),
    path("projekte/neu/", projects.ProjectFormView.as_view(), name="project_create"),
    path("projekte/<int:pk>/", projects.ProjectDetailView.as_view(), name="project_detail"),
    path("projekte/<int:pk>/bearbeiten/", projects.ProjectFormView.as_view(), name="project_edit"),
    path("projekte/<int:pk>/budget/", stays.project_budget, name="project_budget"),
    path("projekte/<int:pk>/zuteilen/", projects.match_start, name="match_start"),
    path("projekte/<int:pk>/export.<str:fmt>", projects.project_export, name="project_export"),
    path(
        "projekte/<int:project>/bewerbungen/neu/",
        projects.ApplicationCreateView.as_view(),
        name="application_create",
    ),
    path(
        "projekte/<int:project>/aufenthalte/neu/",
        stays.StayCreateView.as_view(),
        name="stay_create",
    ),
    path(
        "bewerbungen/<int:pk>/", projects.ApplicationDetailView.as_view(), name="application_detail"
    ),
    path(
        "bewerbungen/<int:pk>/einwilligung/",
        projects.application_consent,
        name="application_consent",
    ),
    path(
        "bewerbungen/<int:pk>/freigabe/", projects.application_approve, name="application_approve"
    ),
    path("laeufe/<int:pk>/", projects.run_detail, name="run_detail"),
    path("laeufe/<int:pk>/fortschritt/", projects.run_progress, name="run_progress"),
    path("plaetze/", placements.PlacementListView.as_view(), name="placement_list"),
    path("plaetze/neu/", placements.PlacementFormView.as_view(), name="placement_create"),
    path("plaetze/<int:pk>/", placements.PlacementDetailView.as_view(), name="placement_detail"),
    path(
        "plaetze/<int:pk>/bearbeiten/",
        placements.PlacementFormView.as_view(),
        name="placement_edit",
    ),
    path("aufenthalte/<int:pk>/", stays.StayDetailView.as_view(), name="stay_detail"),
    path("aufenthalte/<int:pk>/neu-berechnen/", stays.stay_recompute, name="stay_recompute"),
    path("aufenthalte/<int:pk>/auszahlung/", stays.payment_create, name="payment_create"),
    path(
        "aufenthalte/<int:pk>/dokumente/<str:kind>/<str:language>.pdf",
        stays.stay_document,
        name="stay_document",
    ),
    path(
        "aufenthalte/<int:stay>/lernvereinbarung/neu/",
        stays.AgreementFormView.as_view(),
        name="agreement_create",
    ),
    path("lernvereinbarungen/<int:pk>/", stays.agreement_detail, name="agreement_detail"),
    path(
        "lernvereinbarungen/<int:pk>/bearbeiten/",
        stays.AgreementFormView.as_view(),
        name="agreement_edit",
    ),
    path("lernvereinbarungen/<int:pk>/aendern/", stays.agreement_change, name="agreement_change"),
    path(
        "lernvereinbarungen/<int:pk>/<str:action>/",
        stays.agreement_action,
        name="agreement_action",
    ),
    path("austausche/", exchanges.ExchangeListView.as_view(), name="exchange_list"),
    path("austausche/neu/", exchanges.ExchangeFormView.as_view(), name="exchange_create"),
    path("austausche/<int:pk>/", exchanges.ExchangeDetailView.as_view(), name="exchange_detail"),
    path(
        "austausche/<int:pk>/bearbeiten/",
        exchanges.ExchangeFormView.as_view(),
        name="exchange_edit",
    ),
    path("austausche/<int:pk>/tag/", exchanges.exchange_day_add, name="exchange_day_add"),
    path(
        "austausche/<int:pk>/teilnahme/",
        exchanges.exchange_participant_add,
        name="exchange_participant_add",
    ),
    path("partnerschaften/<int:pk>/bericht/", exchanges.partnership_report, name="report"),
    path("foerdersaetze/", exchanges.rate_tables, name="rate_tables"),
]
