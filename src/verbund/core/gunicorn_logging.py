"""gunicorn's access log without personal links: ``--logger-class verbund.core.gunicorn_logging.GunicornLogger``."""

from gunicorn.glogging import Logger

from verbund.core.log_masking import mask_tokens


class GunicornLogger(Logger):
    """gunicorn's logger with masked access-log atoms (request line, path, query, referer)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_tokens(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
