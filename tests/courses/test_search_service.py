"""The search service turns what people type into a search that finds."""

from django.urls import reverse

from verbund.courses.services import search


def parse(**params):
    return search.parse_params({k: [v] for k, v in params.items()})


def found(parsed):
    _result, items = search.search(parsed.request, dropped=parsed.dropped_words)
    return [item.offer.title for item in items]


def test_a_town_in_the_text_becomes_the_place(offers):
    parsed = parse(q="Schweißen Holzminden")
    assert (parsed.request.text, parsed.place_from_text) == ("Schweißen", "Holzminden")
    assert parsed.request.place is not None
    assert found(parsed) == ["Schweißen für Einsteiger"]
    assert parse(q="Schweißen bad pyrmont").place_from_text == "Bad Pyrmont"
    # A single word stays a search word; so do words that only look like places.
    assert parse(q="Hannover").place_from_text == ""
    assert parse(q="Excel Grundlagen").place_from_text == ""
    # The chip's "remove" keeps the town as a search word.
    assert parse(q="Schweißen Holzminden", no_town="1").request.text == "Schweißen Holzminden"


def test_every_german_postcode_resolves_offline(db):
    lat, lon = search.resolve_place("30159")  # Hannover-Mitte, no address in the database
    assert abs(lat - 52.37) < 0.05 and abs(lon - 9.74) < 0.05
    assert search.resolve_place("00000") is None


def test_words_that_match_nothing_are_left_out_with_a_notice(offers):
    parsed = parse(q="Schweißen Quantenchromodynamik")
    assert found(parsed) == ["Schweißen für Einsteiger"]
    assert parsed.dropped_words == ["Quantenchromodynamik"]
    nothing = parse(q="Quantenchromodynamik")
    assert found(nothing) == [] and nothing.dropped_words == []


def test_the_page_shows_the_town_chip_and_the_dropped_words(client, offers):
    url = reverse("courses:search")
    text = client.get(url, {"q": "Schweißen Holzminden Quantenchromodynamik"}).content.decode()
    assert 'id="place-chip"' in text and "Ort: Holzminden" in text and "no_town=1" in text
    assert "Zu „Quantenchromodynamik“ gibt es keine Treffer" in text
    assert "1 Angebot gefunden" in text
    text = client.get(url, {"q": "Schweißen Holzminden", "no_town": "1"}).content.decode()
    assert 'id="place-chip"' not in text


def test_a_broader_topic_finds_offers_on_its_narrower_topics(provider_a):
    """One topic truth: as in the gap analysis, "Digitalisierung" includes KI offers."""
    from tests.courses.conftest import make_offer
    from verbund.core.models import Topic
    from verbund.courses.services import indexing

    ai = make_offer(provider_a, "KI im Büro")
    ai.topics.add(Topic.objects.get(code="kuenstliche-intelligenz"))
    make_offer(provider_a, "Buchhaltung").topics.add(Topic.objects.get(code="buchhaltung"))
    indexing.rebuild()
    assert found(parse(topic="digitalisierung")) == ["KI im Büro"]
    assert found(parse(topic="kuenstliche-intelligenz")) == ["KI im Büro"]
    assert found(parse(topic="it")) == []
