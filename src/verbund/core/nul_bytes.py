"""Refuse NUL characters in any input with 400, before a view sees them.

PostgreSQL text cannot hold U+0000: a query filter or a saved field with one raises
``ValueError`` deep inside the database layer (a 500 on every search box, filter and form
field). SQLite would store it silently. One check at the door covers every field and
filter of the pages and the API alike: the path, the query string, form fields (not file
contents: a spreadsheet may hold NUL bytes) and JSON bodies (``\\u0000`` escapes).
"""

import re

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
# A JSON escape of U+0000 that is not itself an escaped backslash ("\\u0000" is text).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def message() -> str:
    return _(
        "Die Anfrage enthält ein unzulässiges Steuerzeichen (Nullzeichen). "
        "Bitte entfernen Sie es aus Ihrer Eingabe."
    )


def _in_query(query) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


def has_nul(request) -> bool:
    if NUL in request.path or _in_query(request.GET):
        return True
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    content_type = request.content_type or ""
    try:
        if content_type in _FORM_TYPES:
            # file names need no check: Django drops non-printable characters from them
            return request.method == "POST" and _in_query(request.POST)
        if content_type == "application/json" or request.path.startswith("/api/"):
            body = request.body
            return b"\x00" in body or bool(_JSON_NUL.search(body))
    except RequestDataTooBig:
        return False  # the view answers that (413 in the API)
    return False


class NulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message()}, status=400)
            from verbund.core.views.errors import bad_request

            return bad_request(request, reason=message())
        return self.get_response(request)
