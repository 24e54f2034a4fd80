from django.urls import path

from verbund.funding import views, views_reports

app_name = "funding"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("neu/", views.PlanFormView.as_view(), name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/bearbeiten/", views.PlanFormView.as_view(), name="plan_edit"),
    path("<int:plan>/positionen/neu/", views.BudgetLineFormView.as_view(), name="line_create"),
    path("positionen/<int:pk>/", views.BudgetLineFormView.as_view(), name="line_edit"),
    path("<int:pk>/belege/", views.receipt_list, name="receipt_list"),
    path("<int:plan>/belege/neu/", views.ReceiptFormView.as_view(), name="receipt_create"),
    path("<int:pk>/belege/import/", views.receipt_import, name="receipt_import"),
    path("belege/<int:pk>/", views.ReceiptFormView.as_view(), name="receipt_edit"),
    path("belege/<int:pk>/datei/", views.receipt_file, name="receipt_file"),
    path("belege/<int:pk>/loeschen/", views.receipt_delete, name="receipt_delete"),
    path("<int:plan>/kofinanzierer/neu/", views.CofunderFormView.as_view(), name="cofunder_create"),
    path(
        "kofinanzierer/<int:pk>/bearbeiten/", views.CofunderFormView.as_view(), name="cofunder_edit"
    ),
    path("kofinanzierer/<int:pk>/", views.cofunder_bill, name="cofunder_bill"),
    path("<int:plan>/mittelabrufe/neu/", views.FundsCallFormView.as_view(), name="call_create"),
    path("mittelabrufe/<int:pk>/", views.FundsCallFormView.as_view(), name="call_edit"),
    path("<int:pk>/nachweis/", views.proof_of_use, name="proof_of_use"),
    path("<int:pk>/sachberichte/neu/", views_reports.report_create, name="report_create"),
    path("sachberichte/<int:pk>/", views_reports.report_detail, name="report_detail"),
    path("sachberichte/<int:pk>/freigeben/", views_reports.report_release, name="report_release"),
    path(
        "sachberichte/<int:pk>/neue-fassung/",
        views_reports.report_supersede,
        name="report_supersede",
    ),
]
