"""Search quality: every German case of docs courses.md ("German search: what must work")."""

from datetime import date

import pytest

from verbund.courses.search import CourseIndex, Place, SearchRequest, SynonymTable

TODAY = date(2026, 1, 10)
HOLZMINDEN = (51.8282, 9.4484)


def offer(offer_id, title, description="", lat=None, lon=None, fmt="praesenz", **extra):
    run = {"start_date": "2026-03-02", "format": fmt, "lat": lat, "lon": lon}
    return {"id": offer_id, "version": 1, "title": title, "description": description} | {
        "runs": [run],
        **extra,
    }


@pytest.fixture
def make_index(tmp_path):
    def make(*offers):
        index = CourseIndex(tmp_path / "index")
        index.upsert(offers, today=TODAY)
        index.commit()
        return index

    return make


def ids(index, text, **options):
    result = index.search(SearchRequest(text=text, facets=False, **options))
    return [hit.id for hit in result.hits]


def test_case_umlauts_and_sharp_s_are_one_query(make_index):
    index = make_index(
        offer(1, "Schweißen für Einsteiger"),
        offer(2, "Grundlagen der Metallbearbeitung", "Wir üben das Schweißen."),
        offer(3, "Buchhaltung"),
    )
    results = [ids(index, q) for q in ("Schweißen", "schweissen", "SCHWEISSEN", "schweißen")]
    assert results[0] == [1, 2]
    assert all(r == results[0] for r in results)
    assert ids(index, "FÜHRUNG") == ids(index, "fuehrung") == ids(index, "Führung") == []


def test_umlaut_spelled_out_or_typed_finds_the_same(make_index):
    index = make_index(offer(1, "Führungskräfte stärken"), offer(2, "Fuehrung im Team"))
    # `Führung` also finds `Führungskräfte` as a compound part, ranked below the word.
    assert ids(index, "Führung") == ids(index, "FUEHRUNG") == [2, 1]
    assert ids(index, "fuhrung")[0] == 2  # a typo, found by typo tolerance
    assert sorted(ids(index, "Führungskräfte")) == sorted(ids(index, "fuehrungskraefte")) == [1]


def test_inflections_match_each_other_but_kurs_never_matches_kur(make_index):
    index = make_index(
        offer(1, "Kurs Buchhaltung"),
        offer(2, "Zwei Kurse für Excel"),
        offer(3, "Lernen in kleinen Kursen"),
        offer(4, "Kuren und Wellness"),
        offer(5, "Die Kur an der Nordsee"),
    )
    expected = [1, 2, 3]
    for query in ("Kurs", "Kurse", "Kursen", "KURSE"):
        assert sorted(ids(index, query)) == expected, query
    assert sorted(ids(index, "Kur")) == [4, 5]
    assert sorted(ids(index, "Kuren")) == [4, 5]


def test_compound_parts_find_the_compound_ranked_below_whole_words(make_index):
    index = make_index(
        offer(1, "Schweißtechnik kompakt"),
        offer(2, "Technik verstehen"),
        offer(3, "Sprachkurs Englisch"),
    )
    assert ids(index, "Schweißer") == [1]
    assert ids(index, "Technik") == [2, 1]
    assert ids(index, "Schweißtechnik") == [1]


def test_synonyms_work_in_both_directions(make_index):
    index = make_index(
        offer(1, "Excel für Einsteiger"),
        offer(2, "Tabellenkalkulation im Büro"),
        offer(3, "IT-Grundlagen"),
        offer(4, "EDV im Alltag"),
        offer(5, "Englisch im Büro"),
    )
    table = SynonymTable([["Excel", "Tabellenkalkulation"], ["EDV", "IT"]])
    assert ids(index, "Excel") == [1]
    index.synonyms = table
    assert ids(index, "Excel") == [1, 2]  # the word itself ranks above its synonym
    assert ids(index, "Tabellenkalkulation") == [2, 1]
    assert ids(index, "EDV") == [4, 3]
    assert ids(index, "it") == [3, 4]


def test_editing_the_synonym_table_takes_effect_without_reindex(make_index):
    index = make_index(offer(1, "Excel für Einsteiger"), offer(2, "Tabellenkalkulation"))
    assert ids(index, "Tabellenkalkulation") == [2]
    index.synonyms = SynonymTable([["Tabellenkalkulation", "Excel"]])
    assert ids(index, "Tabellenkalkulation") == [2, 1]
    index.synonyms = SynonymTable([])
    assert ids(index, "Tabellenkalkulation") == [2]


def test_multi_word_synonym(make_index):
    index = make_index(offer(1, "Deutsch als Zweitsprache"), offer(2, "DaZ-Kurs B1"))
    index.synonyms = SynonymTable.from_mapping({"DaZ": ["Deutsch als Zweitsprache"]})
    assert sorted(ids(index, "DaZ")) == [1, 2]
    assert sorted(ids(index, "deutsch als zweitsprache")) == [1, 2]


def test_one_letter_typos_in_long_words_find_ranked_below_exact(make_index):
    index = make_index(offer(1, "Lagerlogistig"), offer(2, "Lagerlogistik"), offer(3, "Logik"))
    assert ids(index, "Lagerlogistik") == [2, 1]
    assert ids(index, "Lagrlogistik") != []  # deletion
    assert ids(index, "Lagerlogsitik") != []  # transposition
    assert ids(index, "Lagerlogistak") != []  # substitution


def test_short_words_are_not_fuzzed(make_index):
    index = make_index(offer(1, "Kurs"), offer(2, "Kfz-Technik"))
    assert ids(index, "Kurz") == []
    assert ids(index, "Kfs") == []


def test_place_and_radius_with_online_offers_matching_everywhere(make_index):
    lat, lon = HOLZMINDEN
    index = make_index(
        offer(1, "Schweißen Holzminden", lat=lat, lon=lon),
        offer(2, "Schweißen Hameln", lat=52.1039, lon=9.3562),  # 31 km
        offer(3, "Schweißen München", lat=48.1374, lon=11.5755),
        offer(4, "Schweißen online", fmt="online"),
        offer(5, "Schweißen Fernlehrgang", fmt="fernlernen"),
        offer(6, "Schweißen knapp innerhalb", lat=lat + 0.17, lon=lon),  # 18.9 km
        offer(7, "Schweißen knapp außerhalb", lat=lat + 0.19, lon=lon),  # 21.1 km
    )
    near = Place(lat, lon, 20)
    assert sorted(ids(index, "Schweißen", place=near)) == [1, 4, 5, 6]
    assert sorted(ids(index, "Schweißen", place=Place(lat, lon, 40))) == [1, 2, 4, 5, 6, 7]
    in_munich = ids(index, "", place=Place(48.1374, 11.5755, 25))
    assert sorted(in_munich) == [3, 4, 5]
    nearest = ids(index, "Schweißen", place=Place(lat, lon, 40), sort="distance")
    assert nearest[:4] == [1, 6, 7, 2]
    assert sorted(nearest[4:]) == [4, 5]


def test_title_ranks_above_description(make_index):
    index = make_index(
        offer(1, "Betriebsführung", "Mit einem Modul zur Nachhaltigkeit im Betrieb."),
        offer(2, "Nachhaltigkeit im Betrieb", "Ein Seminar für kleine Unternehmen."),
    )
    assert ids(index, "Nachhaltigkeit") == [2, 1]


def test_stopwords_do_not_spoil_a_query(make_index):
    index = make_index(offer(1, "Grundlagen der Elektrotechnik"))
    assert ids(index, "die Grundlagen der Elektrotechnik") == [1]


def test_generic_words_like_kurs_are_ignored_next_to_a_subject(make_index):
    index = make_index(offer(1, "Excel für Einsteiger"), offer(2, "Excel-Kurs"), offer(3, "Kurs"))
    assert sorted(ids(index, "Excel Kurs")) == [1, 2]
    assert sorted(ids(index, "Kurs")) == [2, 3]


def test_large_radius_uses_coarse_cells_and_stays_exact(make_index):
    lat, lon = HOLZMINDEN
    index = make_index(
        offer(1, "Schweißen München", lat=48.1374, lon=11.5755),  # 430 km
        offer(2, "Schweißen Hamburg", lat=53.5511, lon=9.9937),  # 195 km
        offer(3, "Schweißen Hameln", lat=52.1039, lon=9.3562),
    )
    assert sorted(ids(index, "Schweißen", place=Place(lat, lon, 420))) == [2, 3]
    assert sorted(ids(index, "Schweißen", place=Place(lat, lon, 440))) == [1, 2, 3]
    assert ids(index, "", place=Place(lat, lon, 440), sort="distance") == [3, 2, 1]


def test_subject_compounds_with_course_words_find_the_subject(make_index):
    index = make_index(
        offer(1, "Schweißen MAG für Einsteiger"),
        offer(2, "Schweißtechnik kompakt"),
        offer(3, "Excel Grundlagen", "Tabellen und Formeln"),
        offer(4, "Sprachkurs Deutsch B1"),
        offer(5, "Buchhaltung"),
    )
    for query in ("Schweisskurs", "Schweißkurs", "Schweißerkurs", "SCHWEISSKURSE"):
        assert set(ids(index, query)) == {1, 2}, query
    assert ids(index, "Excelkurs") == [3]
    assert ids(index, "Sprachkurs") == [4]  # the typed word itself still matches


def test_offers_with_upcoming_runs_rank_above_offers_without(make_index):
    past = {"start_date": "2025-03-02", "format": "praesenz", "lat": None, "lon": None}
    index = make_index(
        # The title match is better, but the offer has no future date.
        offer(1, "Excel Grundlagen Excel", "Excel Grundlagen") | {"runs": [past]},
        offer(2, "Grundlagen", "Tabellen mit Excel"),
    )
    assert ids(index, "Excel Grundlagen", today=TODAY) == [2, 1]
    assert ids(index, "Excel Grundlagen", today=TODAY, sort="start") == [2, 1]
