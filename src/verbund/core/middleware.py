"""German unless the user chose another language with the switch (stored in a cookie).

Django's LocaleMiddleware would follow the browser's Accept-Language; our users are
German public bodies first, so the UI stays German until someone switches.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class OddInputMiddleware:
    """The safety net under the parsing helpers (``core.services.params``): a number too
    large for the database column (SQLite raises OverflowError past 2**63 - 1) that
    slipped through a filter is the client's bad input, answered with 400, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from verbund.core.views.errors import bad_request

            return bad_request(request, exception)
        return None
