"""Match requests: asking, answering, withdrawing, and a member ending a
match (a match's own life, start and close, is community/services/matches.py).

Every rule of the programme is checked here (and the ones that can be are also
database constraints, see community/models/matches.py). A broken rule raises
``RuleBroken`` with a message for the member. Rows that races could get wrong
(the request being answered, the host's places) are locked with
``select_for_update``; e-mails go out on commit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import (
    Match,
    MatchRequest,
    Profile,
    ProgrammeTexts,
    Role,
)
from community.models.matches import MIN_REQUEST_MESSAGE
from community.realtime import announce
from community.selectors.requests import match_request_refusal, pending_exists_message
from community.selectors.visibility import blocks_between
from community.services.claims import claim_each
from community.services.emails import member_email_send, member_url
from community.services.errors import RuleBroken, text_length_check
from community.services.matches import match_close, match_start

MAX_REQUEST_MESSAGE = 2000
MAX_REASON = 1000


# --- Reading the rules ----------------------------------------------------------


def current_expectations_version() -> int:
    """The version of the expectation statement members confirm now (the default
    site's ProgrammeTexts)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ProgrammeTexts._meta.get_field("expectations_version").default
    return ProgrammeTexts.for_site(site).expectations_version


def request_message_check(message: str) -> str:
    message = (message or "").strip()
    if len(message) < MIN_REQUEST_MESSAGE:
        raise RuleBroken(
            _(
                "Please write a little more: your message needs at least %(min)d "
                "characters (it has %(count)d)."
            )
            % {"min": MIN_REQUEST_MESSAGE, "count": len(message)},
            field="message",
        )
    text_length_check(
        message,
        limit=MAX_REQUEST_MESSAGE,
        message=_(
            "Your message is too long: at most %(max)s characters (it has %(count)s)."
        ),
        field="message",
    )
    return message


def _check_expectations(confirmed: bool) -> None:
    if not confirmed:
        raise RuleBroken(
            _(
                "Please read the programme's expectations and confirm that you "
                "accept them."
            ),
            field="confirm_expectations",
        )


def reason_check(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise RuleBroken(_("Please tell us briefly why."), field="reason")
    text_length_check(
        reason,
        limit=MAX_REASON,
        message=_(
            "Please keep the reason to at most %(max)s characters (it has %(count)s)."
        ),
        field="reason",
    )
    return reason


def _lock_profiles(*profiles: Profile) -> dict[int, Profile]:
    """Lock the profiles in id order (the same order everywhere: no deadlocks)."""
    ids = sorted({p.pk for p in profiles})
    return {
        p.pk: p
        for p in Profile.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }


def _confirm_expectations(profile: Profile, version: int, now) -> None:
    Profile.objects.filter(pk=profile.pk).update(
        expectations_version=version, expectations_confirmed_at=now
    )
    profile.expectations_version = version
    profile.expectations_confirmed_at = now


# --- Requests -------------------------------------------------------------------


def match_request_create(
    *, sender: Profile, recipient: Profile, message: str, confirm_expectations: bool
) -> MatchRequest:
    """``sender`` asks ``recipient`` to become a pair. E-mails the recipient."""
    message = request_message_check(message)
    _check_expectations(confirm_expectations)
    with transaction.atomic():
        request = match_request_store(
            sender=sender, recipient=recipient, message=message
        )
        _confirm_expectations(sender, request.expectations_version, timezone.now())
        transaction.on_commit(
            partial(_request_email_send, "request_received", request.pk)
        )
    return request


def match_request_store(
    *,
    sender: Profile,
    recipient: Profile,
    message: str,
    introduced_by=None,
    refusal_said=lambda rule: rule,
) -> MatchRequest:
    """Store a pending request once every rule holds, inside the caller's
    transaction (the callers send their own e-mails). A broken rule raises
    ``RuleBroken`` with ``refusal_said(rule)``."""
    # Both profiles locked: a second request from the same sender (the
    # five-open limit) or between the same pair waits for this one.
    locked = _lock_profiles(sender, recipient)
    sender_now, recipient_now = locked[sender.pk], locked[recipient.pk]
    refusal = match_request_refusal(sender=sender_now, recipient=recipient_now)
    if refusal:
        raise RuleBroken(refusal_said(refusal))
    try:
        with transaction.atomic():
            request = MatchRequest.objects.create(
                sender=sender_now,
                recipient=recipient_now,
                message=message,
                expectations_version=current_expectations_version(),
                introduced_by=introduced_by,
            )
    except IntegrityError as error:
        # The constraint one_pending_request_per_pair caught a race.
        raise RuleBroken(refusal_said(pending_exists_message(recipient_now))) from error
    badges_update_on_commit(sender.pk, recipient.pk)
    return request


def _pending_for_update(request: MatchRequest) -> MatchRequest:
    current = (
        MatchRequest.objects.select_for_update()
        .select_related("sender", "recipient")
        .get(pk=request.pk)
    )
    if current.status != MatchRequest.Status.PENDING:
        raise RuleBroken(
            _("This request is no longer waiting for an answer (%(status)s).")
            % {"status": current.get_status_display().lower()}
        )
    return current


def match_request_accept(
    *, request: MatchRequest, by: Profile, confirm_expectations: bool
) -> Match:
    """The recipient says yes: the pair becomes an active Match and the host has
    one place fewer. E-mails the sender."""
    if by.pk != request.recipient_id:
        raise RuleBroken(_("Only the member who was asked can answer this request."))
    _check_expectations(confirm_expectations)
    with transaction.atomic():
        current = _pending_for_update(request)
        locked = _lock_profiles(current.sender, current.recipient)
        sender, recipient = locked[current.sender_id], locked[current.recipient_id]
        if sender.is_deleted:
            raise RuleBroken(_("This member has left the programme."))
        if recipient.awaits_coordinator:
            raise RuleBroken(
                _(
                    "A coordinator talks with every new member before they are "
                    "matched. You can accept requests once your profile is "
                    "approved."
                )
            )
        if sender.awaits_coordinator:
            raise RuleBroken(_("This member is not available for matching right now."))
        if blocks_between(sender.pk, recipient.pk).exists():
            raise RuleBroken(_("This member is not available for matching right now."))
        if not sender.is_available:
            raise RuleBroken(
                _(
                    "%(name)s has paused their profile, so the request cannot be "
                    "accepted now."
                )
                % {"name": sender.public_name}
            )
        if not recipient.is_available:
            raise RuleBroken(
                _(
                    "Your profile is paused. Make yourself available for matching "
                    "again before you accept a request."
                )
            )
        if {sender.role, recipient.role} != {Role.HOST, Role.NEWCOMER}:
            raise RuleBroken(
                _(
                    "Matches are between a host and a newcomer: this request cannot "
                    "be accepted."
                )
            )
        host, newcomer = (sender, recipient) if sender.is_host else (recipient, sender)
        # The condition in the UPDATE is the real guard: it holds even where the
        # database ignores row locks.
        took_place = Profile.objects.filter(
            pk=host.pk, active_match_count__lt=F("capacity")
        ).update(active_match_count=F("active_match_count") + 1)
        if not took_place:
            if host.pk == by.pk:
                raise RuleBroken(
                    _(
                        "You have no free places: you already host as many "
                        "newcomers as you offered. End a match or offer more places "
                        "in your profile before you accept."
                    )
                )
            raise RuleBroken(
                _(
                    "%(name)s has no free places right now, so the request cannot "
                    "be accepted."
                )
                % {"name": host.public_name}
            )
        now = timezone.now()
        try:
            with transaction.atomic():
                match = match_start(host=host, newcomer=newcomer, request=current)
        except IntegrityError as error:
            raise RuleBroken(
                _("You and %(name)s are already matched.")
                % {"name": sender.public_name}
            ) from error
        current.status = MatchRequest.Status.ACCEPTED
        current.responded_at = now
        current.save(update_fields=["status", "responded_at"])
        _confirm_expectations(by, current_expectations_version(), now)
        request.status, request.responded_at = current.status, now
        transaction.on_commit(lambda: _after_match_started(match.pk))
        badges_update_on_commit(host.pk, newcomer.pk)
    return match


def match_request_decline(
    *, request: MatchRequest, by: Profile, reason: str = ""
) -> MatchRequest:
    """The recipient says no, with an optional reason only coordinators see.
    E-mails the sender (without the reason)."""
    if by.pk != request.recipient_id:
        raise RuleBroken(_("Only the member who was asked can answer this request."))
    reason = reason_check(reason, required=False)
    with transaction.atomic():
        current = _pending_for_update(request)
        current.status = MatchRequest.Status.DECLINED
        current.decline_reason = reason
        current.responded_at = timezone.now()
        current.save(update_fields=["status", "decline_reason", "responded_at"])
        transaction.on_commit(
            partial(_request_email_send, "request_declined", current.pk)
        )
        badges_update_on_commit(current.sender_id)
    return current


def match_request_withdraw(*, request: MatchRequest, by: Profile) -> MatchRequest:
    """The sender takes a pending request back. No e-mail: nobody needs one."""
    if by.pk != request.sender_id:
        raise RuleBroken(_("Only the member who sent this request can withdraw it."))
    with transaction.atomic():
        current = _pending_for_update(request)
        now = timezone.now()
        current.status = MatchRequest.Status.WITHDRAWN
        current.responded_at = now
        # The sender did this themselves: not an answer to tell them about.
        current.sender_seen_at = now
        current.save(update_fields=["status", "responded_at", "sender_seen_at"])
        badges_update_on_commit(current.recipient_id)
    return current


def request_answers_mark_seen(*, profile: Profile) -> int:
    """The member has seen the answers to their requests (header notice off)."""
    return (
        MatchRequest.objects.filter(sender=profile, sender_seen_at=None)
        .exclude(status=MatchRequest.Status.PENDING)
        .update(sender_seen_at=timezone.now())
    )


def requests_mark_seen(*, profile: Profile) -> int:
    """The member has seen the requests waiting for their answer."""
    return MatchRequest.objects.filter(
        recipient=profile, recipient_seen_at=None
    ).update(recipient_seen_at=timezone.now())


# --- Matches --------------------------------------------------------------------


def match_end(*, match: Match, by: Profile, reason: str) -> Match:
    """Either member ends the match with a reason (only coordinators see it).
    E-mails the other member."""
    if not match.involves(by):
        raise RuleBroken(_("Only the two members of a match can end it."))
    reason = reason_check(reason, required=True)
    with transaction.atomic():
        return match_close(match=match, by=by, reason=reason)


# --- Requests nobody answers (scheduled jobs) ---------------------------------------


def _waiting_since(days: int, now):
    return MatchRequest.objects.filter(
        status=MatchRequest.Status.PENDING,
        created_at__lte=now - timedelta(days=days),
    )


def pending_requests_remind(*, now=None) -> int:
    """Remind the recipient, once, of a request waiting a week (configurable).
    Each request is claimed under a row lock and marked in the same transaction
    as its e-mail, so two runs never remind twice."""
    now = now or timezone.now()
    days = settings.VELKOMST_REQUEST_REMIND_AFTER_DAYS
    due = _waiting_since(days, now).filter(reminded_at=None)

    def remind(request: MatchRequest) -> None:
        MatchRequest.objects.filter(pk=request.pk).update(reminded_at=now)
        _request_email_send("request_reminder", request.pk)

    return claim_each(due, remind)


def pending_requests_expire(*, now=None) -> int:
    """Requests unanswered for two weeks (configurable) expire; the sender is
    told and pointed to other suggestions."""
    now = now or timezone.now()
    days = settings.VELKOMST_REQUEST_EXPIRE_AFTER_DAYS
    due = _waiting_since(days, now)

    def expire(request: MatchRequest) -> None:
        MatchRequest.objects.filter(pk=request.pk).update(
            status=MatchRequest.Status.EXPIRED, responded_at=now
        )
        _request_email_send("request_expired", request.pk)
        badges_update_on_commit(request.sender_id, request.recipient_id)

    return claim_each(due, expire)


# --- After commit ----------------------------------------------------------------


def badges_update_on_commit(*profile_ids: int) -> None:
    """The members' header badges (notification sockets) update after commit."""

    def badges_update() -> None:
        user_ids = Profile.objects.filter(pk__in=profile_ids).values_list(
            "user_id", flat=True
        )
        announce.notices_changed(user_ids=list(user_ids))

    transaction.on_commit(badges_update)


def _after_match_started(match_id: int) -> None:
    """Runs once a new match (and its conversation) is stored: tells the member
    who asked that they were accepted."""
    match = Match.objects.select_related(
        "request__sender__user", "request__recipient", "host__user", "newcomer__user"
    ).get(pk=match_id)
    if match.request is None:
        return
    member_email_send(
        member=match.request.sender,
        other=match.request.recipient,
        template="request_accepted",
        subject=gettext_lazy("%(name)s accepted your request"),
        context=lambda: {"match_url": member_url("match_detail", match.pk)},
    )


@dataclass(frozen=True)
class _RequestEmail:
    """An e-mail about a request, to one of its two members about the other."""

    subject: Promise  # names the other member as %(name)s
    to_sender: bool  # to the member who asked (else to the member asked)
    skip: Callable[[MatchRequest], bool]  # not worth sending (any more)
    context: Callable[[MatchRequest], dict]  # besides member and other


def _either_left(request: MatchRequest) -> bool:
    return request.recipient.is_deleted or request.sender.is_deleted


# By template (templates/community/email/<name>.txt and .html).
_REQUEST_EMAILS = {
    "request_received": _RequestEmail(
        subject=gettext_lazy("%(name)s would like to meet you"),
        to_sender=False,
        skip=lambda request: (
            request.status != MatchRequest.Status.PENDING
            or request.recipient.is_deleted
        ),
        context=lambda request: {
            "request": request,
            "requests_url": member_url("requests"),
        },
    ),
    "request_declined": _RequestEmail(
        subject=gettext_lazy("Your request to %(name)s"),
        to_sender=True,
        skip=lambda request: request.sender.is_deleted,
        context=lambda request: {"suggested_url": member_url("suggested")},
    ),
    "request_reminder": _RequestEmail(
        subject=gettext_lazy("%(name)s is still waiting for your answer"),
        to_sender=False,
        skip=_either_left,
        context=lambda request: {
            "requests_url": member_url("requests"),
            "expire_days": settings.VELKOMST_REQUEST_EXPIRE_AFTER_DAYS,
        },
    ),
    "request_expired": _RequestEmail(
        subject=gettext_lazy("Your request to %(name)s has expired"),
        to_sender=True,
        skip=lambda request: request.sender.is_deleted,
        context=lambda request: {
            "days": settings.VELKOMST_REQUEST_EXPIRE_AFTER_DAYS,
            "suggested_url": member_url("suggested"),
        },
    ),
}


def _request_email_send(template: str, request_id: int) -> None:
    """Send the e-mail ``template`` of ``_REQUEST_EMAILS`` about the request."""
    email = _REQUEST_EMAILS[template]
    member, other = (
        ("sender", "recipient") if email.to_sender else ("recipient", "sender")
    )
    request = MatchRequest.objects.select_related(f"{member}__user", other).get(
        pk=request_id
    )
    if email.skip(request):
        return
    member_email_send(
        member=getattr(request, member),
        other=getattr(request, other),
        template=template,
        subject=email.subject,
        context=lambda: email.context(request),
    )
