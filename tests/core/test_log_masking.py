"""Personal links never reach a log (issue 24, part 5): 776 access-log lines held tokens.

Tokens are masked in gunicorn's access log, runserver's access log and Django's request
log ("Not Found: /…/<token>/"); readable paths stay readable.
"""

import datetime
import io
import logging
import secrets
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from verbund.core.gunicorn_logging import GunicornLogger
from verbund.core.log_masking import TOKEN_MASK, TokenMaskingFilter, mask_tokens
from verbund.core.services.surveys import new_token

TOKENS = [
    new_token(),  # survey links (32 bytes)
    secrets.token_urlsafe(24),  # event registrations, examiner availability
    secrets.token_hex(20),
    "abcdefghijklmnopqrstuvwxyz0123456789",  # no upper case, still random-looking
]


@pytest.mark.parametrize("token", TOKENS, ids=["survey", "event", "hex", "lower-case"])
def test_token_shaped_segments_and_values_are_masked(token):
    for line in (
        f"GET /konjunktur/umfrage/{token}/ HTTP/1.1",
        f"Not Found: /veranstaltungen/anmeldung/{token}/aktion/",
        f"GET /kalender/{token}.ics HTTP/1.1",
        f"GET /bedarf/umfrage/{token}?lang=fr HTTP/1.1",
        f"GET /suche/?token={token}&q=x HTTP/1.1",
    ):
        masked = mask_tokens(line)
        assert token not in masked and TOKEN_MASK in masked, line


@pytest.mark.parametrize(
    "line",
    [
        "GET /konjunktur/wellen/12/einladungen/ HTTP/1.1",
        "GET /netzwerke/kooperationsvertrag-zwischen-kammern-2024/ HTTP/1.1",
        "GET /static/vendor/kern-ux-native.min.css HTTP/1.1",
        "Traceback: in survey_invitation_for_token_lookup",  # not after / or =
    ],
)
def test_readable_paths_stay_readable(line):
    assert mask_tokens(line) == line


def _masking_handler(logger_name: str) -> logging.Handler:
    logger = logging.getLogger(logger_name)
    for handler in logger.handlers:
        if any(isinstance(f, TokenMaskingFilter) for f in handler.filters):
            return handler
    raise AssertionError(f"no handler of {logger_name!r} masks tokens")


def _captured(handler: logging.Handler, emit) -> str:
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        emit()
    finally:
        handler.setStream(previous)
    return buffer.getvalue()


def test_django_request_log_masks_the_token(client, db):
    token = new_token()
    handler = _masking_handler("")  # the root handler "django.request" propagates to
    output = _captured(handler, lambda: client.get(f"/konjunktur/umfrage/{token}/"))
    assert "Not Found" in output and TOKEN_MASK in output and token not in output
    assert logging.getLogger("django").handlers == []  # no unfiltered default handler


def test_runserver_access_log_masks_the_token():
    token = new_token()
    handler = _masking_handler("django.server")
    output = _captured(
        handler,
        lambda: logging.getLogger("django.server").info(
            '"%s" %s %s', f"GET /bedarf/umfrage/{token}/ HTTP/1.1", "200", "512"
        ),
    )
    assert TOKEN_MASK in output and token not in output


def test_gunicorn_access_log_masks_path_query_and_referer():
    token = new_token()
    config = Config()
    config.set("accesslog", "-")
    logger = GunicornLogger(config)
    buffer = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(buffer)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/konjunktur/umfrage/{token}/?lang=de",
        "PATH_INFO": f"/konjunktur/umfrage/{token}/",
        "QUERY_STRING": "lang=de",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://verbund.example/konjunktur/umfrage/{token}/",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=5))
    config.set("access_log_format", "%(r)s %(U)s %(f)s %({referer}i)s")
    logger.access(response, request, environ, datetime.timedelta(milliseconds=5))
    output = buffer.getvalue()
    assert output.count(TOKEN_MASK) >= 5 and token not in output
