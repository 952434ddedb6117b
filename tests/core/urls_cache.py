"""The real URLs plus pages that must never be kept by the page cache, for its tests."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from portal.urls import urlpatterns as portal_urlpatterns


def sets_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("choice", "1")
    return response


def varies_on_cookie(request):
    return HttpResponse("for this reader", headers={"Vary": "Cookie"})


@cache_control(private=True)
def private(request):
    return HttpResponse("private")


@cache_control(no_store=True)
def no_store(request):
    return HttpResponse("no store")


def plain(request):
    return HttpResponse(f"rendered {request.GET.get('n', '')}")


urlpatterns = [
    path("test/cookie", sets_cookie), path("test/vary", varies_on_cookie),
    path("test/private", private), path("test/no-store", no_store), path("test/plain", plain),
    *portal_urlpatterns,
]
