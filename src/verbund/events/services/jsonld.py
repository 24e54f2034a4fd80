"""schema.org Event data for search engines; the template renders it with json_script."""

from django.utils import timezone

from verbund.core.services.jsonld import absolute, prune


def event_jsonld(event, request=None) -> dict:
    from verbund.events.services.registration import availability, closed_reason

    free = availability(event)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled_at
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": absolute(event.get_absolute_url()),
        "organizer": {
            "@type": "Organization",
            "name": str(event.organization),
            "url": event.organization.website,
        },
        "location": {
            "@type": "Place",
            "name": event.place or event.city,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.street,
                "postalCode": event.postcode,
                "addressLocality": event.city,
                "addressCountry": event.country,
            },
        },
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": free.seats_left,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock"
            if free.seats_left and not closed_reason(event)
            else "https://schema.org/SoldOut",
            "url": absolute(event.get_absolute_url()),
        },
    }
    if event.lat is not None and event.lon is not None:
        data["location"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": event.lat,
            "longitude": event.lon,
        }
    return prune(data)


def jsonld_script(data: dict):
    """``<script type="application/ld+json">`` escaped like ``json_script`` (no ``</script>``
    break-out); a data block, never executed, so the Content-Security-Policy allows it."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.html import _json_script_escapes, format_html
    from django.utils.safestring import mark_safe

    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_json_script_escapes)),  # noqa: S308 - escaped above
    )
