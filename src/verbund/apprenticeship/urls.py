from django.urls import path

from verbund.apprenticeship.views import contracts, partners, plans, rotation, training

app_name = "apprenticeship"

urlpatterns = [
    path("", training.index, name="index"),
    path("berufe/", plans.plan_list, name="plan_list"),
    path("berufe/import/", plans.plan_import, name="plan_import"),
    path("berufe/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("positionen/<int:pk>/bearbeiten/", plans.position_edit, name="position_edit"),
    path("profile/neu/", training.ProfileCreateView.as_view(), name="profile_create"),
    path("profile/<int:pk>/", training.profile_detail, name="profile_detail"),
    path("profile/<int:pk>/bearbeiten/", training.ProfileCreateView.as_view(), name="profile_edit"),
    path("profile/<int:pk>/wochen/", training.profile_covers, name="profile_covers"),
    path(
        "profile/<int:profile>/auszubildende/neu/",
        training.ApprenticeFormView.as_view(),
        name="apprentice_create",
    ),
    path("profile/<int:pk>/partner-finden/", partners.finder, name="finder"),
    path("profile/<int:pk>/anfragen/", partners.request_create, name="request_create"),
    path("anfragen/<int:pk>/", partners.request_detail, name="request_detail"),
    path("ausbilder/", training.trainer_list, name="trainer_list"),
    path("ausbilder/neu/", training.TrainerFormView.as_view(), name="trainer_create"),
    path("ausbilder/<int:pk>/bearbeiten/", training.TrainerFormView.as_view(), name="trainer_edit"),
    path("stationen/", training.station_list, name="station_list"),
    path("stationen/neu/", training.StationFormView.as_view(), name="station_create"),
    path("stationen/<int:pk>/bearbeiten/", training.StationFormView.as_view(), name="station_edit"),
    path("verbund/<int:pk>/", rotation.verbund_detail, name="verbund_detail"),
    path("rotation/<int:pk>/", rotation.run_detail, name="run_detail"),
    path("rotation/<int:pk>/fortschritt/", rotation.run_progress, name="run_progress"),
    path("rotation/<int:pk>/einsatz/", rotation.stay_edit, name="stay_edit"),
    path("rotation/<int:pk>/neu-planen/", rotation.run_replan, name="run_replan"),
    path("rotation/<int:pk>/foerderantrag.csv", rotation.funding_export, name="funding_export"),
    path("rotation/<int:pk>/vertraege/", contracts.contracts_from_run, name="contracts_from_run"),
    path("vertraege/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("vertraege/<int:pk>/v<int:number>.pdf", contracts.contract_pdf, name="contract_pdf"),
    path("vertraege/<int:pk>/zustimmen/", contracts.contract_approve, name="contract_approve"),
    path("vertraege/<int:pk>/aendern/", contracts.contract_amend, name="contract_amend"),
]
