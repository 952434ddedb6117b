import contextvars
import logging
import uuid

from django.conf import settings

_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Gives every request an id that is logged and shown on error pages.

    Staff can then find the log lines of a failure a citizen reports by quoting the id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex[:16]
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = getattr(record, "request_id", None) or _request_id.get()
        return True


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
