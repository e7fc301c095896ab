"""Signing up for events, cancelling, and the waiting list that moves up.

Every change to an event's places happens under a row lock on the event page,
so two members can never take the last place at once. Places are counted in
people (``party_size``). The waiting list is first come, first served: when
places free up, waiting sign-ups are confirmed in order for as long as the
first in line fits. E-mails (with the ``.ics``) go out on commit.
"""

from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_pages.languages import source_pages
from community.models import MAX_PARTY, EventSignup, Profile
from community.selectors.events import ACTIVE, places_taken, waiting_position
from community.services.claims import claim_each
from community.services.emails import (
    SUBJECT_PREFIX,
    member_language,
    member_url,
    one_line,
    site_url,
)
from community.services.errors import RuleBroken


def _locked_event(event_id: int):
    from cms_pages.models import EventPage

    event = (
        source_pages(EventPage.objects.live())
        .public()
        .select_for_update(of=("self",))
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise RuleBroken(_("This event is not open for sign-up."))
    return event


def event_signup(*, profile: Profile, event_id: int, party_size: int) -> EventSignup:
    """Sign the member (and ``party_size - 1`` others) up: confirmed if there is
    room, otherwise on the waiting list. Past events and second sign-ups are
    refused."""
    if not isinstance(party_size, int) or not 1 <= party_size <= MAX_PARTY:
        raise RuleBroken(
            _("You can sign up 1 to %(max)d people.") % {"max": MAX_PARTY},
            field="party_size",
        )
    if profile.is_deleted:
        raise RuleBroken(_("Your account is closed."))
    with transaction.atomic():
        event = _locked_event(event_id)
        if event.start <= timezone.now():
            raise RuleBroken(_("This event has already started."))
        if EventSignup.objects.filter(
            event=event, profile=profile, status__in=ACTIVE
        ).exists():
            raise RuleBroken(_("You are already signed up for this event."))
        room = event.capacity is None or (
            places_taken(event.pk) + party_size <= event.capacity
            and not EventSignup.objects.filter(
                event=event, status=EventSignup.Status.WAITING
            ).exists()
        )
        signup = EventSignup.objects.create(
            event=event,
            profile=profile,
            party_size=party_size,
            status=EventSignup.Status.CONFIRMED if room else EventSignup.Status.WAITING,
        )
        transaction.on_commit(lambda: _email_signup(signup.pk))
    return signup


def event_signup_cancel(*, profile: Profile, event_id: int) -> list[EventSignup]:
    """Cancel the member's sign-up; the waiting list moves up. Returns the
    sign-ups that got a place."""
    with transaction.atomic():
        event = _locked_event(event_id)
        signup = EventSignup.objects.filter(
            event=event, profile=profile, status__in=ACTIVE
        ).first()
        if signup is None:
            raise RuleBroken(_("You are not signed up for this event."))
        signup.status = EventSignup.Status.CANCELLED
        signup.save(update_fields=["status", "updated_at"])
        return _waiting_list_move_up(event)


def _waiting_list_move_up(event) -> list[EventSignup]:
    if event.start <= timezone.now():
        return []
    free = None if event.capacity is None else event.capacity - places_taken(event.pk)
    promoted = []
    for waiting in EventSignup.objects.filter(
        event=event, status=EventSignup.Status.WAITING
    ).order_by("created_at", "pk"):
        if free is not None and waiting.party_size > free:
            break  # first come, first served: nobody jumps the queue
        waiting.status = EventSignup.Status.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        promoted.append(waiting)
        if free is not None:
            free -= waiting.party_size
    for signup in promoted:
        transaction.on_commit(lambda pk=signup.pk: _email_signup(pk, moved_up=True))
    return promoted


# --- E-mail ----------------------------------------------------------------------


def _send(signup: EventSignup, template: str, subject, **extra) -> None:
    """E-mail about ``signup`` to its member, in their language; ``subject`` is
    a lazy text with ``%(event)s``."""
    from cms_pages.calendar import event_calendar

    profile = signup.profile
    if profile.is_deleted or not profile.user.email:
        return
    event = signup.event.specific
    with member_language(profile):
        subject = str(subject) % {"event": one_line(event.title)}
        context = {
            "member": profile,
            "event": event,
            "signup": signup,
            "event_url": site_url(event.url or "/"),
            "my_events_url": member_url("my_events"),
            **extra,
        }
        text = render_to_string(f"community/email/{template}.txt", context)
        html = render_to_string(f"community/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + one_line(subject),
        body=text,
        to=[profile.user.email],
    )
    message.attach_alternative(html, "text/html")
    if signup.status == EventSignup.Status.CONFIRMED:
        message.attach(f"{event.slug}.ics", event_calendar(event), "text/calendar")
    message.send()


def _email_signup(signup_id: int, *, moved_up: bool = False) -> None:
    signup = EventSignup.objects.select_related("profile__user", "event").get(
        pk=signup_id
    )
    if signup.status == EventSignup.Status.WAITING:
        subject = gettext_lazy("You are on the waiting list for %(event)s")
    elif moved_up:
        subject = gettext_lazy("A place opened up: you are going to %(event)s")
    else:
        subject = gettext_lazy("You are signed up for %(event)s")
    _send(
        signup,
        "event_signup",
        subject,
        moved_up=moved_up,
        position=waiting_position(signup)
        if signup.status == EventSignup.Status.WAITING
        else None,
    )


def event_reminders_send(*, now=None) -> int:
    """The day before: one reminder per confirmed sign-up, claimed under a row
    lock and marked with the e-mail, so it goes out once."""
    now = now or timezone.now()
    due = EventSignup.objects.filter(
        status=EventSignup.Status.CONFIRMED,
        reminded_at=None,
        event__start__gt=now,
        event__start__lte=now + timedelta(days=1),
        event__live=True,
    )

    def remind(signup: EventSignup) -> None:
        EventSignup.objects.filter(pk=signup.pk).update(reminded_at=now)
        _send(signup, "event_reminder", gettext_lazy("Tomorrow: %(event)s"))

    return claim_each(due.select_related("profile__user", "event"), remind)


def event_participants_email(
    *,
    event_id: int,
    subject: str,
    body: str,
    include_waiting: bool = False,
    members: Q | None = None,
) -> int:
    """A coordinator writes to everyone signed up (and, if asked, the waiting
    list), or to those of them that match ``members`` (a filter on profiles,
    the coordinator's scope): one e-mail each, so nobody sees another's
    address. Returns how many were sent."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection

    subject, body = " ".join((subject or "").split()), (body or "").strip()
    if not subject or not body:
        raise RuleBroken(_("Write a subject and a message."))
    if len(subject) > 150 or len(body) > 10_000:
        raise RuleBroken(_("The subject or the message is too long."))
    statuses = ACTIVE if include_waiting else (EventSignup.Status.CONFIRMED,)
    profiles = Profile.objects.filter(members) if members is not None else None
    signups = EventSignup.objects.all()
    if profiles is not None:
        signups = signups.filter(profile__in=profiles)
    addresses = list(
        signups.filter(
            event_id=event_id,
            status__in=statuses,
            profile__is_deleted=False,
            profile__user__is_active=True,
        )
        .exclude(profile__user__email="")
        .values_list("profile__user__email", flat=True)
        .distinct()
    )
    messages = [
        EmailMessage(
            subject=SUBJECT_PREFIX + subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        for address in addresses
    ]
    return get_connection().send_messages(messages) or 0 if messages else 0
