from django.conf import settings

from core.models import Municipality


def site(request):
    return {"municipality": Municipality.load(), "signed_in_user": _signed_in_user(request)}


def _signed_in_user(request):
    """The logged-in person, for the header's logout button. Without a session cookie the
    session is not touched, so anonymous pages stay free of `Vary: Cookie` and cacheable."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
