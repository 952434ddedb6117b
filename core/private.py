"""What only one reader may see: staff previews of drafts, internal figures.

Two rules every app uses: who may preview what is not public yet, and that such an answer is
never kept by a shared cache or the browser (the page cache, core/cache.py, skips it too).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


def may_preview(user, permission: str) -> bool:
    """Active staff who may view a model ("toolbox.view_guide") also see its drafts."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(permission))


def may_read_internal(user, permission: str) -> bool:
    """Internal content (issue 15.5): the permission, and, where the portal asks staff for a
    second factor (settings.REQUIRE_2FA), a session verified with one. A password alone shows
    nothing internal, whether the person logged in at the admin or at the readers' login."""
    if not (user and user.is_active and user.has_perm(permission)):
        return False
    if not getattr(settings, "REQUIRE_2FA", True):
        return True
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's OTPMiddleware
    return bool(is_verified and is_verified())


def request_may_read_internal(request, permission: str) -> bool:
    """may_read_internal for the request's reader. Without a session cookie nobody is logged
    in, and the session is not touched, so the answer needs no `Vary: Cookie` and the page
    cache may keep it for everyone."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return may_read_internal(request.user, permission)


def never_stored(response):
    """`Cache-Control: no-store, private` on an answer meant for this reader alone."""
    patch_cache_control(response, no_store=True, private=True)
    return response
