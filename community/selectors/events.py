"""Reads for event sign-ups: the places taken and the waiting list, what an
event page shows a member, and "My events"."""

from django.db.models import Sum
from django.utils import timezone

from cms_pages.languages import in_reader_language, source_page
from community.models import EventSignup, Profile

ACTIVE = (EventSignup.Status.CONFIRMED, EventSignup.Status.WAITING)


def places_taken(event_id: int) -> int:
    return (
        EventSignup.objects.filter(
            event_id=event_id, status=EventSignup.Status.CONFIRMED
        ).aggregate(n=Sum("party_size"))["n"]
        or 0
    )


def waiting_position(signup: EventSignup) -> int:
    """1 for the first in line."""
    return (
        EventSignup.objects.filter(
            event_id=signup.event_id,
            status=EventSignup.Status.WAITING,
            created_at__lte=signup.created_at,
        )
        .exclude(created_at=signup.created_at, pk__gt=signup.pk)
        .count()
    )


def event_signup_state(*, profile: Profile | None, event) -> dict:
    """For the sign-up box on an event page: ``signup`` (mine, or None),
    ``position`` on the waiting list, ``places_left`` (None: no limit),
    ``open`` (sign-up possible at all), ``waiting`` (others wait already).
    A translated event counts the sign-ups of its source: one event."""
    event = source_page(event)
    taken = places_taken(event.pk) if event.capacity is not None else 0
    signup = (
        EventSignup.objects.filter(event=event, profile=profile, status__in=ACTIVE)
        .order_by("-created_at")
        .first()
        if profile is not None
        else None
    )
    return {
        "signup": signup,
        "position": waiting_position(signup)
        if signup and signup.status == EventSignup.Status.WAITING
        else None,
        "places_left": None
        if event.capacity is None
        else max(event.capacity - taken, 0),
        "open": event.start > timezone.now(),
    }


def my_events(*, profile: Profile) -> dict[str, list[EventSignup]]:
    """My sign-ups: ``upcoming`` (soonest first) and ``past`` (latest first),
    each with ``page``, its event in the reader's language (a sign-up is
    stored against the English source)."""
    signups = list(
        EventSignup.objects.filter(profile=profile, status__in=ACTIVE)
        .select_related("event")
        .order_by("event__start")
    )
    pages = in_reader_language([signup.event for signup in signups])
    now = timezone.now()
    for signup, page in zip(signups, pages, strict=True):
        signup.page = page
        if signup.status == EventSignup.Status.WAITING:
            signup.position = waiting_position(signup)
    return {
        "upcoming": [s for s in signups if s.event.start > now],
        "past": [s for s in reversed(signups) if s.event.start <= now],
    }
