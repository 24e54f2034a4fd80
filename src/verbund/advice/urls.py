from django.urls import path

from verbund.advice import views

app_name = "advice"
urlpatterns = [
    path("", views.OfficeListView.as_view(), name="office_list"),
    path("bueros/neu/", views.OfficeFormView.as_view(), name="office_create"),
    path("bueros/<int:pk>/", views.office_detail, name="office_detail"),
    path("bueros/<int:pk>/bearbeiten/", views.OfficeFormView.as_view(), name="office_edit"),
    path("bueros/<int:office>/faelle/neu/", views.CaseFormView.as_view(), name="case_create"),
    path("faelle/<int:pk>/", views.case_detail, name="case_detail"),
    path("faelle/<int:pk>/bearbeiten/", views.CaseFormView.as_view(), name="case_edit"),
    path("faelle/<int:pk>/bedarf/neu/", views.case_need_create, name="case_need_create"),
    path("faelle/<int:pk>/empfehlen/", views.recommend, name="recommend"),
    path("faelle/<int:pk>/kontakte/neu/", views.contact_create, name="contact_create"),
    path("bueros/<int:pk>/statistik/", views.office_statistics, name="office_statistics"),
    path("wiedervorlagen/", views.worklist, name="worklist"),
]
