"""German text analysis and the synthetic offer generator."""

from itertools import islice

from hypothesis import given
from hypothesis import strategies as st

from verbund.courses.search.analyzer import (
    Highlighter,
    SynonymTable,
    analyze_word,
    fold,
    query_words,
    split_compound,
)
from verbund.courses.search.schema import cover_circle, haversine_km, price_band
from verbund.courses.search.synthetic import generate_offers


def test_fold_spells_out_umlauts_and_sharp_s():
    assert fold("Schweißen") == fold("SCHWEISSEN") == "schweissen"
    assert fold("Übungsführer Café") == "uebungsfuehrer cafe"


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_ascii_for_german_letters(text):
    assert fold(fold(text)) == fold(text)


def test_lemmas_join_inflections_but_keep_kurs_and_kur_apart():
    assert analyze_word("Kurse").full == analyze_word("Kursen").full == {"kurs"}
    assert "kurs" not in analyze_word("Kur").full | analyze_word("Kuren").full


def test_compounds_split_into_known_parts_longest_head_first():
    assert split_compound("schweißtechnik") == ("schweiss", "technik")
    assert split_compound("arbeitsschutz") == ("arbeit", "schutz")  # linking s
    assert split_compound("kurseinheit") == ("kurs", "einheit")  # not kur + s + einheit
    assert split_compound("elektrotechnik") == ("elektro", "technik")  # shipped extra part
    assert split_compound("ausbildung") == ()  # a prefix derivation, not a compound
    assert split_compound("kurs") == ()


def test_agent_nouns_and_verbs_share_their_root():
    assert "schweiss" in analyze_word("Schweißer").sub
    assert "schweiss" in analyze_word("Schweißtechnik").sub


def test_stopwords_and_single_letters_are_dropped():
    assert [w.surface for w in query_words("die Grundlagen der EDV a")] == ["grundlagen", "edv"]


def test_synonym_table_matches_inflected_and_multi_word_phrases():
    table = SynonymTable([["Deutsch als Zweitsprache", "DaZ"], ["Kurs", "Lehrgang"]])
    length, alternatives = table.match(query_words("Kurse in DaZ"), 0)
    assert length == 1
    assert [[w.surface for w in p] for p in alternatives] == [["lehrgang"]]
    length, alternatives = table.match(query_words("Deutsch als Zweitsprache"), 0)
    assert (length, [[w.surface for w in p] for p in alternatives]) == (2, [["daz"]])
    assert not SynonymTable()


def test_highlighter_escapes_and_marks_typos():
    highlighter = Highlighter({"kurs"}, {"buchhaltung"})
    html = highlighter.highlight("Kurse & <Buchhaltnug>")
    assert html == "<mark>Kurse</mark> &amp; &lt;<mark>Buchhaltnug</mark>&gt;"


def test_radius_cover_is_exact_at_the_edge():
    inside, edge = cover_circle(51.8282, 9.4484, 20.0)
    assert inside and edge and not set(inside) & set(edge)
    assert round(haversine_km(51.8282, 9.4484, 52.1039, 9.3562)) == 31
    assert (
        price_band(0) == "free" and price_band(100) == "to_100" and price_band(1e5) == "over_5000"
    )


def test_synthetic_offers_are_deterministic_and_plausible():
    first = list(islice(generate_offers(200, seed=7), 200))
    assert first == list(generate_offers(200, seed=7))
    assert first != list(generate_offers(200, seed=8))
    assert [o["id"] for o in first] == list(range(1, 201))
    for o in first:
        assert o["title"] and len(o["description"].split()) > 10
        assert 1 <= len(o["runs"]) <= 4
        for run in o["runs"]:
            located = run["format"] in ("praesenz", "hybrid")
            assert (run["lat"] is not None) == located
            assert 101 <= run["instruction_code"] <= 403
    regions = {r["region_id"] for o in first for r in o["runs"] if r["region_id"]}
    assert "holzminden" in regions or "vechta" in regions
    assert any(r.startswith("land-06") for r in regions)  # Lower Saxony
