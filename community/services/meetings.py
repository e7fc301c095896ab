"""A pair agreeing on a meeting: either member suggests a time and a place (or
an activity idea or an event), the other accepts, declines or suggests
another time; either may cancel an agreed meeting still to come. The day
before, both are reminded (``meeting_reminders_send``, a scheduled job).

Every change happens under a lock on the pair's match row, so two answers or
two suggestions at once are taken one after the other, and each is idempotent
(a double submit changes nothing the second time). After commit: e-mail (in
each member's language; an agreed meeting carries an ``.ics``) and the pair's
open conversation hears of it (``announce.meeting_changed``).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_pages.languages import source_page
from community.meeting_calendar import MeetingEntry, meeting_calendar
from community.models import (
    MAX_MEETING_NOTE,
    MAX_MEETING_PLACE,
    Match,
    Meeting,
    Profile,
)
from community.realtime import announce
from community.selectors.messaging import conversation_id_for_match
from community.services.claims import claim_each
from community.services.emails import member_email_send, member_url, site_url
from community.services.errors import RuleBroken, text_length_check
from community.text import without_hidden

# How far ahead a meeting may be suggested.
MAX_AHEAD = timedelta(days=183)
# The day-before reminder goes out this long before the meeting, unless the
# meeting was agreed less than this long before it (the e-mail saying it was
# agreed is reminder enough).
REMIND_BEFORE = timedelta(hours=24)


# --- Suggesting ------------------------------------------------------------------


def _locked_match(match: Match, by: Profile) -> Match:
    """The pair's match row, locked, if ``by`` is in it and it is active."""
    if not match.involves(by):
        raise RuleBroken(_("This is not your match."))
    locked = (
        Match.objects.select_for_update()
        .select_related("host__user", "newcomer__user")
        .get(pk=match.pk)
    )
    if locked.status != Match.Status.ACTIVE:
        raise RuleBroken(_("This match has ended."))
    return locked


def _page(model, page_id: int, *, field: str):
    page = model.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise RuleBroken(_("Choose one of the ideas or events shown."), field=field)
    return page


def _one_line(text: str) -> str:
    return " ".join(without_hidden(text or "").split())


def meeting_propose(
    *,
    match: Match,
    by: Profile,
    starts_at: datetime | None,
    place: str = "",
    idea_id: int | None = None,
    event_id: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Meeting:
    """``by`` suggests meeting the other member of ``match``. An event gives the
    time and, unless one is typed, the place; an idea gives the place unless
    one is typed. The pair's open suggestion, if any, is replaced (the other
    member's: a counter-suggestion; their own: changed). The same suggestion
    sent twice is stored once."""
    from cms_pages.models import ActivityIdeaPage, EventPage

    now = now or timezone.now()
    place = _one_line(place)
    note = without_hidden(note or "").strip()
    if idea_id is not None and event_id is not None:
        raise RuleBroken(_("Choose an idea or an event, not both."), field="plan")
    idea = event = None
    if event_id is not None:
        event = _page(EventPage, event_id, field="plan")
        if event.start <= now:
            raise RuleBroken(_("This event has already started."), field="plan")
        starts_at = event.start
        place = (
            place
            or _one_line(
                ", ".join(part for part in (event.place_name, event.address) if part)
            )[:MAX_MEETING_PLACE]
        )
        event = source_page(event)
    if idea_id is not None:
        idea = _page(ActivityIdeaPage, idea_id, field="plan")
        place = place or _one_line(idea.title)[:MAX_MEETING_PLACE]
        idea = source_page(idea)
    if starts_at is None:
        raise RuleBroken(_("Choose a day and a time."), field="date")
    if starts_at <= now:
        raise RuleBroken(_("Choose a time in the future."), field="date")
    if starts_at > now + MAX_AHEAD:
        raise RuleBroken(_("Choose a time within the next six months."), field="date")
    if not place:
        raise RuleBroken(
            _("Say where to meet, or choose an idea or an event."), field="place"
        )
    text_length_check(
        place,
        limit=MAX_MEETING_PLACE,
        message=_("Please keep the place under %(max)s characters (now %(count)s)."),
        field="place",
    )
    text_length_check(
        note,
        limit=MAX_MEETING_NOTE,
        message=_("Please keep the note under %(max)s characters (now %(count)s)."),
        field="note",
    )
    with transaction.atomic():
        locked = _locked_match(match, by)
        current = (
            Meeting.objects.select_for_update()
            .filter(match=locked, status=Meeting.Status.PROPOSED)
            .first()
        )
        if current is not None and (
            current.proposed_by_id,
            current.starts_at,
            current.place,
            current.idea_id,
            current.event_id,
            current.note,
        ) == (by.pk, starts_at, place, _pk(idea), _pk(event), note):
            return current  # sent twice
        if current is not None:
            current.status = Meeting.Status.REPLACED
            current.responded_at = now
            current.responded_by = by
            current.save(update_fields=["status", "responded_at", "responded_by"])
        meeting = Meeting.objects.create(
            match=locked,
            proposed_by=by,
            starts_at=starts_at,
            place=place,
            idea=idea,
            event=event,
            note=note,
            replaces=current,
        )
        counter = current is not None and current.proposed_by_id != by.pk
        transaction.on_commit(lambda: _email_proposed(meeting.pk, counter=counter))
        _announce_on_commit(locked.pk)
    return meeting


def _pk(page) -> int | None:
    return page.pk if page is not None else None


# --- Answering and cancelling ------------------------------------------------------


def _not_open(meeting: Meeting, match: Match, by: Profile) -> RuleBroken:
    """Why ``meeting`` cannot be answered any more, in words."""
    other = match.other(by).public_name
    if meeting.status == Meeting.Status.REPLACED:
        if meeting.responded_by_id == by.pk:
            return RuleBroken(_("You have suggested another time since."))
        return RuleBroken(
            _("%(name)s has suggested another time since: see the newest suggestion.")
            % {"name": other}
        )
    if meeting.status == Meeting.Status.CANCELLED:
        return RuleBroken(_("This meeting was cancelled."))
    if meeting.status == Meeting.Status.DECLINED:
        return RuleBroken(_("This suggestion was declined."))
    return RuleBroken(_("This meeting has already been agreed."))


def meeting_accept(
    *, meeting: Meeting, by: Profile, now: datetime | None = None
) -> Meeting:
    """The other member accepts the suggestion: the meeting is agreed, and both
    get an e-mail with the ``.ics``. Accepting twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(meeting.match, by)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.proposed_by_id == by.pk:
            raise RuleBroken(
                _("You suggested this meeting: %(name)s answers it.")
                % {"name": match.other(by).public_name}
            )
        if meeting.status == Meeting.Status.CONFIRMED:
            return meeting  # accepted twice
        if meeting.status != Meeting.Status.PROPOSED:
            raise _not_open(meeting, match, by)
        if meeting.starts_at <= now:
            raise RuleBroken(_("This time has passed. Suggest another time instead."))
        meeting.status = Meeting.Status.CONFIRMED
        meeting.responded_at = now
        meeting.responded_by = by
        meeting.save(update_fields=["status", "responded_at", "responded_by"])
        transaction.on_commit(lambda: _email_confirmed(meeting.pk))
        _announce_on_commit(match.pk)
    return meeting


def meeting_decline(
    *, meeting: Meeting, by: Profile, now: datetime | None = None
) -> Meeting:
    """The other member says no to the suggestion; its proposer is told."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(meeting.match, by)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.proposed_by_id == by.pk:
            raise RuleBroken(
                _("You suggested this meeting: withdraw it, or suggest another time.")
            )
        if meeting.status == Meeting.Status.DECLINED:
            return meeting  # declined twice
        if meeting.status != Meeting.Status.PROPOSED:
            raise _not_open(meeting, match, by)
        meeting.status = Meeting.Status.DECLINED
        meeting.responded_at = now
        meeting.responded_by = by
        meeting.save(update_fields=["status", "responded_at", "responded_by"])
        transaction.on_commit(lambda: _email_declined(meeting.pk))
        _announce_on_commit(match.pk)
    return meeting


def meeting_cancel(
    *, meeting: Meeting, by: Profile, now: datetime | None = None
) -> Meeting:
    """Its proposer withdraws a suggestion, or either member cancels an agreed
    meeting still to come (the other is told, with an ``.ics`` that takes it
    out of their calendar). Cancelling twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(meeting.match, by)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            return meeting  # cancelled twice
        was_agreed = meeting.status == Meeting.Status.CONFIRMED
        if meeting.status == Meeting.Status.PROPOSED:
            if meeting.proposed_by_id != by.pk:
                raise RuleBroken(
                    _(
                        "%(name)s suggested this meeting: you can accept it, "
                        "decline it or suggest another time."
                    )
                    % {"name": match.other(by).public_name}
                )
        elif was_agreed:
            if meeting.starts_at <= now:
                raise RuleBroken(_("This meeting has already taken place."))
        else:
            raise _not_open(meeting, match, by)
        meeting.status = Meeting.Status.CANCELLED
        meeting.responded_at = now
        meeting.responded_by = by
        meeting.save(update_fields=["status", "responded_at", "responded_by"])
        if was_agreed:
            transaction.on_commit(lambda: _email_cancelled(meeting.pk))
        _announce_on_commit(match.pk)
    return meeting


def meetings_close(*, match_ids: list[int], now: datetime | None = None) -> int:
    """Inside the caller's transaction, when matches end (ended, blocked, an
    account closed): their open suggestions and agreed meetings still to come
    are cancelled (nobody is e-mailed: the match's end says it all). Past
    meetings stay as history. Returns how many were cancelled."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        Q(status=Meeting.Status.PROPOSED)
        | Q(status=Meeting.Status.CONFIRMED, starts_at__gt=now),
        match_id__in=match_ids,
    ).update(status=Meeting.Status.CANCELLED, responded_at=now, responded_by=None)


# --- The day before ----------------------------------------------------------------


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """The day before an agreed meeting, each member gets one reminder. Each
    meeting is claimed under a row lock and marked with the e-mails, so two runs
    never remind twice. A meeting agreed less than a day before it starts gets
    none. Returns how many meetings were reminded of."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        status=Meeting.Status.CONFIRMED,
        reminded_at=None,
        match__status=Match.Status.ACTIVE,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
        responded_at__lte=F("starts_at") - REMIND_BEFORE,
    )

    def remind(meeting: Meeting) -> None:
        Meeting.objects.filter(pk=meeting.pk).update(reminded_at=now)
        _email_both(
            meeting,
            "meeting_reminder",
            gettext_lazy("Tomorrow: your meeting with %(name)s"),
        )

    return claim_each(
        due.select_related("match__host__user", "match__newcomer__user"), remind
    )


# --- After commit ------------------------------------------------------------------


def _announce_on_commit(match_id: int) -> None:
    """The pair's open conversation page shows the meeting's new state."""

    def meeting_changed() -> None:
        conversation_id = conversation_id_for_match(match_id=match_id)
        if conversation_id is not None:
            announce.meeting_changed(conversation_id=conversation_id)

    transaction.on_commit(meeting_changed)


def _meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_related(
        "match__host__user",
        "match__newcomer__user",
        "proposed_by",
        "idea",
        "event",
    ).get(pk=meeting_id)


def _context(meeting: Meeting) -> dict:
    """What every meeting e-mail shows, built in the reader's language."""
    match = meeting.match
    context = {
        "meeting": meeting,
        "pair_url": member_url("match_detail", match.pk),
        "home_url": member_url("home"),
    }
    conversation_id = conversation_id_for_match(match_id=match.pk)
    if conversation_id is not None:
        context["conversation_url"] = member_url("conversation", conversation_id)
    for name in ("idea", "event"):
        page = getattr(meeting, name)
        if page is not None and page.live:
            context[f"{name}_url"] = site_url(page.url or "/")
    return context


def _calendar(meeting: Meeting, other: Profile, *, cancelled: bool = False):
    """The ``.ics`` for one member (its words in their language)."""

    def attachments() -> list[tuple[str, bytes, str]]:
        pair_url = member_url("match_detail", meeting.match_id)
        lines = [meeting.note, pair_url] if meeting.note else [pair_url]
        entry = MeetingEntry(
            meeting_id=meeting.pk,
            starts_at=meeting.starts_at,
            ends_at=meeting.event.end if meeting.event is not None else None,
            summary=_("Meeting with %(name)s") % {"name": other.public_name},
            location=meeting.place,
            description="\n\n".join(lines),
            url=pair_url,
            stamp=meeting.responded_at or meeting.created_at,
            cancelled=cancelled,
        )
        return [(f"meeting-{meeting.pk}.ics", meeting_calendar(entry), "text/calendar")]

    return attachments


def _send(
    meeting: Meeting, member: Profile | None, template: str, subject, **extra
) -> None:
    if member is None or member.is_deleted:
        return
    other = meeting.match.other(member)
    member_email_send(
        member=member,
        other=other,
        template=template,
        subject=subject,
        context=lambda: _context(meeting),
        **extra,
    )


def _email_proposed(meeting_id: int, *, counter: bool) -> None:
    meeting = _meeting(meeting_id)
    _send(
        meeting,
        meeting.match.other(meeting.proposed_by),
        "meeting_proposed",
        gettext_lazy("%(name)s suggests another time to meet")
        if counter
        else gettext_lazy("%(name)s suggests a meeting"),
    )


def _email_both(meeting: Meeting, template: str, subject, **extra) -> None:
    match = meeting.match
    for member in (match.host, match.newcomer):
        _send(meeting, member, template, subject, **extra)


def _email_confirmed(meeting_id: int) -> None:
    meeting = _meeting(meeting_id)
    match = meeting.match
    for member in (match.host, match.newcomer):
        _send(
            meeting,
            member,
            "meeting_confirmed",
            gettext_lazy("Your meeting with %(name)s is agreed"),
            attachments=_calendar(meeting, match.other(member)),
        )


def _member(match: Match, profile_id: int | None) -> Profile | None:
    """The pair's member with this id (with their user), or None."""
    return next((m for m in (match.host, match.newcomer) if m.pk == profile_id), None)


def _email_declined(meeting_id: int) -> None:
    meeting = _meeting(meeting_id)
    _send(
        meeting,
        _member(meeting.match, meeting.proposed_by_id),
        "meeting_declined",
        gettext_lazy("%(name)s cannot meet at the time you suggested"),
    )


def _email_cancelled(meeting_id: int) -> None:
    meeting = _meeting(meeting_id)
    match = meeting.match
    by = _member(match, meeting.responded_by_id)
    if by is None:
        return
    told = match.other(by)
    _send(
        meeting,
        told,
        "meeting_cancelled",
        gettext_lazy("%(name)s has called off your meeting"),
        attachments=_calendar(meeting, by, cancelled=True),
    )
