"""A meeting as an iCalendar file (RFC 5545), built like the planner's (toolbox/ical.py)."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from toolbox.ical import _uid


def meeting_ics(meeting, *, page_url: str, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Frivillighedsportalen//Policy meetings//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    # The same UID for every download, so a calendar updates the event instead of adding it twice.
    event.add("uid", _uid("policy-meeting", meeting.pk, host=host))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    # In UTC: unambiguous without shipping a VTIMEZONE for Europe/Copenhagen.
    event.add("dtstart", meeting.starts.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends.astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    event.add("location", meeting.where)
    event.add("description", "\n\n".join(filter(None, [meeting.audience, page_url])))
    event.add("url", page_url)
    calendar.add_component(event)
    return calendar.to_ical()
