"""Error pages. None of them shows a traceback or settings; the 5xx ones carry the request id.

The 500 handler also recognises "the database is away" and answers 503 with Retry-After:
Django has already turned that exception into a 500 deep in the stack, so a middleware
cannot catch it, but the handler still sees it in sys.exc_info().
"""

import sys

from django.core.cache import cache
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from core.models import CACHE_KEY


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    error = sys.exc_info()[1]
    database_down = isinstance(error, (OperationalError, InterfaceError))
    # Rendered without context processors: they may need the database that just failed.
    context = {
        "request_id": getattr(request, "id", ""),
        "municipality": cache.get(CACHE_KEY),
        "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "da"),
    }
    if database_down:
        body = loader.render_to_string("503.html", context)
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})
    return HttpResponse(loader.render_to_string("500.html", context), status=500)
