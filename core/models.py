from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """Attempts counted for one (scope, client) in one window; see core/ratelimit.py.

    The client is stored only as a keyed hash of its address, and a row is deleted by
    `prune_expired()` once it can no longer count (two windows after it began).
    """

    scope = models.CharField(_("scope"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64)
    window_start = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash", "window_start"],
                                    name="core_ratelimit_one_row_per_window"),
        ]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
