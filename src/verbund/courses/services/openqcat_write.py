"""openQ-cat 1.1 export in the shape KURSNET takes (schema with the BA's changes to 11/2025).

One file per supplier. An offer is a ``SERVICE`` with ``EDUCATION@type="true"``, each run a
``SERVICE`` with ``EDUCATION@type="false"`` whose ``COURSE_ID`` names the offer; both carry
``COURSE_TYPE`` 5 (Weiterbildungsangebot) and the ``EXTENDED_INFO`` KURSNET needs, the run
also its duration class, teaching languages, funding types and accessibility. Fields the
BA has no element for (topics, time of day, certificate, format) travel in a second
``SERVICE_CLASSIFICATION`` named "verbund", so an export re-imports without loss.
``kursnet.problems`` refuses incomplete offers before this module writes anything.
"""

import datetime
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from verbund.courses.models import FORMAT_OF_CODE_GROUP
from verbund.courses.services import kursnet_values as ba

VERBUND_SYSTEM = "verbund"
VERBUND_FEATURES = ("format", "topics", "time_of_day", "certificate")
# The schema requires SUPPLIER/EXTENDED_INFO@input_type (the way the data are entered);
# its value list is only on the KURSNET website, 1 stands for a delivered file.
SUPPLIER_INPUT_TYPE = 1
DEFAULT_CODE_OF_FORMAT = {fmt: group * 100 + 1 for group, fmt in FORMAT_OF_CODE_GROUP.items()}
INSTRUCTION_FORM_WORDS = {
    "praesenz": "Präsenzunterricht",
    "online": "Online-Unterricht",
    "hybrid": "Präsenz und Online",
    "fernlernen": "Fernunterricht",
}


def _add(parent, tag: str, text=None, **attributes):
    element = SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text not in (None, ""):
        element.text = str(text)
    return element


def _cut(text, limit: int) -> str:
    return str(text or "")[:limit]


def supplier_ref(provider) -> tuple[str, str]:
    """(id, type): the BA's number if the provider has one, else verbund's own."""
    supplier = getattr(provider, "kursnet_supplier", None)
    if supplier is not None and supplier.supplier_id:
        return supplier.supplier_id, "supplier_specific"
    return f"verbund-{provider.pk}", "supplier_specific"


def product_id(offer, run=None) -> str:
    if run is None:
        return offer.external_id
    return run.external_id or f"{offer.external_id}-{run.pk}"


def write(
    offers,
    provider,
    generated: datetime.datetime,
    *,
    seq_number: int | None = None,
    only: set[str] | None = None,
    deletes=(),
) -> bytes:
    """A NEW_CATALOG, or with ``seq_number`` an UPDATE_CATALOG (DELETE, then NEW of ``only``)."""
    root = Element("OPENQCAT", version="1.1")
    header = _add(root, "HEADER")
    _add(header, "GENERATOR_INFO", "verbund")
    ref, ref_type = supplier_ref(provider)
    catalog = _add(header, "CATALOG")
    _add(catalog, "LANGUAGE", "deu")
    _add(catalog, "CATALOG_ID", _cut(f"{ref}-verbund", 50))
    _add(catalog, "CATALOG_VERSION", "1.0")
    _add(catalog, "CATALOG_NAME", _cut(f"Weiterbildungsangebote {provider.name}", 255))
    _add(catalog, "GENERATION_DATE", generated.isoformat(timespec="seconds"))
    _add(catalog, "CURRENCY", "EUR")
    _supplier(header, provider, ref, ref_type)
    if seq_number is None:
        target = _add(root, "NEW_CATALOG")
    else:
        body = _add(root, "UPDATE_CATALOG", seq_number=seq_number)
        if deletes:
            delete = _add(body, "DELETE")
            for gone in deletes:
                service = _add(delete, "SERVICE")
                _add(service, "PRODUCT_ID", gone)
                _add(service, "SUPPLIER_ID_REF", ref, type=ref_type)
        target = _add(body, "NEW")
    institution = provider.kursnet_supplier.institution_type
    for offer in offers:
        if only is None or product_id(offer) in only:
            _course(target, offer, ref, ref_type, institution)
        for run in offer.runs.all():
            if only is None or product_id(offer, run) in only:
                _run(target, offer, run, ref, ref_type, institution)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode()


def _address_names(parent, name: str) -> None:
    """NAME, NAME2, NAME3 hold 30 characters each; a longer name continues in the next."""
    for index, tag in enumerate(("NAME", "NAME2", "NAME3")):
        part = name[index * 30 : (index + 1) * 30]
        if part:
            _add(parent, tag, part)


def _emails(parent, email: str) -> None:
    if email:
        _add(_add(parent, "EMAILS"), "EMAIL", _cut(email, 255))


def _supplier(header, provider, ref: str, ref_type: str) -> None:
    supplier = _add(header, "SUPPLIER")
    _add(supplier, "SUPPLIER_ID", ref, type=ref_type)
    _add(supplier, "SUPPLIER_NAME", _cut(provider.name, 255))
    address = _add(supplier, "ADDRESS")
    _address_names(address, provider.name)
    _add(address, "STREET", _cut(provider.street, 30))
    _add(address, "ZIP", _cut(provider.postcode, 14))
    _add(address, "CITY", _cut(provider.city, 36))
    _add(address, "COUNTRY", provider.country or "DE")
    _add(address, "PHONE", _cut(provider.phone, 30))
    _emails(address, provider.email)
    _add(address, "URL", _cut(provider.website, 255))
    contact = _add(supplier, "CONTACT")
    _add(contact, "CONTACT_ROLE", "Sonstige", type=5)
    _add(contact, "PHONE", _cut(provider.phone, 30))
    _emails(contact, provider.email)
    _add(contact, "URL", _cut(provider.website, 255))
    extended = _add(supplier, "EXTENDED_INFO", input_type=SUPPLIER_INPUT_TYPE)
    del extended  # KURSNET's further supplier fields are optional


def _contact(details, offer) -> None:
    if not (offer.contact_name or offer.contact_email or offer.contact_phone):
        return
    contact = _add(details, "CONTACT")
    _add(contact, "CONTACT_ROLE", "Ansprechpartner", type=1)
    first, _space, last = offer.contact_name.strip().rpartition(" ")
    _add(contact, "FIRST_NAME", _cut(first, 30))
    _add(contact, "LAST_NAME", _cut(last, 30))
    _add(contact, "PHONE", _cut(offer.contact_phone, 30))
    _emails(contact, offer.contact_email)


def _instruction_code(offer, run=None) -> int:
    run_format = run.format if run is not None else ""
    if run_format and run_format != offer.format:
        return DEFAULT_CODE_OF_FORMAT[run_format]
    return offer.instruction_code or DEFAULT_CODE_OF_FORMAT[offer.format]


def _extended_info(education, offer, institution_type: int, run=None) -> None:
    extended = _add(education, "EXTENDED_INFO")
    _add(extended, "INSTITUTION", type=institution_type)
    code = _instruction_code(offer, run)
    words = offer.instruction_label if code == offer.instruction_code else ""
    run_format = (run.format if run is not None else "") or offer.format
    _add(extended, "INSTRUCTION_FORM", words or INSTRUCTION_FORM_WORDS[run_format], type=code)
    if offer.instruction_time:
        _add(
            extended,
            "INSTRUCTION_TIME",
            offer.get_instruction_time_display(),
            type=ba.INSTRUCTION_TIME_CODES[offer.instruction_time],
        )
    if run is not None:
        unmapped = []
        for key in offer.funding or []:
            if key in ba.FUNDING_FEDERAL:
                code, text = ba.FUNDING_FEDERAL[key]
                _add(extended, "FUNDING_TYPES_FEDERAL", text, type=code)
            else:
                unmapped.append(key)
        if unmapped:
            _add(extended, "FUNDING_TYPES_REMARKS", _funding_words(unmapped))
        if offer.digital_accessibility is not None:
            _add(extended, "DIGITAL_ACCESSIBILITY", _bool(offer.digital_accessibility))
        _add(extended, "TEACHING_LANGUAGES", ba.LANGUAGE_639_2.get(offer.language, "deu"))
    _add(extended, "EDUCATION_TYPE", type=offer.education_type)
    _add(extended, "MEASURE_NUMBER", _cut(offer.measure_number, 30))


def _funding_words(keys) -> str:
    from verbund.courses.models import Funding

    labels = dict(Funding.choices)
    return "Förderung: " + "; ".join(str(labels.get(key, key)) for key in keys)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _course(parent, offer, ref: str, ref_type: str, institution: int) -> None:
    service = _add(parent, "SERVICE")
    _add(service, "PRODUCT_ID", product_id(offer))
    _add(service, "COURSE_TYPE", ba.COURSE_TYPE_CONTINUING_EDUCATION)
    _add(service, "SUPPLIER_ID_REF", ref, type=ref_type)
    details = _add(service, "SERVICE_DETAILS")
    _add(details, "TITLE", offer.title)
    _add(details, "DESCRIPTION_LONG", _cut(offer.description, 30000))
    _contact(details, offer)
    for keyword in offer.keywords or []:
        _add(details, "KEYWORD", _cut(keyword, 255))
    for value in offer.target_groups or []:
        _add(_add(details, "TARGET_GROUP"), "TARGET_GROUP_TEXT", _target_group_text(value))
    education = _add(_add(details, "SERVICE_MODULE"), "EDUCATION", type="true")
    _degree(education, offer)
    if offer.url:
        _add(_add(_add(education, "MIME_INFO"), "MIME_ELEMENT"), "MIME_SOURCE", offer.url)
    _extended_info(education, offer, institution)
    module = _add(education, "MODULE_COURSE")
    if offer.min_participants:
        _add(module, "MIN_PARTICIPANTS", offer.min_participants)
    if offer.max_participants:
        _add(module, "MAX_PARTICIPANTS", offer.max_participants)
    if offer.hours:
        _add(module, "INSTRUCTION_REMARKS", f"{offer.hours} Unterrichtsstunden")
    _classification(service, offer)
    if offer.price is not None:
        price = _add(_add(service, "SERVICE_PRICE_DETAILS"), "SERVICE_PRICE")
        _add(price, "PRICE_AMOUNT", Decimal(offer.price).quantize(Decimal("0.01")))
        _add(price, "PRICE_CURRENCY", offer.currency)


def _target_group_text(value: str) -> str:
    from verbund.courses.models import TargetGroup

    return _cut(dict(TargetGroup.choices).get(value, value), 4000)


def _degree(education, offer) -> None:
    if not (offer.degree or offer.certificate):
        return
    degree_type, examiner = ba.DEGREE_OF_CERTIFICATE.get(
        offer.certificate, (ba.DEGREE_PROVIDER, "")
    )
    degree = _add(education, "DEGREE", type=degree_type)
    _add(degree, "DEGREE_TITLE", _cut(offer.degree or offer.get_certificate_display(), 2000))
    if examiner:
        _add(_add(degree, "DEGREE_EXAM", type="Berufsabschluss"), "EXAMINER", examiner)


def _classification(service, offer) -> None:
    values = {
        "format": offer.format,
        "topics": ";".join(t.code for t in offer.topics.all()),
        "time_of_day": offer.time_of_day,
        "certificate": offer.certificate,
    }
    if not any(values.values()):
        return
    classification = _add(service, "SERVICE_CLASSIFICATION")
    _add(classification, "REFERENCE_CLASSIFICATION_SYSTEM_NAME", VERBUND_SYSTEM)
    for name in VERBUND_FEATURES:
        if values[name]:
            feature = _add(classification, "FEATURE")
            _add(feature, "FNAME", name)
            _add(feature, "FVALUE", values[name])


def _datetime(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00"


def _run(parent, offer, run, ref: str, ref_type: str, institution: int) -> None:
    service = _add(parent, "SERVICE")
    _add(service, "PRODUCT_ID", product_id(offer, run))
    _add(service, "COURSE_TYPE", ba.COURSE_TYPE_CONTINUING_EDUCATION)
    _add(service, "SUPPLIER_ID_REF", ref, type=ref_type)
    details = _add(service, "SERVICE_DETAILS")
    _add(details, "TITLE", offer.title)
    date = _add(details, "SERVICE_DATE")
    _add(date, "START_DATE", _datetime(run.start_date))
    _add(date, "END_DATE", _datetime(run.end_date))
    education = _add(_add(details, "SERVICE_MODULE"), "EDUCATION", type="false")
    _add(education, "COURSE_ID", offer.external_id)
    _extended_info(education, offer, institution, run)
    module = _add(education, "MODULE_COURSE")
    if run.city:
        location = _add(module, "LOCATION")
        _add(location, "STREET", _cut(run.street, 30))
        _add(location, "ZIP", _cut(run.postcode, 14))
        _add(location, "CITY", _cut(run.city, 36))
        _add(location, "COUNTRY", "DE")
        if run.barrier_free is not None:
            _add(location, "BARRIER_FREE_LOCATION", _bool(run.barrier_free))
    duration = _add(module, "DURATION", type=ba.duration_class(run.start_date, run.end_date))
    _add(duration, "START_DATE", _datetime(run.start_date))
    _add(duration, "END_DATE", _datetime(run.end_date))
    _add(module, "FLEXIBLE_START", _bool(run.flexible_start))
