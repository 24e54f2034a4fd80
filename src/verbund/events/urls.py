from django.urls import path

from verbund.events.views import b2b, organiser, public

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="event_list"),
    path("kalender.ics", public.feed_ics, name="feed_ics"),
    path("neu/", organiser.EventFormView.as_view(), name="event_create"),
    path("<int:pk>/", public.event_detail, name="event_detail"),
    path("<int:pk>/kalender.ics", public.event_ics, name="event_ics"),
    path("<int:pk>/bearbeiten/", organiser.EventFormView.as_view(), name="event_edit"),
    path("<int:pk>/anmeldungen/", organiser.registration_list, name="registration_list"),
    path("<int:pk>/absagen/", organiser.event_cancel, name="event_cancel"),
    path(
        "<int:pk>/anmeldungen.<str:fmt>",
        organiser.export,
        name="registration_export",
    ),
    path("anmeldung/<str:token>/", public.registration_manage, name="registration_manage"),
    path("anmeldung/<str:token>/aktion/", public.registration_action, name="registration_action"),
    path("anmeldungen/<int:pk>/anwesenheit/", organiser.attendance, name="attendance"),
    path("anmeldungen/<int:pk>/prioritaet/", organiser.priority, name="priority"),
    path("anmeldungen/<int:pk>/stornieren/", organiser.organiser_cancel, name="organiser_cancel"),
    path("<int:pk>/b2b/", b2b.b2b_home, name="b2b_home"),
    path("<int:pk>/b2b/teilnehmen/", b2b.join, name="b2b_join"),
    path("<int:pk>/b2b/einstellungen/", b2b.setup_edit, name="b2b_setup"),
    path("<int:pk>/b2b/planen/", b2b.schedule_start, name="b2b_schedule"),
    path("<int:pk>/b2b/veroeffentlichen/", b2b.publish, name="b2b_publish"),
    path("<int:pk>/b2b/tischplan/", b2b.table_plan, name="b2b_table_plan"),
    path("<int:pk>/b2b/meine-termine/", b2b.my_agenda, name="b2b_agenda"),
    path("<int:pk>/b2b/verfuegbarkeit/", b2b.availability, name="b2b_availability"),
    path("<int:pk>/b2b/meine-termine.<str:fmt>", b2b.my_agenda, name="b2b_agenda_file"),
    path("b2b/profile/<int:pk>/", b2b.profile_detail, name="profile_detail"),
    path("b2b/anfragen/<int:pk>/antworten/", b2b.answer, name="b2b_answer"),
    path("b2b/laeufe/<int:pk>/", b2b.run_detail, name="run_detail"),
    path("b2b/laeufe/<int:pk>/fortschritt/", b2b.run_progress, name="run_progress"),
]
