"""openQ-cat V1.1 (the Federal Employment Agency's bulk-upload XML) import and export.

A course is a ``SERVICE`` whose ``SERVICE_MODULE/EDUCATION@type="true"``; each run is a
``SERVICE`` with ``EDUCATION@type="false"`` whose ``COURSE_ID`` names the course's
``PRODUCT_ID``. ``NEW_CATALOG`` is a full catalogue; ``UPDATE_CATALOG`` has ``NEW``
(create or replace) and ``DELETE`` (remove by ``PRODUCT_ID``). Parsing uses defusedxml:
entity expansion (XML bombs), external entities and DTDs are rejected.

Fields openQ-cat has no element for travel as ``SERVICE_CLASSIFICATION/FEATURE`` with
``FNAME`` ``verbund:<field>`` (format, topics, funding, time_of_day, certificate,
language, url), so an export re-imports without loss.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from verbund.core.services.params import MAX_INT, parse_int
from verbund.courses.models import FORMAT_OF_CODE_GROUP
from verbund.courses.services.tabular import FileError, SourceRow

FEATURES = ("format", "topics", "funding", "time_of_day", "certificate", "language", "url")
LANGUAGES_639_2 = {"deu": "de", "ger": "de", "eng": "en", "fra": "fr", "fre": "fr"}


@dataclass
class Parsed:
    rows: list[SourceRow] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)  # (supplier ref, product id)


def _text(element, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def read(data: bytes) -> Parsed:
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise FileError(
            _(
                "Die XML-Datei enthält eine DTD oder Entitäten (%(kind)s). Aus Sicherheitsgründen "
                "werden solche Dateien abgelehnt (Schutz vor „XML-Bomben“)."
            )
            % {"kind": type(error).__name__}
        ) from error
    except ParseError as error:
        raise FileError(_("Die XML-Datei ist fehlerhaft: %(error)s") % {"error": error}) from error
    if root.tag != "OPENQCAT":
        raise FileError(_("Das Wurzelelement muss OPENQCAT sein."))
    header = root.find("HEADER")
    default_language = LANGUAGES_639_2.get(_text(header, "CATALOG/LANGUAGE").lower(), "de")
    supplier_default = _text(header, "SUPPLIER/SUPPLIER_NAME") or _text(
        header, "SUPPLIER/SUPPLIER_ID"
    )
    parsed = Parsed()
    body = root.find("NEW_CATALOG")
    services = []
    if body is not None:
        services = body.findall("SERVICE")
    else:
        update = root.find("UPDATE_CATALOG")
        if update is None:
            raise FileError(_("Weder NEW_CATALOG noch UPDATE_CATALOG gefunden."))
        for new in update.findall("NEW"):
            services += new.findall("SERVICE")
        for delete in update.findall("DELETE"):
            for service in delete.findall("SERVICE"):
                ref = _text(service, "SUPPLIER_ID_REF") or supplier_default
                parsed.deletes.append((ref, _text(service, "PRODUCT_ID")))
    courses, runs = [], defaultdict(list)
    for number, service in enumerate(services, start=1):
        education = service.find("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
        is_course = education is None or education.get("type", "true") == "true"
        if is_course:
            courses.append((number, service))
        else:
            runs[_text(education, "COURSE_ID")].append(service)
    for number, course in courses:
        parsed.rows += _rows(number, course, runs, supplier_default, default_language)
    return parsed


def _features(service) -> dict[str, str]:
    return {
        _text(feature, "FNAME").removeprefix("verbund:"): _text(feature, "FVALUE")
        for feature in service.findall("SERVICE_CLASSIFICATION/FEATURE")
    }


def _rows(number, course, runs, supplier_default, default_language) -> list[SourceRow]:
    details = course.find("SERVICE_DETAILS")
    education = details.find("SERVICE_MODULE/EDUCATION") if details is not None else None
    product_id = _text(course, "PRODUCT_ID")
    features = _features(course)
    code = _text(education, "EXTENDED_INFO/INSTRUCTION_FORM") or (
        education.find("EXTENDED_INFO/INSTRUCTION_FORM").get("type", "")
        if education is not None and education.find("EXTENDED_INFO/INSTRUCTION_FORM") is not None
        else ""
    )
    instruction = (
        education.find("EXTENDED_INFO/INSTRUCTION_TIME") if education is not None else None
    )
    fmt = features.get("format") or (FORMAT_OF_CODE_GROUP.get(parse_int(code, 0) // 100, ""))
    base = {
        "offer_id": product_id,
        "provider": _text(course, "SUPPLIER_ID_REF") or supplier_default,
        "title": _text(details, "TITLE"),
        "description": _text(details, "DESCRIPTION_LONG"),
        "format": fmt,
        "price_eur": _text(course, "SERVICE_PRICE_DETAILS/SERVICE_PRICE/PRICE_AMOUNT"),
        "topics": features.get("topics", ""),
        "target_groups": ";".join(
            t.text.strip() for t in course.iterfind(".//TARGET_GROUP/TARGET_GROUP_TEXT") if t.text
        ),
        "language": features.get("language", default_language),
        "hours": _text(education, "MODULE_COURSE/DURATION"),
        "time_of_day": features.get("time_of_day", ""),
        "funding": features.get("funding", ""),
        "certificate": features.get("certificate", ""),
        "url": features.get("url", ""),
        "min_participants": _text(education, "MODULE_COURSE/MIN_PARTICIPANTS"),
        "max_participants": _text(education, "MODULE_COURSE/MAX_PARTICIPANTS"),
        "__extra_fields__": {
            "measure_number": _text(education, "EXTENDED_INFO/MEASURE_NUMBER"),
            "degree": _text(education, "DEGREE"),
            "instruction_code": parse_int(code, minimum=0, maximum=MAX_INT),
            "instruction_time": {"1": "vollzeit", "2": "teilzeit"}.get(
                instruction.get("type", "") if instruction is not None else "", ""
            ),
            "keywords": [k.text.strip() for k in details.findall("KEYWORD") if k.text]
            if details is not None
            else [],
        },
    }
    where = _("SERVICE %(number)s (PRODUCT_ID %(id)s)") % {"number": number, "id": product_id}
    dated = runs.get(product_id) or [course]
    rows = []
    for run in dated:
        run_education = run.find("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
        location = run.find(".//MODULE_COURSE/LOCATION")
        flexible = _text(run_education, "MODULE_COURSE/FLEXIBLE_START").lower() == "true"
        values = base | {
            "run_id": "" if run is course else _text(run, "PRODUCT_ID"),
            "start_date": _text(run, "SERVICE_DETAILS/SERVICE_DATE/START_DATE")[:10],
            "end_date": _text(run, "SERVICE_DETAILS/SERVICE_DATE/END_DATE")[:10],
            "street": _text(location, "ADDRESS/STREET") or _text(location, "STREET"),
            "postcode": _text(location, "ADDRESS/ZIP") or _text(location, "ZIP"),
            "city": _text(location, "ADDRESS/CITY") or _text(location, "CITY"),
            "__flexible__": flexible,
        }
        rows.append(SourceRow(number, values, where))
    return rows


# -- export -----------------------------------------------------------------------------


def _add(parent, tag: str, text=None, **attributes):
    element = SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text not in (None, ""):
        element.text = str(text)
    return element


def write(offers, provider=None, generated=None, update: bool = False, deletes=()) -> bytes:
    """A NEW_CATALOG (or, with ``update``, an UPDATE_CATALOG with NEW and DELETE)."""
    from verbund.courses.services import indexing

    root = Element("OPENQCAT", version="1.1")
    header = _add(root, "HEADER")
    catalog = _add(header, "CATALOG")
    _add(catalog, "LANGUAGE", "deu")
    _add(catalog, "CATALOG_ID", f"verbund-{provider.pk}" if provider else "verbund")
    _add(catalog, "CATALOG_VERSION", "1.0")
    _add(
        catalog,
        "CATALOG_NAME",
        f"Weiterbildungsangebote {provider.name}" if provider else "verbund",
    )
    _add(catalog, "GENERATION_DATE", generated.isoformat() if generated else None)
    _add(catalog, "CURRENCY", "EUR")
    if provider is not None:
        supplier = _add(header, "SUPPLIER")
        _add(supplier, "SUPPLIER_ID", provider.pk, type="supplier_specific")
        _add(supplier, "SUPPLIER_NAME", provider.name)
        address = _add(supplier, "ADDRESS", type="supplier")
        for tag, value in (
            ("NAME", provider.name),
            ("STREET", provider.street),
            ("ZIP", provider.postcode),
            ("CITY", provider.city),
            ("COUNTRY", provider.country),
        ):
            _add(address, tag, value)
    if update:
        body = _add(root, "UPDATE_CATALOG")
        target = _add(body, "NEW")
    else:
        target = body = _add(root, "NEW_CATALOG")
    ids = list(offers.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        for offer in indexing.for_index(offers.filter(pk__in=ids[start : start + 1000])):
            _course(target, offer)
            for run in offer.runs.all():
                _run(target, offer, run)
    if update and deletes:
        delete = _add(body, "DELETE")
        for supplier_ref, product_id in deletes:
            service = _add(delete, "SERVICE", mode="delete")
            _add(service, "PRODUCT_ID", product_id)
            _add(service, "SUPPLIER_ID_REF", supplier_ref)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8")


def _course(parent, offer) -> None:
    service = _add(parent, "SERVICE", mode="new")
    _add(service, "PRODUCT_ID", offer.external_id)
    _add(service, "COURSE_TYPE", "1")
    _add(service, "SUPPLIER_ID_REF", offer.provider_id, type="supplier_specific")
    details = _add(service, "SERVICE_DETAILS")
    _add(details, "TITLE", offer.title)
    _add(details, "DESCRIPTION_LONG", offer.description)
    if offer.contact_name or offer.contact_email:
        contact = _add(details, "CONTACT")
        _add(contact, "SURNAME", offer.contact_name)
        _add(contact, "EMAIL", offer.contact_email)
        _add(contact, "PHONE", offer.contact_phone)
    for keyword in offer.keywords or []:
        _add(details, "KEYWORD", keyword)
    if offer.target_groups:
        group = _add(details, "TARGET_GROUP")
        for value in offer.target_groups:
            _add(group, "TARGET_GROUP_TEXT", value)
    education = _add(_add(details, "SERVICE_MODULE"), "EDUCATION", type="true")
    _add(education, "DEGREE", offer.degree)
    extended = _add(education, "EXTENDED_INFO")
    if offer.instruction_code:
        _add(
            extended,
            "INSTRUCTION_FORM",
            offer.get_instruction_code_display(),
            type=offer.instruction_code,
        )
    if offer.instruction_time:
        _add(
            extended, "INSTRUCTION_TIME", type="1" if offer.instruction_time == "vollzeit" else "2"
        )
    _add(extended, "MEASURE_NUMBER", offer.measure_number)
    module = _add(education, "MODULE_COURSE")
    _add(module, "MIN_PARTICIPANTS", offer.min_participants)
    _add(module, "MAX_PARTICIPANTS", offer.max_participants)
    _add(module, "DURATION", offer.hours, type="hours")
    classification = _add(service, "SERVICE_CLASSIFICATION")
    values = {
        "format": offer.format,
        "topics": ";".join(t.code for t in offer.topics.all()),
        "funding": ";".join(offer.funding or []),
        "time_of_day": offer.time_of_day,
        "certificate": offer.certificate,
        "language": offer.language,
        "url": offer.url,
    }
    for name in FEATURES:
        if values[name]:
            feature = _add(classification, "FEATURE")
            _add(feature, "FNAME", f"verbund:{name}")
            _add(feature, "FVALUE", values[name])
    if offer.price is not None:
        price = _add(_add(service, "SERVICE_PRICE_DETAILS"), "SERVICE_PRICE")
        _add(price, "PRICE_AMOUNT", Decimal(offer.price).quantize(Decimal("0.01")))
        _add(price, "PRICE_CURRENCY", offer.currency)


def _run(parent, offer, run) -> None:
    service = _add(parent, "SERVICE", mode="new")
    _add(service, "PRODUCT_ID", run.external_id or f"{offer.external_id}-{run.pk}")
    _add(service, "SUPPLIER_ID_REF", offer.provider_id, type="supplier_specific")
    details = _add(service, "SERVICE_DETAILS")
    _add(details, "TITLE", offer.title)
    date = _add(details, "SERVICE_DATE")
    _add(date, "START_DATE", run.start_date.isoformat() if run.start_date else None)
    _add(date, "END_DATE", run.end_date.isoformat() if run.end_date else None)
    education = _add(_add(details, "SERVICE_MODULE"), "EDUCATION", type="false")
    _add(education, "COURSE_ID", offer.external_id)
    module = _add(education, "MODULE_COURSE")
    if run.city:
        location = _add(module, "LOCATION")
        address = _add(location, "ADDRESS")
        _add(address, "STREET", run.street)
        _add(address, "ZIP", run.postcode)
        _add(address, "CITY", run.city)
        _add(address, "COUNTRY", "DE")
    _add(module, "FLEXIBLE_START", "true" if run.flexible_start else "false")
