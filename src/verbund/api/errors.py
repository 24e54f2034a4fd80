"""Every API error is JSON: ``{"detail": "<message>"}``, plus ``errors`` for 409/422.

``errors`` maps a field name to its messages (``"__all__"`` for errors of the whole
object), the same shape whether the schema (ninja/pydantic) or the model's
``full_clean`` rejected the input.
"""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from verbund.core.services.access import Refused

logger = logging.getLogger(__name__)

# Django's codes for a failed unique field / UniqueConstraint check in full_clean.
UNIQUE_CODES = {"unique", "unique_together"}
# Where ninja reports a parameter; the client only needs the field name.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


class Conflict(Exception):
    """The change breaks a uniqueness rule (an equal object exists)."""

    def __init__(self, errors: dict[str, list[str]] | None = None):
        self.errors = errors or {}
        super().__init__(self.errors)


def _schema_message(error: dict) -> str:
    """A German message for the common pydantic error types."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    messages = {
        "missing": _("Dieses Feld ist erforderlich."),
        "extra_forbidden": _("Dieses Feld ist unbekannt."),
        "int_parsing": _("Bitte eine ganze Zahl angeben."),
        "int_type": _("Bitte eine ganze Zahl angeben."),
        "int_from_float": _("Bitte eine ganze Zahl angeben."),
        "float_parsing": _("Bitte eine Zahl angeben."),
        "decimal_parsing": _("Bitte eine Zahl angeben."),
        "bool_parsing": _("Bitte true oder false angeben."),
        "string_type": _("Bitte einen Text angeben."),
        "list_type": _("Bitte eine Liste angeben."),
        "date_parsing": _("Bitte ein Datum im Format JJJJ-MM-TT angeben."),
        "date_from_datetime_parsing": _("Bitte ein Datum im Format JJJJ-MM-TT angeben."),
        "date_type": _("Bitte ein Datum im Format JJJJ-MM-TT angeben."),
        "time_parsing": _("Bitte eine Uhrzeit im Format HH:MM angeben."),
        "datetime_parsing": _("Bitte Datum und Uhrzeit im ISO-Format angeben."),
        "datetime_from_date_parsing": _("Bitte Datum und Uhrzeit im ISO-Format angeben."),
        "json_invalid": _("Der Inhalt ist kein gültiges JSON."),
        "model_attributes_type": _("Bitte ein JSON-Objekt senden."),
        "dict_type": _("Bitte ein JSON-Objekt senden."),
    }
    if kind in messages:
        return messages[kind]
    if kind == "value_error" and context.get("error"):
        return str(context["error"])  # our validators' messages are translated already
    if kind == "enum":
        return _("Ungültige Auswahl. Erlaubt: %(expected)s") % {
            "expected": context.get("expected", "")
        }
    if kind == "string_too_long":
        return _("Höchstens %(max)s Zeichen.") % {"max": context.get("max_length", "")}
    if kind == "string_too_short":
        return _("Mindestens %(min)s Zeichen.") % {"min": context.get("min_length", "")}
    if kind == "greater_than_equal":
        return _("Der Wert muss mindestens %(limit)s sein.") % {"limit": context.get("ge", "")}
    if kind == "less_than_equal":
        return _("Der Wert darf höchstens %(limit)s sein.") % {"limit": context.get("le", "")}
    return _("Ungültiger Wert.")


def _field_name(location: list) -> str:
    """``["body", "payload", "name"]`` -> ``name``; ``["query", "filters", "kind"]`` -> ``kind``."""
    parts = [str(part) for part in location]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
        # ninja nests by the handler's parameter name (payload, filters) unless flattened.
        if len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


def schema_errors(exc: SchemaValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", [])), []).append(_schema_message(error))
    return errors


def django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: [str(message) for message in exc.messages]}


def is_unique_violation(exc: DjangoValidationError) -> bool:
    """Did only uniqueness checks fail (then the answer is 409, not 422)?"""
    codes = (
        [error.code for errors in exc.error_dict.values() for error in errors]
        if hasattr(exc, "error_dict")
        else [error.code for error in exc.error_list]
    )
    return bool(codes) and all(code in UNIQUE_CODES for code in codes)


def install(api) -> None:
    """Register the handlers on the NinjaAPI ``api``."""

    def respond(request, status, detail, errors=None, headers=None):
        body = {"detail": str(detail)}
        if errors is not None:
            body["errors"] = errors
        response = api.create_response(request, body, status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(
            request,
            401,
            _("Anmeldung erforderlich: API-Token als „Authorization: Bearer <Token>“ senden."),
            headers={"WWW-Authenticate": 'Bearer realm="verbund"'},
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        if isinstance(exc, Refused):
            return respond(request, 403, str(exc))
        return respond(request, 403, _("Dazu fehlt Ihnen die Berechtigung."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return respond(
            request,
            413,
            _("Die Anfrage ist zu groß (höchstens %(mib)s MiB).")
            % {"mib": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
        )

    @api.exception_handler(OverflowError)
    def too_large(request, exc):
        return respond(request, 400, _("Eine Zahl ist zu groß."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Nicht gefunden."))

    @api.exception_handler(SchemaValidationError)
    def invalid_schema(request, exc):
        return respond(request, 422, _("Die Eingaben sind ungültig."), schema_errors(exc))

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request, exc):
        if is_unique_violation(exc):
            return respond(
                request, 409, _("Ein solcher Eintrag existiert bereits."), django_errors(exc)
            )
        return respond(request, 422, _("Die Eingaben sind ungültig."), django_errors(exc))

    @api.exception_handler(Conflict)
    def conflict(request, exc):
        return respond(request, 409, _("Ein solcher Eintrag existiert bereits."), exc.errors)

    @api.exception_handler(IntegrityError)
    def integrity(request, exc):
        # A race past full_clean's checks; the database constraint had the last word.
        logger.info("API write rejected by a database constraint: %s", exc)
        return respond(request, 409, _("Die Änderung widerspricht einem bestehenden Eintrag."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400:
            return respond(request, 400, _("Der Inhalt der Anfrage ist kein gültiges JSON."))
        return respond(request, exc.status_code, exc.message)

    def database_unavailable(request, exc):
        # The database is away (restart, failover): retry later; no bug to report.
        logger.warning("API request %s while the database is unavailable: %s", request.path, exc)
        return respond(
            request,
            503,
            _("Der Dienst ist vorübergehend nicht erreichbar. Bitte gleich noch einmal versuchen."),
            headers={"Retry-After": "10"},
        )

    api.exception_handler(OperationalError)(database_unavailable)
    api.exception_handler(InterfaceError)(database_unavailable)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("Unhandled error in API request %s %s", request.method, request.path)
        return respond(request, 500, _("Interner Fehler. Der Vorfall wurde protokolliert."))
