from django.urls import path

from verbund.networks import decision_views, invitation_views, views
from verbund.networks.models import Membership, Review

app_name = "networks"
urlpatterns = [
    path("", views.NetworkListView.as_view(), name="network_list"),
    path("neu/", views.NetworkFormView.as_view(), name="network_create"),
    # members join by consent: "add a member" invites (issue 24)
    path(
        "<int:network>/mitglieder/neu/",
        invitation_views.invitation_create,
        name="membership_create",
    ),
    path("einladungen/", invitation_views.invitation_list, name="invitation_list"),
    path(
        "einladungen/<int:pk>/annehmen/",
        invitation_views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "einladungen/<int:pk>/ablehnen/",
        invitation_views.invitation_decline,
        name="invitation_decline",
    ),
    path(
        "einladungen/<int:pk>/zurueckziehen/",
        invitation_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:pk>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path("<int:pk>/bearbeiten/", views.NetworkFormView.as_view(), name="network_edit"),
    path("<int:pk>/kalender.ics", views.network_calendar, name="network_calendar"),
    path("kalender.ics", views.my_calendar, name="my_calendar"),
    path("kalender/abos/", views.calendar_feeds, name="calendar_feeds"),
    path(
        "kalender/abos/<int:pk>/widerrufen/",
        views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("kalender/abo/<str:secret>.ics", views.feed_ics, name="feed_ics"),
    path("aktivitaeten/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("aktivitaeten/<int:pk>/anhaenge/", views.attachment_upload, name="attachment_upload"),
    path("anhaenge/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("anhaenge/<int:pk>/loeschen/", views.attachment_delete, name="attachment_delete"),
    path(
        "vereinbarungen/<int:pk>/beschluesse/",
        decision_views.agreement_decisions,
        name="agreement_decisions",
    ),
    path("<int:network>/bilanzen/neu/", views.ReviewFormView.as_view(), name="review_create"),
    path("bilanzen/<int:pk>/bearbeiten/", views.ReviewFormView.as_view(), name="review_edit"),
    path(
        "bilanzen/<int:pk>/loeschen/",
        views.part_views(Review, None, "networks.review")[1].as_view(),
        name="review_delete",
    ),
]

for segment, (model, form_class, action_prefix) in views.PARTS.items():
    form_view, delete_view = views.part_views(model, form_class, action_prefix)
    name = model._meta.model_name
    if model is not Membership:
        urlpatterns.append(
            path(f"<int:network>/{segment}/neu/", form_view.as_view(), name=f"{name}_create")
        )
    urlpatterns += [
        path(f"{segment}/<int:pk>/bearbeiten/", form_view.as_view(), name=f"{name}_edit"),
        path(f"{segment}/<int:pk>/loeschen/", delete_view.as_view(), name=f"{name}_delete"),
    ]
