"""What only one reader may see: staff previews of drafts, internal figures.

Two rules every app uses: who may preview what is not public yet, and that such an answer is
never kept by a shared cache or the browser (the page cache, core/cache.py, skips it too).
"""

from django.utils.cache import patch_cache_control


def may_preview(user, permission: str) -> bool:
    """Active staff who may view a model ("toolbox.view_guide") also see its drafts."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(permission))


def never_stored(response):
    """`Cache-Control: no-store, private` on an answer meant for this reader alone."""
    patch_cache_control(response, no_store=True, private=True)
    return response
