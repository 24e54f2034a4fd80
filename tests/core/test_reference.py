"""Reference data: the Themenkatalog, regions, and the offline geo helper."""

import pytest

from verbund.core.data.regions import REGIONS
from verbund.core.data.topics import TOPICS
from verbund.core.models import Region, Topic
from verbund.core.services.geo import haversine_km, normalize_place_name, town_coordinates
from verbund.core.services.regions import region_by_code, seed_regions
from verbund.core.services.topics import seed_topics, topic_tree

# ---- topics -------------------------------------------------------------------------------


def test_topic_data_is_well_formed():
    codes = [topic.code for topic in TOPICS]
    assert 35 <= len(TOPICS) <= 50
    assert len(codes) == len(set(codes))
    seen = set()
    for topic in TOPICS:
        assert topic.parent is None or topic.parent in seen, f"{topic.code}: parent first"
        assert topic.de and topic.en and topic.fr
        seen.add(topic.code)


@pytest.mark.django_db
def test_migration_seeded_topics_with_three_languages():
    assert Topic.objects.count() == len(TOPICS)
    for topic in Topic.objects.all():
        assert topic.label_de and topic.label_en and topic.label_fr
    assert Topic.objects.get(code="franzoesisch").label_in("fr") == "Français"
    assert Topic.objects.get(code="schweissen").parent.code == "metall"


@pytest.mark.django_db
def test_topic_hierarchy_has_no_cycles():
    parents = dict(Topic.objects.values_list("pk", "parent_id"))
    for start in parents:
        seen, node = set(), start
        while node is not None:
            assert node not in seen, f"cycle through topic {node}"
            seen.add(node)
            node = parents[node]
    assert len(topic_tree()) == len(parents)


@pytest.mark.django_db
def test_seed_topics_is_idempotent_and_repairs_edits():
    Topic.objects.filter(code="it").update(label_en="changed", synonyms=[])
    assert seed_topics() == len(TOPICS)
    assert seed_topics() == len(TOPICS)
    assert Topic.objects.count() == len(TOPICS)
    it = Topic.objects.get(code="it")
    assert it.label_en == "Information technology"
    assert "EDV" in it.synonyms


@pytest.mark.parametrize(
    ("code", "synonym"),
    [("tabellenkalkulation", "Excel"), ("it", "EDV"), ("ausbilderqualifizierung", "AEVO")],
)
def test_topic_synonyms(code, synonym):
    assert synonym in {topic.code: topic for topic in TOPICS}[code].synonyms


def test_seed_themes_are_covered():
    codes = {topic.code for topic in TOPICS}
    assert {
        "digitalisierung",
        "neue-arbeitsformen",
        "generationen",
        "schweissen",
        "metall",
        "elektro",
        "buchhaltung",
        "it",
        "deutsch-zweitsprache",
        "franzoesisch",
        "fuehrung",
        "arbeitsschutz",
        "nachhaltigkeit",
        "interkulturelle-kompetenz",
        "ausbilderqualifizierung",
        "pruefertraining",
        "mobilitaet-ausland",
        "verbundausbildung",
    } <= codes


# ---- regions ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_regions_codes_coordinates_and_parents():
    assert seed_regions() == len(REGIONS)
    assert Region.objects.count() == len(REGIONS)
    for region in Region.objects.all():
        assert region.code, region
        assert region.lat is not None and region.lon is not None, region
        assert 42 < region.lat < 56 and -5 < region.lon < 16, region
    holzminden = region_by_code("03255")
    assert holzminden.name == "Landkreis Holzminden"
    assert holzminden.kind == Region.Kind.LANDKREIS
    assert holzminden.parent.name == "Niedersachsen"
    assert region_by_code("05562004").parent.code == "05562"  # Castrop-Rauxel
    belfort = region_by_code("90", "FR")
    assert belfort.kind == Region.Kind.DEPARTEMENT
    assert belfort.parent.name == "Bourgogne-Franche-Comté"
    assert region_by_code("27", "FR").name == "Eure"  # départements win over régions


@pytest.mark.django_db
def test_seed_regions_is_idempotent():
    seed_regions()
    before = list(Region.objects.order_by("pk").values())
    seed_regions()
    assert list(Region.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("03255", "Landkreis Holzminden"),
        ("03252", "Landkreis Hameln-Pyrmont"),
        ("03257", "Landkreis Schaumburg"),
        ("03256", "Landkreis Nienburg/Weser"),
        ("03251", "Landkreis Diepholz"),
        ("03453", "Landkreis Cloppenburg"),
        ("03460", "Landkreis Vechta"),
        ("03241", "Region Hannover"),
        ("15085", "Landkreis Harz"),
        ("05954", "Ennepe-Ruhr-Kreis"),
    ],
)
def test_official_codes(code, name):
    assert any(r.code == code and r.name == name and r.country == "DE" for r in REGIONS)


# ---- geo ----------------------------------------------------------------------------------


def test_haversine():
    assert haversine_km(52.0, 9.0, 52.0, 9.0) == 0
    # One degree of latitude on a sphere of R = 6371 km.
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)
    hannover = town_coordinates("Hannover")
    braunschweig = town_coordinates("Braunschweig")
    assert 52 <= haversine_km(*hannover, *braunschweig) <= 60
    assert haversine_km(*braunschweig, *hannover) == pytest.approx(
        haversine_km(*hannover, *braunschweig)
    )


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Hameln", "DE", 52.10, 9.36),
        ("Nienburg/Weser", "DE", 52.64, 9.22),
        ("Nienburg", "DE", 52.64, 9.22),
        ("Lüneburg", "DE", 53.25, 10.42),
        ("Lueneburg", "DE", 53.25, 10.42),
        ("Wolfenbüttel", "de", 52.16, 10.54),
        ("Le Havre", "FR", 49.49, 0.11),
        ("Belfort", "FR", 47.64, 6.85),
        ("Évreux", "FR", 49.02, 1.15),
        ("Hagen", "DE", 51.36, 7.47),  # the city, not the small towns of the same name
    ],
)
def test_town_coordinates(name, country, lat, lon):
    found = town_coordinates(name, country)
    assert found == pytest.approx((lat, lon), abs=0.02)


def test_town_coordinates_unknown_or_wrong_country():
    assert town_coordinates("Belfort", "DE") != town_coordinates("Belfort", "FR")
    assert town_coordinates("Gibtsnichtshausen an der Nirgendwo", "DE") is None


def test_normalize_place_name():
    assert normalize_place_name("Wolfenbüttel") == normalize_place_name("WOLFENBUETTEL")
    assert normalize_place_name("Évreux") == "evreux"
    assert normalize_place_name("Castrop-Rauxel") == "castrop rauxel"
