"""schema.org ``Course`` / ``CourseInstance`` JSON-LD, for offer pages and the catalogue export.

The page embeds it in ``<script type="application/ld+json">``: a data block, which the
browser never executes, so the Content-Security-Policy (script-src 'self') does not apply.
"""

import json

from verbund.core.services.jsonld import absolute, prune
from verbund.courses.models import Format, Funding

COURSE_MODE = {
    Format.PRAESENZ: "onsite",
    Format.ONLINE: "online",
    Format.HYBRID: "blended",
    Format.FERNLERNEN: "online",
}
TIME_OF_DAY = {
    "ganztags": "Ganztags",
    "vormittags": "Vormittags",
    "nachmittags": "Nachmittags",
    "abends": "Abends",
    "wochenende": "Wochenende",
}


_absolute = absolute


def _funding_words(keys) -> str:
    """Readable funding names ("Bildungsgutschein (AZAV), Aufstiegs-BAföG"), never keys."""
    labels = dict(Funding.choices)
    return ", ".join(str(labels[key]) for key in keys or [] if key in labels)


def course(offer, runs=None) -> dict:
    runs = list(offer.runs.all()) if runs is None else runs
    provider = offer.provider
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": _absolute(offer.get_absolute_url()),
        "url": _absolute(offer.get_absolute_url()),
        "name": offer.title,
        "description": offer.description,
        "courseCode": offer.external_id,
        "inLanguage": offer.language,
        "availableLanguage": [offer.language],
        "provider": {
            "@type": "EducationalOrganization",
            "name": provider.name,
            **({"url": provider.website} if provider.website else {}),
            **(
                {
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": provider.street,
                        "postalCode": provider.postcode,
                        "addressLocality": provider.city,
                        "addressCountry": provider.country,
                    }
                }
                if provider.city
                else {}
            ),
        },
        "about": [topic.label_de for topic in offer.topics.all()],
        "keywords": ", ".join(offer.keywords or []),
        "financialAidEligible": _funding_words(offer.funding),
        "educationalCredentialAwarded": offer.get_certificate_display() or offer.degree or None,
        "timeRequired": f"PT{offer.hours}H" if offer.hours else None,
        "hasCourseInstance": [instance(offer, run) for run in runs],
    }
    if offer.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{offer.price:.2f}",
            "priceCurrency": offer.currency,
            "category": "Free" if offer.price == 0 else "Paid",
        }
    if offer.url:
        data["sameAs"] = offer.url
    return prune(data)


def instance(offer, run) -> dict:
    fmt = run.format or offer.format
    data = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODE.get(fmt, "onsite"),
        "startDate": run.start_date.isoformat() if run.start_date else None,
        "endDate": run.end_date.isoformat() if run.end_date else None,
        "courseWorkload": f"PT{offer.hours}H" if offer.hours else None,
    }
    time_of_day = run.time_of_day or offer.time_of_day
    if time_of_day or run.start_date:
        data["courseSchedule"] = {
            "@type": "Schedule",
            **({"startDate": run.start_date.isoformat()} if run.start_date else {}),
            **({"endDate": run.end_date.isoformat()} if run.end_date else {}),
            **({"description": TIME_OF_DAY[time_of_day]} if time_of_day else {}),
        }
    if run.city:
        data["location"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": run.street,
                "postalCode": run.postcode,
                "addressLocality": run.city,
                "addressCountry": "DE",
            },
            **(
                {"geo": {"@type": "GeoCoordinates", "latitude": run.lat, "longitude": run.lon}}
                if run.lat is not None
                else {}
            ),
        }
    elif fmt in (Format.ONLINE, Format.FERNLERNEN):
        data["location"] = {"@type": "VirtualLocation", "url": _absolute(offer.get_absolute_url())}
    return prune(data)


def script_json(offer, runs=None) -> str:
    """JSON for an inline data block: ``<`` escaped so the text cannot close the script."""
    text = json.dumps(course(offer, runs), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dumps_catalog(offers) -> bytes:
    from verbund.courses.services import indexing

    graph = []
    ids = list(offers.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        for offer in indexing.for_index(offers.filter(pk__in=ids[start : start + 1000])):
            item = course(offer)
            item.pop("@context", None)
            graph.append(item)
    return json.dumps(
        {"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=1
    ).encode("utf-8")
