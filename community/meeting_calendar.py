"""A pair's meeting as an iCalendar file (.ics), for the e-mails that say it is
agreed or cancelled. Pure: plain values in, bytes out (no models).

The icalendar library (already used for events, cms_pages/calendar.py) escapes
commas, semicolons and line breaks and folds lines at 75 octets. Times are
written in UTC (``...Z``), so no calendar has to know Europe/Copenhagen's
rules. The UID is the meeting's, so a calendar replaces the entry when the
same meeting is sent again (cancelled: ``STATUS:CANCELLED``, a higher
``SEQUENCE``).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

# A meeting has a start only; calendars get an end this long after it.
MEETING_LENGTH = timedelta(hours=2)


@dataclass(frozen=True)
class MeetingEntry:
    meeting_id: int
    starts_at: datetime  # aware
    summary: str
    location: str
    description: str
    url: str
    stamp: datetime  # aware: when this version of the entry was made
    ends_at: datetime | None = None
    cancelled: bool = False


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@velkomst"


def meeting_calendar(entry: MeetingEntry) -> bytes:
    starts = entry.starts_at.astimezone(UTC)
    ends = (entry.ends_at or entry.starts_at + MEETING_LENGTH).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Velkomst//Pair meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(entry.meeting_id))
    event.add("sequence", 1 if entry.cancelled else 0)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("dtstamp", entry.stamp.astimezone(UTC))
    event.add("dtstart", starts)
    event.add("dtend", max(ends, starts))
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    event.add("description", entry.description)
    if entry.url:
        event.add("url", entry.url)
    calendar.add_component(event)
    return calendar.to_ical()
