"""Every course page as anonymous, without permission, permitted, on another provider's offer."""

import json
import re

import pytest
from django.urls import reverse

from tests import factories
from verbund.core.services import audit
from verbund.courses.models import Offer, Run, Synonym


@pytest.fixture
def world(offers, staff_a, staff_b, outsider):
    synonym = Synonym.objects.create(term="Excel", synonyms=["Tabellenkalkulation"])
    return {
        "a": {
            "offer": offers["welding"],
            "run": offers["welding"].runs.first(),
            "synonym": synonym,
        },
        "b": {"offer": offers["excel"], "run": offers["excel"].runs.first(), "synonym": synonym},
        "archived_a": offers["archived"],
    }


def offer_url(route):
    return lambda o: reverse(route, args=[o["offer"].pk])


def run_url(route):
    return lambda o: reverse(route, args=[o["run"].pk])


# name, url, (anonymous, signed in without permission, provider staff A, A on B's object)
PAGES = [
    ("search", lambda o: reverse("courses:search") + "?q=Schwei%C3%9Fen", (200, 200, 200, None)),
    ("offer_detail", offer_url("courses:offer_detail"), (200, 200, 200, 200)),
    ("my_offers", lambda o: reverse("courses:my_offers"), (302, 403, 200, None)),
    ("offer_create", lambda o: reverse("courses:offer_create"), (302, 403, 200, None)),
    ("offer_edit", offer_url("courses:offer_edit"), (302, 403, 200, 403)),
    ("offer_copy", offer_url("courses:offer_copy"), (302, 403, 200, 403)),
    ("offer_archive", offer_url("courses:offer_archive"), (302, 403, 200, 403)),
    ("offer_activate", offer_url("courses:offer_activate"), (302, 403, 200, 403)),
    ("offer_delete", offer_url("courses:offer_delete"), (302, 403, 200, 403)),
    ("run_create", offer_url("courses:run_create"), (302, 403, 200, 403)),
    ("run_edit", run_url("courses:run_edit"), (302, 403, 200, 403)),
    ("run_delete", run_url("courses:run_delete"), (302, 403, 200, 403)),
    ("import", lambda o: reverse("courses:import"), (302, 403, 200, None)),
    (
        "export",
        lambda o: reverse("courses:export", args=[o["offer"].provider_id, "csv"]),
        (302, 404, 200, 404),
    ),
    ("synonyms", lambda o: reverse("courses:synonym_list"), (302, 403, 403, None)),
]


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[page[0] for page in PAGES])
def test_page_permissions(client, world, staff_a, outsider, name, url, expected):
    anonymous, without, permitted, other = expected
    response = client.get(url(world["a"]))
    assert response.status_code == anonymous
    if anonymous == 302:
        assert reverse("login") in response["Location"]
    client.force_login(outsider)
    assert client.get(url(world["a"])).status_code == without
    client.force_login(staff_a)
    assert client.get(url(world["a"])).status_code == permitted
    if other is not None:
        assert client.get(url(world["b"])).status_code == other


def test_archived_offer_is_visible_to_its_provider_only(client, world, staff_a, staff_b):
    url = world["archived_a"].get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(staff_b)
    assert client.get(url).status_code == 404
    client.force_login(staff_a)
    assert client.get(url).status_code == 200


def test_synonym_pages_need_the_synonym_permission(client, world, provider_a):
    editor = factories.user("sina", organization=provider_a)
    factories.grant(editor, ["courses.synonyms"], organization=provider_a)
    client.force_login(editor)
    assert client.get(reverse("courses:synonym_list")).status_code == 200
    response = client.post(
        reverse("courses:synonym_create"), {"term": "EDV", "words": "IT; Informatik"}
    )
    assert response.status_code == 302
    assert Synonym.objects.get(term="EDV").synonyms == ["IT", "Informatik"]
    response = client.post(reverse("courses:synonym_create"), {"term": "Leer", "words": " ; "})
    assert "Bitte mindestens ein Synonym angeben." in response.content.decode()


def test_posting_to_another_providers_offer_changes_nothing(client, world, staff_a):
    client.force_login(staff_a)
    offer_b = world["b"]["offer"]
    assert client.post(reverse("courses:offer_archive", args=[offer_b.pk])).status_code == 403
    assert client.post(reverse("courses:offer_delete", args=[offer_b.pk])).status_code == 403
    offer_b.refresh_from_db()
    assert offer_b.status == "active"


def test_provider_creates_offer_with_clear_german_errors(client, world, staff_a, provider_a):
    client.force_login(staff_a)
    data = {
        "provider": provider_a.pk,
        "external_id": "K-99",
        "title": "Elektrofachkraft",
        "description": "Für festgelegte Tätigkeiten.",
        "format": "online",
        "instruction_code": "101",
        "language": "de",
        "currency": "EUR",
        "funding": ["bildungsgutschein"],
        "min_participants": "12",
        "max_participants": "8",
    }
    response = client.post(reverse("courses:offer_create"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Die Unterrichtsform passt nicht zum gewählten Format." in text
    assert "AZAV-Maßnahmenummer" in text
    assert "Mindestteilnehmerzahl darf nicht größer" in text
    data |= {"instruction_code": "201", "measure_number": "962/123/2026", "max_participants": "14"}
    response = client.post(reverse("courses:offer_create"), data)
    assert response.status_code == 302
    offer = Offer.objects.get(external_id="K-99")
    assert offer.funding == ["bildungsgutschein"]
    assert [e.action for e in audit.entries_for(offer)] == ["courses.offer.created"]


def test_copy_archive_and_run_validation(client, world, staff_a):
    client.force_login(staff_a)
    offer = world["a"]["offer"]
    response = client.post(reverse("courses:offer_copy", args=[offer.pk]), {"runs": "1"})
    copy = Offer.objects.get(title="Schweißen für Einsteiger (Kopie)")
    assert response["Location"] == reverse("courses:offer_edit", args=[copy.pk])
    assert copy.runs.count() == 1 and copy.external_id.endswith("-kopie")

    page = client.get(reverse("courses:offer_archive", args=[offer.pk])).content.decode()
    assert "erscheint dann nicht mehr in der Suche" in page
    client.post(reverse("courses:offer_archive", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == "archived"

    url = reverse("courses:run_create", args=[copy.pk])
    response = client.post(url, {"start_date": "2030-05-10", "end_date": "2030-05-01"})
    text = response.content.decode()
    assert "Das Ende darf nicht vor dem Beginn liegen." in text
    assert "ist der Ort anzugeben" in text
    response = client.post(
        url, {"start_date": "2030-05-10", "end_date": "2030-05-12", "city": "Atlantis"}
    )
    assert (
        response.status_code == 400 or "Ort „Atlantis“ ist unbekannt" in response.content.decode()
    )
    assert not Run.objects.filter(offer=copy, city="Atlantis").exists()
    response = client.post(
        url, {"start_date": "2030-05-10", "end_date": "2030-05-12", "city": "Hameln"}
    )
    assert response.status_code == 302
    run = Run.objects.get(offer=copy, start_date="2030-05-10")
    assert run.lat is not None  # geocoded from the town
    history = client.get(copy.get_absolute_url()).content.decode()
    assert "Termin gespeichert" in history  # the audit entry courses.offer.run_saved, in words


def test_my_offers_flags_offers_without_future_run(client, world, staff_a, provider_a):
    from tests.courses.conftest import make_offer

    make_offer(provider_a, "Vorbei", runs=((-3, "Holzminden"),))
    client.force_login(staff_a)
    text = client.get(reverse("courses:my_offers")).content.decode()
    assert "kein künftiger Termin" in text
    assert "1 aktives Angebot hat keinen künftigen Termin" in text
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "1 Weiterbildungsangebot ohne künftigen Termin" in dashboard


def test_search_page_filters_facets_and_htmx_partial(client, world):
    url = reverse("courses:search")
    text = client.get(
        url, {"q": "schweissen", "place": "Holzminden", "radius": "25"}
    ).content.decode()
    assert "1 Angebot gefunden" in text
    assert "<mark>Schweißen</mark>" in text
    # online offers match every place
    text = client.get(url, {"place": "München", "radius": "5"}).content.decode()
    assert "Excel für Fortgeschrittene" in text and "Schweißen für Einsteiger" not in text
    text = client.get(url, {"format": "online"}).content.decode()
    assert "1 Angebot gefunden" in text and "Excel für Fortgeschrittene" in text
    assert re.search(r'name="format" value="praesenz"', text)  # disjunctive facet stays offered
    partial = client.get(url, {"q": "Excel"}, headers={"HX-Request": "true"})
    assert partial.content.decode().startswith('<div id="search-area">')
    assert (
        "Ort „Atlantis“ nicht gefunden" in client.get(url, {"place": "Atlantis"}).content.decode()
    )


def test_offer_page_has_jsonld_allowed_by_csp(client, world):
    offer = world["a"]["offer"]
    response = client.get(offer.get_absolute_url())
    text = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Course" and data["name"] == offer.title
    assert data["provider"]["name"] == offer.provider.name
    assert data["hasCourseInstance"][0]["@type"] == "CourseInstance"
    assert data["hasCourseInstance"][0]["courseMode"] == "onsite"
    assert data["offers"]["price"] == "490.00"
    csp = response["Content-Security-Policy"]
    # A data block is not executed: script-src needs no 'unsafe-inline' for it.
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_hand_entered_offer_in_sections_with_generated_number_and_german_price(
    client, world, staff_a, provider_a
):
    client.force_login(staff_a)
    page = client.get(reverse("courses:offer_create")).content.decode()
    assert "<legend" in page and "Kosten, Förderung und Abschluss" in page
    assert 'inputmode="decimal"' in page and 'type="number" name="price"' not in page
    assert 'value="[]"' not in page  # keywords are "a; b", never the stored list
    data = {
        "provider": provider_a.pk,
        "external_id": "",
        "title": "Buchhaltung kompakt",
        "description": "Grundlagen der Finanzbuchhaltung.",
        "format": "praesenz",
        "language": "de",
        "price": "1.290,50",
    }
    response = client.post(reverse("courses:offer_create"), data)
    assert response.status_code == 302
    offer = Offer.objects.get(title="Buchhaltung kompakt")
    assert str(offer.price) == "1290.50"
    assert offer.external_id == f"VB-{provider_a.pk}-1"
    data["title"] = "Buchhaltung für Fortgeschrittene"
    data["price"] = "450,50"
    assert client.post(reverse("courses:offer_create"), data).status_code == 302
    second = Offer.objects.get(title="Buchhaltung für Fortgeschrittene")
    assert str(second.price) == "450.50" and second.external_id == f"VB-{provider_a.pk}-2"
    data["price"] = "zwölf"
    response = client.post(reverse("courses:offer_create"), data)
    assert response.status_code == 400
    assert "zum Beispiel 450,50" in response.content.decode()


def test_topic_facets_are_named_in_the_readers_language(client, world, topic):
    url = reverse("courses:search")
    german = client.get(url).content.decode()
    assert topic.label_de in german
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert f"{topic.label_en} " in english or f"{topic.label_en}<" in english
    assert topic.label_de not in english
    chosen = client.get(url, {"topic": topic.code, "q": "nichtsdergleichen"}).content.decode()
    assert topic.label_en in chosen
