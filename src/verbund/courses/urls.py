from django.urls import path

from verbund.courses.views import catalog, kursnet, provider, public, search_index, synonyms

app_name = "courses"
urlpatterns = [
    path("", public.course_search, name="search"),
    path("angebote/<int:pk>/", public.offer_detail, name="offer_detail"),
    path("meine/", provider.my_offers, name="my_offers"),
    path("angebote/neu/", provider.OfferFormView.as_view(), name="offer_create"),
    path("angebote/<int:pk>/bearbeiten/", provider.OfferFormView.as_view(), name="offer_edit"),
    path("angebote/<int:pk>/kopieren/", provider.offer_copy, name="offer_copy"),
    path(
        "angebote/<int:pk>/archivieren/",
        provider.offer_status,
        {"status": "archived"},
        name="offer_archive",
    ),
    path(
        "angebote/<int:pk>/aktivieren/",
        provider.offer_status,
        {"status": "active"},
        name="offer_activate",
    ),
    path("angebote/<int:pk>/loeschen/", provider.offer_delete, name="offer_delete"),
    path("angebote/<int:offer_pk>/termine/neu/", provider.run_form, name="run_create"),
    path("termine/<int:pk>/bearbeiten/", provider.run_form, name="run_edit"),
    path("termine/<int:pk>/loeschen/", provider.run_delete, name="run_delete"),
    path("import/", catalog.import_upload, name="import"),
    path("export/<int:provider_pk>/<str:kind>/", catalog.export_download, name="export"),
    path("kursnet/<int:provider_pk>/", kursnet.kursnet_page, name="kursnet"),
    path("kursnet/<int:provider_pk>/lieferung/", kursnet.kursnet_deliver, name="kursnet_deliver"),
    path("kursnet/alle-anbieter.zip", kursnet.kursnet_zip, name="kursnet_zip"),
    path("suchindex/", search_index.search_index, name="search_index"),
    path("synonyme/", synonyms.synonym_list, name="synonym_list"),
    path("synonyme/neu/", synonyms.synonym_form, name="synonym_create"),
    path("synonyme/<int:pk>/bearbeiten/", synonyms.synonym_form, name="synonym_edit"),
    path("synonyme/<int:pk>/loeschen/", synonyms.synonym_delete, name="synonym_delete"),
]
