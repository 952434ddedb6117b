"""The planner's deadlines as an iCalendar file (RFC 5545): one all-day event per deadline.

The same answers give the same file for a one-off download and for a subscription (webcal://):
each event's UID is made from the checklist item and the activity's day, not from the
deadline, so when a rule's lead time changes a calendar that polls the address moves the
event it already has instead of adding a second one.
"""

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def _uid(*parts, host: str) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f"{digest}@{host or 'frivillighedsportalen'}"


def _all_day(summary, day, *, description, url, uid, stamp):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


# How often a subscribed calendar should fetch the address again (RFC 7986 REFRESH-INTERVAL,
# and the older X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH = datetime.timedelta(hours=12)


def planner_ics(groups, event_day, *, page_url: str, host: str,
                subscription: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Frivillighedsportalen//Planner//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Plan an activity"))
    if subscription:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
    stamp = timezone.now().astimezone(datetime.timezone.utc).replace(microsecond=0)
    for group in groups:
        for item in group.items:
            if item.deadline is None:
                continue
            requirement = item.requirement
            description = "\n\n".join(filter(None, [
                requirement.why,
                " · ".join(f"{rule.statement_display} ({rule.authority})"
                           for rule in requirement.rules.all()),
                page_url,
            ]))
            calendar.add_component(_all_day(
                f"{_('Deadline')}: {requirement.title}", item.deadline,
                description=description, url=page_url, stamp=stamp,
                uid=_uid(requirement.slug, event_day, host=host),
            ))
    if event_day is not None:
        calendar.add_component(_all_day(
            _("The activity"), event_day, description=page_url, url=page_url, stamp=stamp,
            uid=_uid("activity", event_day, host=host),
        ))
    return calendar.to_ical()
