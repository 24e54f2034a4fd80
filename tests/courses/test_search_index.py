"""The course index: filters, facet counts, sorting, pages, highlights, writes, consistency."""

from datetime import date

import pytest

from verbund.courses.search import CourseIndex, Place, SearchRequest, SynonymTable
from verbund.courses.search import index as search_index

TODAY = date(2026, 1, 10)
HAMELN = (52.1039, 9.3562)


def run(start="2026-03-02", fmt="praesenz", **extra):
    located = fmt in ("praesenz", "hybrid")
    place = {"lat": HAMELN[0], "lon": HAMELN[1], "region_id": "hameln-pyrmont"} if located else {}
    return {"start_date": start, "format": fmt, **place, **extra}


def offer(offer_id, title="Schweißen", description="", runs=None, **extra):
    return {
        "id": offer_id,
        "version": 1,
        "title": title,
        "description": description,
        "runs": runs if runs is not None else [run()],
        **extra,
    }


@pytest.fixture
def index(tmp_path):
    index = CourseIndex(tmp_path / "index")
    index.upsert(
        [
            offer(1, topic_ids=["schweissen"], funding=["bildungsgutschein"], price_eur=900),
            offer(2, runs=[run(fmt="online", time_of_day="abends")], price_eur=90),
            offer(3, runs=[run("2026-05-04", time_of_day="abends"), run(fmt="online")]),
            offer(4, title="Buchhaltung", topic_ids=["buchhaltung"], price_eur=3000),
            offer(5, runs=[run("2025-12-01")], language="en", price_eur=0),  # run passed
            offer(6, provider_id="p7", certificate="zertifikat", target_groups=["azubis"]),
        ],
        today=TODAY,
    )
    index.commit()
    return index


def search(index, **options):
    return index.search(SearchRequest(**options))


def ids(index, **options):
    return sorted(hit.id for hit in search(index, page_size=100, **options).hits)


def test_every_filter_dimension(index):
    assert ids(index, filters={"topic": ["schweissen", "buchhaltung"]}) == [1, 4]
    assert ids(index, filters={"format": ["online"]}) == [2, 3]
    assert ids(index, filters={"instruction": []}) == [1, 2, 3, 4, 5, 6]  # empty: no filter
    assert ids(index, filters={"time_of_day": ["abends"]}) == [2, 3]
    assert ids(index, filters={"funding": ["bildungsgutschein"]}) == [1]
    assert ids(index, filters={"language": ["en"]}) == [5]
    assert ids(index, filters={"provider": ["p7"]}) == [6]
    assert ids(index, filters={"certificate": ["zertifikat"]}) == [6]
    assert ids(index, filters={"target_group": ["azubis"]}) == [6]
    assert ids(index, filters={"region": ["hameln-pyrmont"]}) == [1, 3, 4, 6]
    assert ids(index, filters={"month": ["2026-05"]}) == [3]
    assert ids(index, filters={"price": ["free", "to_100"]}) == [2, 5]


def test_filters_combine_with_text_start_dates_and_price(index):
    assert ids(index, text="Schweißen", filters={"format": ["online"]}) == [2, 3]
    assert ids(index, start_from=date(2026, 4, 1)) == [3]
    assert ids(index, start_from=date(2026, 3, 1), start_to=date(2026, 3, 31)) == [1, 2, 3, 4, 6]
    assert ids(index, max_price=900) == [1, 2, 5]  # offers 3 and 6 have no price
    assert ids(index, place=Place(*HAMELN, 5), filters={"format": ["online"]}) == [2, 3]


def test_unknown_filter_dimension_is_an_error(index):
    with pytest.raises(ValueError, match="colour"):
        search(index, filters={"colour": ["red"]})


def test_facet_counts_over_the_result(index):
    facets = search(index, text="Schweißen").facets
    assert facets["format"] == {"praesenz": 3, "online": 2}
    assert facets["time_of_day"] == {"abends": 2}
    assert facets["topic"] == {"schweissen": 1}
    assert facets["price"] == {"free": 1, "to_100": 1, "to_1000": 1}
    assert facets["month"] == {"2026-03": 4, "2026-05": 1}
    assert facets["language"] == {"en": 1}
    assert set(facets) >= {"region", "provider", "certificate", "target_group", "funding"}


def test_facets_are_disjunctive_for_the_filtered_dimension(index):
    result = search(index, filters={"format": ["online"], "time_of_day": ["abends"]})
    assert result.total == 2
    # format counted as if only time_of_day were chosen, and the other way round
    assert result.facets["format"] == {"online": 2, "praesenz": 1}
    assert result.facets["time_of_day"] == {"abends": 2}
    assert result.facets["region"] == {"hameln-pyrmont": 1}  # not filtered: the result's
    plain = search(index, filters={"format": ["online"]}, disjunctive_facets=False)
    assert plain.facets["format"] == {"online": 2, "praesenz": 1}  # offer 3 has both


def test_facets_can_be_skipped(index):
    assert search(index, facets=False).facets == {}


def test_sort_by_price_start_and_relevance(index):
    by_price = [hit.id for hit in search(index, sort="price").hits]
    assert by_price[:4] == [5, 2, 1, 4]  # offers without a price come last
    assert set(by_price[4:]) == {3, 6}
    by_start = search(index, sort="start", filters={"month": ["2026-03", "2026-05"]}).hits
    assert [hit.next_start for hit in by_start] == [date(2026, 3, 2)] * 5
    by_start = search(index, sort="start").hits
    assert by_start[-1].id == 5 and by_start[-1].next_start is None  # no upcoming run: last
    assert search(index).hits[0].next_start is not None  # no text: earliest start first


def test_pagination(tmp_path):
    index = CourseIndex(tmp_path / "index")
    index.upsert([offer(i, runs=[run(f"2026-03-{i:02d}")]) for i in range(1, 26)], today=TODAY)
    index.commit()
    pages = [search(index, sort="start", page=p, page_size=10) for p in (1, 2, 3)]
    assert [p.total for p in pages] == [25, 25, 25]
    assert [len(p.hits) for p in pages] == [10, 10, 5]
    assert [h.id for p in pages for h in p.hits] == list(range(1, 26))
    assert search(index, page=4, page_size=10).hits == []


def test_hits_carry_highlighted_escaped_snippets(tmp_path):
    index = CourseIndex(tmp_path / "index")
    title = "<script>alert('x')</script> Schweißtechnik & Co"
    description = "Vorbereitung. " * 40 + "Am Ende üben Sie das <b>Schweißen</b> selbst."
    index.upsert([offer(1, title, description)], today=TODAY)
    index.commit()
    hit = search(index, text="schweissen").hits[0]
    assert hit.title_html == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Schweißtechnik</mark> &amp; Co"
    )
    assert "&lt;b&gt;<mark>Schweißen</mark>&lt;/b&gt;" in hit.description_html
    assert hit.description_html.startswith("…")
    assert len(hit.description_html) < 400
    assert hit.next_start == date(2026, 3, 2)


def test_update_and_delete(index):
    assert ids(index, text="Buchhaltung") == [4]
    index.upsert([offer(4, title="Lohnbuchhaltung kompakt", version=2)], today=TODAY)
    index.commit()
    assert ids(index, text="Lohnbuchhaltung") == [4]
    assert search(index).total == 6
    index.delete([4, 5])
    index.commit()
    assert ids(index, text="Lohnbuchhaltung") == []
    assert search(index).total == 4


def test_a_second_reader_sees_commits(tmp_path, index):
    reader = CourseIndex(index_path := tmp_path / "index")
    assert reader.num_docs == 6
    index.delete([1])
    index.commit()
    reader._index.reload()  # automatic within moments; forced here to keep the test fast
    assert CourseIndex(index_path).num_docs == 5


def test_consistency_lists_missing_outdated_and_extra(index):
    report = index.consistency([(1, 1), (2, 1), (3, 2), (4, 1), (5, 1), (99, 1)])
    assert report.missing == [99]
    assert report.outdated == [3]
    assert report.extra == [6]
    assert not report.ok
    assert index.consistency([(i, 1) for i in range(1, 7)]).ok


def test_stale_ids_are_offers_whose_next_start_has_passed(index):
    assert index.stale_ids(today=TODAY) == []
    assert index.stale_ids(today=date(2026, 3, 3)) == [1, 2, 3, 4, 6]


def test_cached_facet_counts_follow_commits_and_synonym_edits(index):
    assert search(index).facets["format"] == {"praesenz": 4, "online": 2}
    index.upsert([offer(7, runs=[run(fmt="online")])], today=TODAY)
    index.commit()
    assert search(index).facets["format"] == {"praesenz": 4, "online": 3}
    assert search(index, text="Lehrgang").facets == {}
    index.synonyms = SynonymTable([["Lehrgang", "Buchhaltung"]])
    assert search(index, text="Lehrgang").facets["topic"] == {"buchhaltung": 1}


def test_facets_of_a_huge_result_are_counted_on_a_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "EXACT_FACETS_UP_TO", 100)
    monkeypatch.setattr(search_index, "FACET_SAMPLE_SIZE", 300)
    index = CourseIndex(tmp_path / "index", facet_cache=False)
    formats = ["online" if i % 4 == 0 else "praesenz" for i in range(1000)]
    index.upsert([offer(i, runs=[run(fmt=f)]) for i, f in enumerate(formats, 1)], today=TODAY)
    index.commit()
    sampled = search(index)
    assert sampled.total == 1000 and not sampled.facets_exact
    assert 150 <= sampled.facets["format"]["online"] <= 350  # 250 really
    assert 600 <= sampled.facets["format"]["praesenz"] <= 900  # 750 really
    exact = search(index, exact_facets=True)
    assert exact.facets_exact and exact.facets["format"] == {"online": 250, "praesenz": 750}
    small = search(index, text="Schweißen", filters={"format": ["online"]})
    assert small.facets_exact and small.facets["format"] == {"online": 250, "praesenz": 750}


@pytest.mark.parametrize(
    "options", [{"sort": "colour"}, {"page": 0}, {"page_size": 0}, {"page_size": 10_000}]
)
def test_invalid_requests_are_rejected(options):
    with pytest.raises(ValueError):
        SearchRequest(**options)
