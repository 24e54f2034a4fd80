from django.urls import path

from verbund.economy.views import reports, survey, waves

app_name = "economy"
urlpatterns = [
    path("", waves.WaveListView.as_view(), name="wave_list"),
    path("wellen/neu/", waves.WaveFormView.as_view(), name="wave_create"),
    path("wellen/<int:pk>/", waves.wave_detail, name="wave_detail"),
    path("wellen/<int:pk>/bearbeiten/", waves.WaveFormView.as_view(), name="wave_edit"),
    path("wellen/<int:pk>/status/", waves.wave_status, name="wave_status"),
    path("wellen/<int:pk>/einladen/", waves.invite_panel, name="invite_panel"),
    path("wellen/<int:pk>/senden/", waves.send_invitations, name="send_invitations"),
    path("wellen/<int:pk>/erinnern/", waves.send_reminders, name="send_reminders"),
    path("wellen/<int:pk>/einladungen/", waves.invitation_list, name="invitation_list"),
    path("einladungen/<int:pk>/link/", waves.invitation_link, name="invitation_link"),
    path("wellen/<int:pk>/zusatzfragen/", waves.extra_questions, name="extra_questions"),
    path(
        "zusatzfragen/<int:pk>/loeschen/", waves.extra_question_delete, name="extra_question_delete"
    ),
    path("netzwerke/<int:pk>/panel/", waves.panel, name="panel"),
    path("wellen/<int:pk>/berichte/neu/", reports.report_create, name="report_create"),
    path("berichte/<int:pk>/", reports.report_detail, name="report_detail"),
    path("berichte/<int:pk>/bearbeiten/", reports.ReportTextsView.as_view(), name="report_edit"),
    path("berichte/<int:pk>/veroeffentlichen/", reports.report_publish, name="report_publish"),
    path("fassungen/<int:pk>/", reports.version_detail, name="version_detail"),
    path("fassungen/<int:pk>/bericht.pdf", reports.version_pdf, name="version_pdf"),
    path("fassungen/<int:pk>/zahlen.xlsx", reports.version_xlsx, name="version_xlsx"),
    path("fassungen/<int:pk>/presse.txt", reports.version_press, name="version_press"),
    path("umfrage/<str:token>/", survey.survey, name="survey"),
]
