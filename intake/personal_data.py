"""The register of everything that holds personal data from the public (GDPR art. 15, 17, 30).

Every app that stores personal data registers one *holder* per processing in its
`AppConfig.ready()`:

    from intake import personal_data
    personal_data.register(InterestHolder())

A holder has
- `label`: what it holds, short (translated), e.g. "Interest messages";
- `purpose`: why, in plain language (translated), shown on the privacy page;
- `retention_days`: an int, or a callable returning one (e.g. reading a setting);
- `find(email) -> list[dict]`: everything held about the address, as plain JSON-able dicts;
- `delete(email) -> int`: delete it, return how many records went;
- `purge_expired(now) -> int`: delete what is past the retention, return how many.

The admin page "Personal data" searches, exports and deletes across all holders; the daily job
`intake.purge_personal_data` calls every holder's `purge_expired`; the privacy page lists each
holder's purpose and retention.
"""

import datetime
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

_HOLDERS: list = []
_REQUIRED = ("label", "purpose", "retention_days", "find", "delete", "purge_expired")


def register(holder):
    """Add a holder (an instance; a class is instantiated). Registering the same class twice
    keeps the first, so a repeated `ready()` does not list a processing twice."""
    if isinstance(holder, type):
        holder = holder()
    missing = [name for name in _REQUIRED if not hasattr(holder, name)]
    if missing:
        raise TypeError(f"{type(holder).__name__} is not a personal-data holder: "
                        f"missing {', '.join(missing)}")
    if not any(type(existing) is type(holder) for existing in _HOLDERS):
        _HOLDERS.append(holder)
    return holder


def holders() -> list:
    return list(_HOLDERS)


def retention_days(holder) -> int:
    days = holder.retention_days
    return int(days() if callable(days) else days)


@dataclass(frozen=True)
class Found:
    holder: object
    records: list[dict]

    @property
    def label(self) -> str:
        return str(self.holder.label)


def find(email: str) -> list[Found]:
    """What every holder has about the address (holders with nothing included, count 0)."""
    email = email.strip()
    return [Found(holder, list(holder.find(email))) for holder in _HOLDERS]


def export(email: str) -> dict:
    """Everything held about the address as one JSON-able document (art. 15)."""
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "processings": [
            {
                "label": found.label,
                "purpose": str(found.holder.purpose),
                "retention_days": retention_days(found.holder),
                "records": found.records,
            }
            for found in find(email)
        ],
    }


class JSONEncoder(DjangoJSONEncoder):
    """Dates, times, decimals and lazy translations as the export writes them."""

    def default(self, o):
        if isinstance(o, Promise):
            return str(o)
        return super().default(o)


@transaction.atomic
def delete(email: str) -> dict[str, int]:
    """Delete everything held about the address in one transaction (art. 17)."""
    email = email.strip()
    return {str(holder.label): int(holder.delete(email)) for holder in _HOLDERS}


def purge_expired(now: datetime.datetime | None = None) -> dict[str, int]:
    """Every holder deletes what is older than its retention. One holder's failure does not keep
    the others from purging; it is raised after they ran."""
    now = now or timezone.now()
    counts, failure = {}, None
    for holder in _HOLDERS:
        try:
            with transaction.atomic():
                counts[str(holder.label)] = int(holder.purge_expired(now))
        except Exception as error:  # noqa: BLE001 - re-raised below, after the others ran
            failure = failure or error
    if failure:
        raise failure
    return counts
