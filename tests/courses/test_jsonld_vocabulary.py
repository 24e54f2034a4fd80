"""Course JSON-LD: schema.org types and properties only, no empty strings, no internal
keys, absolute URLs on the configured site (also from the command line)."""

import json

from django.core.management import call_command

from tests.courses.conftest import make_offer
from tests.schemaorg.vocabulary import problems
from verbund.courses.services import catalog, jsonld


def test_course_jsonld_fits_the_vocabulary_without_empty_values(provider_a, topic, settings):
    settings.SITE_URL = "https://verbund.example.org"
    offer = make_offer(
        provider_a,
        funding=["aufstiegs_bafoeg", "bildungsgutschein"],
        hours=40,
        time_of_day="abends",
        certificate="ihk_pruefung",
        keywords=["MAG"],
        url="https://example.org/kurs",
    )
    offer.topics.add(topic)
    make_offer(provider_a, "Excel online", runs=((10, None),), format="online")
    data = jsonld.course(offer)
    assert problems(data) == []
    assert data["financialAidEligible"] == "Aufstiegs-BAföG, Bildungsgutschein (AZAV)"
    place = data["hasCourseInstance"][0]["location"]["address"]
    assert "streetAddress" not in place and "postalCode" not in place  # none given
    assert data["provider"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Holzminden",
        "addressCountry": "DE",
    }
    assert data["url"].startswith("https://verbund.example.org/")
    graph = json.loads(catalog.export("jsonld", provider_a))
    assert problems(graph) == []
    assert "aufstiegs_bafoeg" not in json.dumps(graph)


def test_command_line_export_uses_the_configured_site(provider_a, tmp_path, settings, capsys):
    settings.SITE_URL = "http://127.0.0.1:8000"
    make_offer(provider_a)
    out = tmp_path / "kurse.jsonld"
    call_command("courses", "export", "--format", "jsonld", "--out", str(out))
    assert "VERBUND_SITE_URL ist nicht gesetzt" in capsys.readouterr().err
    call_command(
        "courses",
        "export",
        "--format",
        "jsonld",
        "--out",
        str(out),
        "--site-url",
        "https://kurse.example.org",
    )
    text = out.read_text()
    assert "127.0.0.1" not in text and "https://kurse.example.org/kurse/angebote/" in text
