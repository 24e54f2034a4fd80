"""Only the API, mounted where verbund.urls mounts it (isolates API tests from the UI)."""

from django.urls import path

from verbund.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
