"""Matching is pure: every score is the sum of its reasons, and the ranking follows the scores."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from verbund.needs.services.matching import Candidate, NeedProfile, RunInfo, rank

TODAY = datetime.date(2026, 3, 1)
HOLZMINDEN = (51.83, 9.45)


def offer(
    offer_id, topic, fmt="praesenz", lat=51.83, lon=9.45, days=30, price=None, funding=(), **extra
):
    run = RunInfo(
        offer_id * 10, TODAY + datetime.timedelta(days=days), fmt, extra.pop("time", ""), lat, lon
    )
    return Candidate(
        offer_id,
        f"Kurs {offer_id}",
        "Anbieter",
        frozenset({topic}),
        text=extra.pop("text", ""),
        price=price,
        funding=funding,
        runs=(run,),
        **extra,
    )


NEED = NeedProfile(
    topic_id=1,
    related_topic_ids=frozenset({2}),
    text="Excel Grundlagen",
    lat=HOLZMINDEN[0],
    lon=HOLZMINDEN[1],
    target_group="older",
    format="in_person",
    time_of_day="during",
    budget=Decimal("500"),
    urgency_months=6,
    funding=frozenset({"bildungsgutschein"}),
    today=TODAY,
)


def test_best_offer_first_with_reasons():
    near = offer(
        1, 1, price=Decimal("300"), funding=("bildungsgutschein",), text="Excel für Einsteiger"
    )
    far = offer(2, 1, lat=48.1, lon=11.6)
    late = offer(3, 1, days=400)
    online = offer(4, 2, fmt="online")
    ranked = rank(NEED, [far, late, online, near])
    assert [m.offer_id for m in ranked][0] == 1
    codes = {reason.code for reason in ranked[0].reasons}
    assert {"topic", "text", "place", "start", "format", "price", "funding"} <= codes
    far_match = next(m for m in ranked if m.offer_id == 2)
    assert any(r.code == "place" and r.points < 0 for r in far_match.reasons)


def test_past_runs_do_not_count():
    assert rank(NEED, [offer(1, 1, days=-5)]) == []


candidates = st.lists(
    st.builds(
        offer,
        offer_id=st.integers(1, 10_000),
        topic=st.sampled_from([1, 2, 3]),
        fmt=st.sampled_from(["praesenz", "online", "hybrid", "fernlernen"]),
        lat=st.floats(47, 55),
        lon=st.floats(6, 15),
        days=st.integers(0, 900),
        price=st.none() | st.decimals(0, 3000, places=2),
        funding=st.sampled_from([(), ("bildungsgutschein",), ("aufstiegs_bafoeg",)]),
        time=st.sampled_from(["", "abends", "vormittags"]),
    ),
    max_size=25,
    unique_by=lambda c: c.offer_id,
)


@settings(max_examples=100, deadline=None)
@given(candidates)
def test_reasons_agree_with_ranking(offers):
    ranked = rank(NEED, offers, limit=100)
    for match in ranked:
        assert match.score == sum(reason.points for reason in match.reasons)
        assert match.reasons
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)


def test_generic_words_are_no_keyword_hits_and_exact_topic_means_exact():
    need = NeedProfile(
        topic_id=1,
        related_topic_ids=frozenset({2}),
        text="Generationen arbeiten gemeinsam im Betrieb, Beschäftigte über 50",
        today=TODAY,
    )
    security = offer(5, 3, text="IT-Sicherheit: Beschäftigte arbeiten sicher im Betrieb")
    (match,) = rank(need, [security])
    assert {reason.code for reason in match.reasons}.isdisjoint({"topic", "text"})
    generations = offer(6, 1, text="Generationen im Team")
    (match,) = rank(need, [generations])
    texts = [reason.text for reason in match.reasons]
    assert "Thema passt genau" in texts and "Stichworte gefunden: generationen" in texts


def test_prices_in_reasons_are_german():
    from django.utils import translation

    with translation.override("de"):
        (match,) = rank(NEED, [offer(7, 1, price=Decimal("1290.50"))])
    assert "Preis 1.290,50 € über Budget" in [reason.text for reason in match.reasons]
