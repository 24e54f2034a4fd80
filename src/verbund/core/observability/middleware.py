"""Request context for logs and metrics; first in ``MIDDLEWARE`` so it sees every answer."""

import re
import time
import uuid

from verbund.core.observability import logs, metrics

# A request id from the proxy is taken only when it looks like one (no log injection).
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,100}$")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        started = time.perf_counter()
        with logs.bind(request_id=request_id):
            response = self.get_response(request)
        metrics.observe_request(request, response.status_code, time.perf_counter() - started)
        response.headers.setdefault("X-Request-ID", request_id)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            # The rest of this request's log lines carry the user id.
            # (the bind() of __call__ resets it when the request ends)
            logs.add(user_id=user.pk)
        return None
