"""openQ-cat 1.1 import: the files KURSNET takes (and verbund's own export, openqcat_write).

A course is a ``SERVICE`` whose ``SERVICE_MODULE/EDUCATION@type="true"``; each run is a
``SERVICE`` with ``EDUCATION@type="false"`` (or a ``COURSE_ID`` naming another product)
whose ``COURSE_ID`` names the course's ``PRODUCT_ID``. ``NEW_CATALOG`` is a full catalogue;
``UPDATE_CATALOG`` (``seq_number``) has ``DELETE`` (by ``PRODUCT_ID``: an offer or a run)
and ``NEW`` (create or replace), applied in that order. The encoding is the one the XML
declaration names (UTF-8, ISO-8859-1, ISO-8859-15). Parsing uses defusedxml: entity
expansion (XML bombs), external entities and DTDs are rejected.

BA codes are read back into verbund's fields (kursnet_values); legacy codes below 100 of
``INSTRUCTION_FORM`` (before 2021) are read from their words; a free-text
``TARGET_GROUP_TEXT`` is kept as text. Features of the "verbund" classification (or named
``verbund:*``, older exports) carry what the BA has no element for.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from verbund.core.services.params import MAX_INT, parse_int
from verbund.courses.models import FORMAT_OF_CODE_GROUP, Funding, TargetGroup
from verbund.courses.services import kursnet_values as ba
from verbund.courses.services.tabular import FileError, SourceRow

_HOURS_RE = re.compile(r"(\d+)\s*Unterrichtsstunden")


@dataclass
class Parsed:
    rows: list[SourceRow] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)  # (supplier ref, product id)
    seq_number: int | None = None
    supplier: str = ""


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
    except (ParseError, LookupError, ValueError) as error:
        raise FileError(_("Die XML-Datei ist fehlerhaft: %(error)s") % {"error": error}) from error
    if root.tag != "OPENQCAT":
        raise FileError(_("Das Wurzelelement muss OPENQCAT sein."))
    header = root.find("HEADER")
    default_language = ba.LANGUAGE_639_1.get(_text(header, "CATALOG/LANGUAGE").lower(), "de")
    supplier_default = _text(header, "SUPPLIER/SUPPLIER_ID") or _text(
        header, "SUPPLIER/SUPPLIER_NAME"
    )
    parsed = Parsed(supplier=supplier_default)
    body = root.find("NEW_CATALOG")
    services = []
    if body is not None:
        services = body.findall("SERVICE")
    else:
        update = root.find("UPDATE_CATALOG")
        if update is None:
            raise FileError(_("Weder NEW_CATALOG noch UPDATE_CATALOG gefunden."))
        parsed.seq_number = parse_int(update.get("seq_number", ""), None)
        for delete in update.findall("DELETE"):
            for service in delete.findall("SERVICE"):
                ref = _text(service, "SUPPLIER_ID_REF") or supplier_default
                parsed.deletes.append((ref, _text(service, "PRODUCT_ID")))
        for new in update.findall("NEW"):
            services += new.findall("SERVICE")
    courses, runs = [], defaultdict(list)
    for number, service in enumerate(services, start=1):
        education = service.find("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
        course_id = _text(education, "COURSE_ID")
        is_run = education is not None and (
            education.get("type") == "false"
            or (course_id and course_id != _text(service, "PRODUCT_ID"))
        )
        if is_run:
            runs[course_id].append(service)
        else:
            courses.append((number, service))
    for number, course in courses:
        parsed.rows += _rows(number, course, runs, supplier_default, default_language)
    return parsed


def _features(service) -> dict[str, str]:
    found = {}
    for classification in service.findall("SERVICE_CLASSIFICATION"):
        ours = _text(classification, "REFERENCE_CLASSIFICATION_SYSTEM_NAME") == "verbund"
        for feature in classification.findall("FEATURE"):
            name = _text(feature, "FNAME")
            if ours or name.startswith("verbund:"):
                found[name.removeprefix("verbund:")] = _text(feature, "FVALUE")
    return found


def _instruction(education) -> tuple[int | None, str, str]:
    """(verbund's code or None, format, words) of an INSTRUCTION_FORM; legacy codes by words."""
    element = education.find("EXTENDED_INFO/INSTRUCTION_FORM") if education is not None else None
    if element is None:
        return None, "", ""
    words = (element.text or "").strip()
    code = parse_int(element.get("type", ""), 0, minimum=0, maximum=MAX_INT)
    if code >= 100 and code // 100 in FORMAT_OF_CODE_GROUP:
        return code, FORMAT_OF_CODE_GROUP[code // 100], words
    lowered = words.lower()
    if "fern" in lowered:
        fmt = "fernlernen"
    elif any(word in lowered for word in ("online", "virtuell", "e-learning", "webinar")):
        fmt = "online"
    elif "hybrid" in lowered or "blended" in lowered:
        fmt = "hybrid"
    else:
        fmt = "praesenz"
    return None, fmt, words


def _legacy_time(words: str) -> str:
    lowered = words.lower()
    return "teilzeit" if "teilzeit" in lowered else "vollzeit" if "vollzeit" in lowered else ""


def _target_groups(service) -> list[str]:
    by_label = {str(label).lower(): key for key, label in TargetGroup.choices}
    keys = set(TargetGroup.values)
    found = []
    for element in service.iterfind(".//TARGET_GROUP/TARGET_GROUP_TEXT"):
        text = (element.text or "").strip()
        if text:
            found.append(text if text in keys else by_label.get(text.lower(), text))
    return found


def _funding(services) -> list[str]:
    by_label = {str(label).lower(): key for key, label in Funding.choices}
    found = []
    for service in services:
        extended = service.find("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/EXTENDED_INFO")
        if extended is None:
            continue
        for element in extended.findall("FUNDING_TYPES_FEDERAL"):
            key = ba.FUNDING_OF_FEDERAL_CODE.get(parse_int(element.get("type", ""), 0))
            if key and key not in found:
                found.append(key)
        remarks = _text(extended, "FUNDING_TYPES_REMARKS").removeprefix("Förderung:")
        for label in remarks.split(";"):
            key = by_label.get(label.strip().lower())
            if key and key not in found:
                found.append(key)
    return found


def _run_extended(runs, path: str) -> str:
    for run in runs:
        value = _text(run, f"SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/EXTENDED_INFO/{path}")
        if value:
            return value
    return ""


def _contact(details) -> dict:
    contact = details.find("CONTACT") if details is not None else None
    if contact is None:
        return {}
    name = " ".join(
        part for part in (_text(contact, "FIRST_NAME"), _text(contact, "LAST_NAME")) if part
    )
    return {
        "contact_name": name[:200],
        "contact_email": _text(contact, "EMAILS/EMAIL") or _text(contact, "EMAIL"),
        "contact_phone": _text(contact, "PHONE")[:40],
    }


def _bool(text: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(text.lower())


def _rows(number, course, runs, supplier_default, default_language) -> list[SourceRow]:
    details = course.find("SERVICE_DETAILS")
    education = details.find("SERVICE_MODULE/EDUCATION") if details is not None else None
    product_id = _text(course, "PRODUCT_ID")
    features = _features(course)
    dated = runs.get(product_id) or []
    code, code_format, instruction_words = _instruction(education)
    time_element = (
        education.find("EXTENDED_INFO/INSTRUCTION_TIME") if education is not None else None
    )
    instruction_time = ""
    if time_element is not None:
        instruction_time = ba.INSTRUCTION_TIME_OF_CODE.get(
            parse_int(time_element.get("type", ""), 0), ""
        )
    if not instruction_time and code is None:
        instruction_time = _legacy_time(instruction_words)
    language = ba.LANGUAGE_639_1.get(_run_extended(dated, "TEACHING_LANGUAGES").lower(), "")
    remarks = _text(education, "MODULE_COURSE/INSTRUCTION_REMARKS")
    hours = _HOURS_RE.search(remarks)
    degree = education.find("DEGREE") if education is not None else None
    education_type = (
        education.find("EXTENDED_INFO/EDUCATION_TYPE") if education is not None else None
    )
    accessible = _bool(_run_extended(dated, "DIGITAL_ACCESSIBILITY"))
    url = _text(education, "MIME_INFO/MIME_ELEMENT/MIME_SOURCE") or _text(
        course, "MIME_INFO/MIME_ELEMENT/MIME_SOURCE"
    )
    base = {
        "offer_id": product_id,
        "provider": _text(course, "SUPPLIER_ID_REF") or supplier_default,
        "title": _text(details, "TITLE"),
        "description": _text(details, "DESCRIPTION_LONG"),
        "format": features.get("format") or code_format,
        "price_eur": _text(course, "SERVICE_PRICE_DETAILS/SERVICE_PRICE/PRICE_AMOUNT"),
        "topics": features.get("topics", ""),
        "language": language or features.get("language", default_language),
        "hours": hours.group(1) if hours else "",
        "time_of_day": features.get("time_of_day", ""),
        "funding": ";".join(_funding([course, *dated])) or features.get("funding", ""),
        "certificate": features.get("certificate", ""),
        "url": url or features.get("url", ""),
        "min_participants": _text(education, "MODULE_COURSE/MIN_PARTICIPANTS"),
        "max_participants": _text(education, "MODULE_COURSE/MAX_PARTICIPANTS"),
        "__extra_fields__": {
            "measure_number": _text(education, "EXTENDED_INFO/MEASURE_NUMBER"),
            "degree": (_text(degree, "DEGREE_TITLE") or _text(education, "DEGREE"))[:200],
            "instruction_code": code,
            "instruction_time": instruction_time,
            "target_groups": _target_groups(course),
            "education_type": parse_int(education_type.get("type", ""), None)
            if education_type is not None
            else None,
            "digital_accessibility": accessible,
            "keywords": [k.text.strip() for k in details.findall("KEYWORD") if k.text]
            if details is not None
            else [],
            **_contact(details),
        },
    }
    where = _("SERVICE %(number)s (PRODUCT_ID %(id)s)") % {"number": number, "id": product_id}
    rows = []
    for run in dated or [course]:
        rows.append(SourceRow(number, base | _run_values(course, run, base["format"]), where))
    return rows


def _run_values(course, run, offer_format: str) -> dict:
    run_education = run.find("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
    location = run.find(".//MODULE_COURSE/LOCATION")
    _code, run_format, _words = _instruction(run_education) if run is not course else (None, "", "")
    return {
        "run_id": "" if run is course else _text(run, "PRODUCT_ID"),
        "start_date": _text(run, "SERVICE_DETAILS/SERVICE_DATE/START_DATE")[:10],
        "end_date": _text(run, "SERVICE_DETAILS/SERVICE_DATE/END_DATE")[:10],
        "street": _text(location, "STREET") or _text(location, "ADDRESS/STREET"),
        "postcode": _text(location, "ZIP") or _text(location, "ADDRESS/ZIP"),
        "city": _text(location, "CITY") or _text(location, "ADDRESS/CITY"),
        "__flexible__": _text(run_education, "MODULE_COURSE/FLEXIBLE_START").lower() == "true",
        "__run_format__": run_format if run_format and run_format != offer_format else "",
        "__barrier_free__": _bool(_text(location, "BARRIER_FREE_LOCATION")),
    }
