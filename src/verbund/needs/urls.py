from django.urls import path

from verbund.needs.views import analysis, survey, waves

app_name = "needs"
urlpatterns = [
    path("", waves.WaveListView.as_view(), name="wave_list"),
    path("wellen/neu/", waves.WaveFormView.as_view(), name="wave_create"),
    path("wellen/<int:pk>/", waves.wave_detail, name="wave_detail"),
    path("wellen/<int:pk>/bearbeiten/", waves.WaveFormView.as_view(), name="wave_edit"),
    path("wellen/<int:pk>/status/", waves.wave_status, name="wave_status"),
    path("wellen/<int:pk>/fragebogen/", waves.questionnaire_view, name="questionnaire"),
    path("fragen/<int:pk>/loeschen/", waves.question_delete, name="question_delete"),
    path("wellen/<int:pk>/einladungen/", waves.invitation_list, name="invitation_list"),
    path("wellen/<int:pk>/einladungen/import/", waves.invitation_import, name="invitation_import"),
    path("wellen/<int:pk>/einladungen/senden/", waves.invitations_send, name="invitations_send"),
    path("wellen/<int:pk>/erinnern/", waves.reminders_send, name="reminders_send"),
    path(
        "wellen/<int:pk>/einladungen/<int:invitation_pk>/erneut-senden/",
        waves.invitation_resend,
        name="invitation_resend",
    ),
    path("wellen/<int:pk>/interviews/neu/", waves.interview_start, name="interview_start"),
    path("antworten/<int:pk>/", waves.response_detail, name="response_detail"),
    path("antworten/<int:pk>/bearbeiten/", waves.response_edit, name="response_edit"),
    path("wellen/<int:pk>/auswertung/", analysis.dashboard, name="dashboard"),
    path("wellen/<int:pk>/auswertung/diagramm.svg", analysis.chart, name="chart"),
    path("wellen/<int:pk>/auswertung/export.xlsx", analysis.export_xlsx, name="export_xlsx"),
    path("wellen/<int:pk>/auswertung/bericht.pdf", analysis.export_pdf, name="export_pdf"),
    path("wellen/<int:pk>/vergleich/", analysis.compare, name="compare"),
    path("wellen/<int:pk>/vergleich/diagramm.svg", analysis.compare_chart, name="compare_chart"),
    path("wellen/<int:pk>/luecken/", analysis.gap_page, name="gaps"),
    path("wellen/<int:pk>/luecken/neu/", analysis.gap_refresh, name="gaps_refresh"),
    path("wellen/<int:pk>/luecken.xlsx", analysis.gap_xlsx, name="gaps_xlsx"),
    path("wellen/<int:pk>/luecken.pdf", analysis.gap_pdf, name="gaps_pdf"),
    path("luecken/", analysis.provider_gaps, name="provider_gaps"),
    path("umfrage/<str:token>/", survey.survey, name="survey"),
]
