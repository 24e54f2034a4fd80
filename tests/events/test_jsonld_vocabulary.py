"""Event JSON-LD: schema.org only, addressCountry, no empty strings, cancellation shown."""

from tests.schemaorg.vocabulary import problems
from verbund.events.models import Event
from verbund.events.services import calendar_changes
from verbund.events.services.jsonld import event_jsonld


def test_event_jsonld_fits_the_vocabulary(event, settings):
    settings.SITE_URL = "https://verbund.example.org"
    data = event_jsonld(event)
    assert problems(data) == []
    address = data["location"]["address"]
    assert address["addressCountry"] == "DE" and "streetAddress" not in address
    assert data["url"] == f"https://verbund.example.org/veranstaltungen/{event.pk}/"
    Event.objects.filter(pk=event.pk).update(country="FR", street="Rue de la Gare 1")
    calendar_changes.cancel(event)
    event.refresh_from_db()
    data = event_jsonld(event)
    assert problems(data) == []
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["address"]["addressCountry"] == "FR"
