"""The real URLs plus two views that fail, for the error-page tests."""

from django.db.utils import OperationalError
from django.urls import path

from portal.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("secret internals: DATABASE_PASSWORD=hunter2")


def database_gone(request):
    raise OperationalError("connection to server on socket failed")


urlpatterns = [path("boom", boom), path("database-gone", database_gone), *urlpatterns]
