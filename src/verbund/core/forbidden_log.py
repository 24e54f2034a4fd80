"""A refused request (403) is one log line, not a traceback.

Django logs every ``PermissionDenied`` on ``django.request`` with the exception attached,
so each 403 wrote a full traceback: a probe that tried 4,000 forbidden writes filled the
log with stacks that tell an operator nothing. A refusal is expected behaviour; the line
keeps the path and the reason. Installed on the logger in ``CoreConfig.ready`` so the
logging configuration itself stays untouched.
"""

import logging


class OneLineForbidden(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            reason = record.exc_info[1]
            text = record.getMessage()
            if reason is not None and str(reason):
                text = f"{text} ({reason})"
            record.msg, record.args = " ".join(text.split()), ()
            record.exc_info, record.exc_text = None, None
        return True


def install() -> None:
    logger = logging.getLogger("django.request")
    if not any(isinstance(existing, OneLineForbidden) for existing in logger.filters):
        logger.addFilter(OneLineForbidden())
