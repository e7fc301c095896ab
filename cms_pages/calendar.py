"""iCalendar (.ics) files for events, built with the icalendar library."""

from django.http import HttpRequest
from icalendar import Calendar, Event

from cms_pages.models import EventPage


def event_calendar(event: EventPage, *, request: HttpRequest | None = None) -> bytes:
    url = event.get_full_url(request=request) or ""
    calendar = Calendar()
    calendar.add("prodid", "-//Velkomst//Host programme events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{event.pk}@velkomst")
    entry.add("summary", event.title)
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    entry.add("dtstamp", event.last_published_at or event.start)
    entry.add("location", f"{event.place_name}, {event.address}")
    entry.add("description", f"{event.summary}\n\n{url}".strip())
    if url:
        entry.add("url", url)
    calendar.add_component(entry)
    return calendar.to_ical()
