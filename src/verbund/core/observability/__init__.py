"""Operations view of a running server: structured logs, metrics, error reporting.

- ``logs``: a JSON ``logging.Formatter`` (time, level, logger, message, request id, user
  id, job id) and ``bind()`` for context carried in ``contextvars``.
- ``middleware.RequestContextMiddleware``: a request id per request (from the proxy's
  ``X-Request-ID`` or new), the user id, request count and latency for the metrics.
- ``metrics``: ``/metrics`` in Prometheus' text format behind ``METRICS_TOKEN``.
- ``errors``: an optional Sentry hook (``SENTRY_DSN``, only when sentry-sdk is installed).
"""
