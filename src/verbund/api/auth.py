"""How an API request proves who it is: a personal token, or the browser session.

Tokens (``Authorization: Bearer vb_...``) are for scripts; the session lets the docs
page at /api/v1/docs try requests in the browser, with Django's CSRF check on writes.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from verbund.core.services import tokens


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = tokens.authenticate_token(token.strip())
        if user is not None:
            # Handlers and querysets read request.user like the UI does.
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods need the CSRF token.

    Unlike ninja's own SessionAuth, the CSRF check runs only for a signed-in session, so
    an anonymous request gets 401 rather than a CSRF 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF-Prüfung fehlgeschlagen. Bitte die Seite neu laden."))
        return user


def api_auth():
    return [TokenAuth(), SessionAuth()]
