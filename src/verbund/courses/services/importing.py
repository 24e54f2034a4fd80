"""Import of offers and runs: validate every row first, write all or nothing.

The readers (``tabular`` for CSV/XLSX, ``openqcat`` for XML) yield ``SourceRow``s, one per
run with the offer's columns repeated. ``validate`` reports every bad row with its line,
column and reason; ``write`` stores the valid offers in one transaction. An imported
offer's runs are replaced by the runs in the file (the file is the provider's catalogue).
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from verbund.core.models import Organization, Topic
from verbund.core.services.geo import place_coordinates
from verbund.core.services.numbers import NotANumber, parse_decimal
from verbund.core.services.params import MAX_INT, parse_id
from verbund.courses.models import Certificate, Format, Funding, TargetGroup, TimeOfDay
from verbund.courses.services import kursnet

OFFER_FIELDS = (
    "title",
    "description",
    "target_groups",
    "language",
    "hours",
    "time_of_day",
    "funding",
    "certificate",
    "url",
    "min_participants",
    "max_participants",
    "price",
    "format",
)
_url = URLValidator(schemes=["http", "https"])


@dataclass
class RowError:
    where: str  # "Zeile 7" or "SERVICE 3 (PRODUCT_ID K-1)"
    column: str
    message: str

    def __str__(self):
        return f"{self.where}, {self.column}: {self.message}"


@dataclass
class RunData:
    external_id: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    street: str = ""
    postcode: str = ""
    city: str = ""
    flexible_start: bool = False
    format: str = ""
    barrier_free: bool | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class OfferData:
    provider: Organization
    external_id: str
    fields: dict
    topics: list
    runs: list[RunData]
    where: str
    extra: dict = field(default_factory=dict)  # further Offer fields (XML: measure number)


@dataclass
class ImportReport:
    rows: int = 0
    offers: list[OfferData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    bad_rows: int = 0
    deletes: list[tuple[Organization, str]] = field(default_factory=list)
    seq_number: int | None = None  # of a differential delivery (openQ-cat UPDATE_CATALOG)
    created: int = 0
    updated: int = 0
    deleted: int = 0
    deleted_runs: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("„%(value)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).") % {"value": text}
    )


def _int(value, minimum=0, maximum=32767) -> int:
    """A whole number within the column's range (participants are small integers)."""
    try:
        number = int(parse_decimal(value))
    except (ValueError, OverflowError):
        raise ValueError(_("„%(value)s“ ist keine ganze Zahl.") % {"value": value}) from None
    if number < minimum:
        raise ValueError(_("Der Wert muss mindestens %(min)s sein.") % {"min": minimum})
    if number > maximum:
        raise ValueError(_("Der Wert darf höchstens %(limit)s sein.") % {"limit": maximum})
    return number


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _choice(value, choices) -> str:
    text = str(value).strip()
    by_key = {key.lower(): key for key, _label in choices.choices}
    by_label = {str(label).lower(): key for key, label in choices.choices}
    key = by_key.get(text.lower()) or by_label.get(text.lower())
    if key is None:
        raise ValueError(
            _("„%(value)s“ ist unbekannt. Erlaubt: %(allowed)s")
            % {"value": text, "allowed": ", ".join(choices.values)}
        )
    return key


class Validator:
    """Validates rows one at a time, remembering offers seen for consistency checks."""

    def __init__(self, provider: Organization | None = None, allowed_providers=None):
        self.provider = provider
        self.allowed = allowed_providers  # None: any provider organization
        self.report = ImportReport()
        self._offers: dict[tuple[int, str], OfferData] = {}
        self._signatures: dict[tuple[int, str], tuple] = {}
        self._runs: set[tuple] = set()
        self._providers: dict[str, Organization | None] = {}
        self._own_names: set[str] | None = None
        self._topics = {t.code.lower(): t for t in Topic.objects.all()}
        self._topics.update({t.label_de.lower(): t for t in self._topics.values()})

    def _provider(self, value) -> Organization:
        text = str(value or "").strip()
        if self.provider is not None:
            if self._own_names is None:
                self._own_names = {str(self.provider.pk), self.provider.name.lower()}
                self._own_names.add(self.provider.short_name.lower())
                self._own_names.add(f"verbund-{self.provider.pk}")
                self._own_names.add(kursnet.supplier_id_of(self.provider).lower())
            if text and text.lower() not in self._own_names:
                raise ValueError(
                    _("Anbieter „%(value)s“ passt nicht zu %(provider)s.")
                    % {"value": text, "provider": self.provider.name}
                )
            return self.provider
        if not text:
            raise ValueError(_("Pflichtfeld ist leer."))
        if text not in self._providers:
            candidates = Organization.objects.filter(kind=Organization.Kind.PROVIDER)
            if self.allowed is not None:
                candidates = candidates.filter(pk__in=self.allowed)
            # The BA's supplier id first (KURSNET files), then verbund's id, then the name.
            pk = parse_id(text.removeprefix("verbund-"))
            found = candidates.filter(kursnet_supplier__supplier_id=text).first() or (
                candidates.filter(pk=pk).first()
                if pk
                else candidates.filter(name__iexact=text).first()
                or candidates.filter(short_name__iexact=text).first()
            )
            self._providers[text] = found
        if self._providers[text] is None:
            raise ValueError(_("Unbekannter Bildungsanbieter „%(value)s“.") % {"value": text})
        return self._providers[text]

    def add(self, row) -> None:
        self.report.rows += 1
        where = row.where or _("Zeile %(line)s") % {"line": row.line}
        errors: list[RowError] = []
        if "__extra__" in row.values:
            errors.append(RowError(where, "–", _("Mehr Werte als Spalten in der Kopfzeile.")))
            self._finish(errors)
            return
        values = {k: ("" if v is None else v) for k, v in row.values.items()}

        def get(column, convert, required=False, default=None):
            raw = values.get(column, "")
            if raw == "" or (isinstance(raw, str) and not raw.strip()):
                if required:
                    errors.append(RowError(where, column, _("Pflichtfeld ist leer.")))
                return default
            try:
                return convert(raw)
            except ValueError as error:
                errors.append(RowError(where, column, str(error)))
                return default

        def text(limit):
            def convert(raw):
                value = str(raw).strip()
                if len(value) > limit:
                    raise ValueError(_("Höchstens %(max)s Zeichen.") % {"max": limit})
                return value

            return convert

        provider = get("provider", self._provider, required=self.provider is None)
        provider = provider or self.provider
        offer_id = get("offer_id", text(100), required=True)
        fmt = get("format", lambda v: _choice(v, Format), required=True)
        located = fmt not in (Format.ONLINE, Format.FERNLERNEN)
        data = {
            "title": get("title", text(255), required=True),
            "description": get("description", str, required=True),
            "format": fmt,
            "price": get("price_eur", self._price, required=True),
            "target_groups": get("target_groups", self._groups, default=[]),
            "language": get("language", self._language, default="de"),
            "hours": get("hours", lambda v: _int(v, 1, MAX_INT)),
            "time_of_day": get("time_of_day", lambda v: _choice(v, TimeOfDay), default=""),
            "funding": get(
                "funding", lambda v: [_choice(x, Funding) for x in _split(v)], default=[]
            ),
            "certificate": get("certificate", lambda v: _choice(v, Certificate), default=""),
            "url": get("url", self._url, default=""),
            "min_participants": get("min_participants", lambda v: _int(v, 1)),
            "max_participants": get("max_participants", lambda v: _int(v, 1)),
        }
        if (data["min_participants"] or 0) > (data["max_participants"] or 10**9):
            errors.append(
                RowError(
                    where,
                    "min_participants",
                    _("Die Mindestteilnehmerzahl ist größer als die Höchstteilnehmerzahl."),
                )
            )
        topics = get("topics", self._topic_list, default=[])
        start = get("start_date", parse_date, required=True)
        end = get("end_date", parse_date, required=True)
        if start and end and end < start:
            errors.append(RowError(where, "end_date", _("Das Ende liegt vor dem Beginn.")))
        run = RunData(
            external_id=get("run_id", text(100), default=""),
            start_date=start,
            end_date=end,
            street=get("street", text(200), default=""),
            postcode=get("postcode", text(10), default=""),
            city=get("city", text(120), required=located, default=""),
            flexible_start=bool(values.get("__flexible__")),
            format=values.get("__run_format__") or "",
            barrier_free=row.values.get("__barrier_free__"),
        )
        if located and run.city and not place_coordinates(f"{run.postcode} {run.city}"):
            errors.append(
                RowError(
                    where,
                    "city",
                    _("Ort „%(city)s“ ist unbekannt; bitte mit Postleitzahl (postcode) angeben.")
                    % {"city": run.city},
                )
            )
        if errors or provider is None or offer_id is None:
            self._finish(errors)
            return
        key = (provider.pk, offer_id)
        signature = tuple(str(data[name]) for name in OFFER_FIELDS) + (
            tuple(sorted(t.pk for t in topics)),
        )
        run_key = (key, run.external_id or (run.start_date, run.end_date, run.city))
        if key in self._offers and self._signatures[key] != signature:
            first = self._offers[key].where
            errors.append(
                RowError(
                    where,
                    "offer_id",
                    _("Angebot „%(id)s“ hat andere Angebotsdaten als in %(first)s.")
                    % {"id": offer_id, "first": first},
                )
            )
        elif run_key in self._runs:
            errors.append(
                RowError(
                    where,
                    "run_id" if run.external_id else "start_date",
                    _("Doppelter Termin für Angebot „%(id)s“.") % {"id": offer_id},
                )
            )
        if errors:
            self._finish(errors)
            return
        self._runs.add(run_key)
        if key not in self._offers:
            offer = OfferData(
                provider,
                offer_id,
                data,
                topics,
                [],
                where,
                dict(values.get("__extra_fields__") or {}),
            )
            self._offers[key] = offer
            self._signatures[key] = signature
            self.report.offers.append(offer)
        self._offers[key].runs.append(run)

    def add_offer_without_runs(self, row) -> None:
        """XML courses without dates: validate the offer like a row, then keep it without runs."""
        self.add(row)
        if self.report.offers and self.report.offers[-1].where == row.where:
            self.report.offers[-1].runs = []

    def _finish(self, errors) -> None:
        self.report.errors.extend(errors)
        self.report.bad_rows += 1

    @staticmethod
    def _price(value) -> Decimal:
        try:
            number = parse_decimal(value)
        except NotANumber as error:
            if error.explained:
                raise ValueError(error.message) from None
            raise ValueError(_("„%(value)s“ ist kein Betrag.") % {"value": error.text}) from None
        if number < 0:
            raise ValueError(_("Der Preis darf nicht negativ sein."))
        if number >= Decimal("100000000"):
            raise ValueError(_("Der Preis ist zu hoch."))
        return number.quantize(Decimal("0.01"))

    @staticmethod
    def _language(value) -> str:
        text = str(value).strip().lower()
        if not re.fullmatch(r"[a-z]{2}", text):
            raise ValueError(_("Bitte einen zweistelligen Sprachcode (ISO 639-1) wie „de“."))
        return text

    @staticmethod
    def _groups(value) -> list[str]:
        return [_choice(item, TargetGroup) for item in _split(value)]

    @staticmethod
    def _url(value) -> str:
        text = str(value).strip()
        if "://" not in text:
            text = "https://" + text
        try:
            _url(text)
        except ValidationError:
            raise ValueError(
                _("„%(value)s“ ist keine gültige Adresse.") % {"value": value}
            ) from None
        return text

    def _topic_list(self, value) -> list:
        topics = []
        for name in _split(value):
            topic = self._topics.get(name.lower())
            if topic is None:
                raise ValueError(_("Unbekanntes Thema „%(value)s“.") % {"value": name})
            topics.append(topic)
        return topics


def validate(
    rows: Iterable,
    provider: Organization | None = None,
    allowed_providers=None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    validator = Validator(provider, allowed_providers)
    for row in rows:
        validator.add(row)
        if progress:
            progress(1)
    return validator.report
