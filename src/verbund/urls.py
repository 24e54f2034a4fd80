from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from verbund.api.api import api

urlpatterns = [
    path("", include("verbund.core.urls")),
    path("netzwerke/", include("verbund.networks.urls")),
    path("kurse/", include("verbund.courses.urls")),
    path("bedarf/", include("verbund.needs.urls")),
    path("beratung/", include("verbund.advice.urls")),
    path("pruefungen/", include("verbund.exams.urls")),
    path("veranstaltungen/", include("verbund.events.urls")),
    path("konjunktur/", include("verbund.economy.urls")),
    path("verbundausbildung/", include("verbund.apprenticeship.urls")),
    path("mobilitaet/", include("verbund.mobility.urls")),
    path("foerderung/", include("verbund.funding.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
handler403 = "verbund.core.views.errors.permission_denied"
handler400 = "verbund.core.views.errors.bad_request"
handler404 = "verbund.core.views.errors.page_not_found"
handler500 = "verbund.core.views.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
