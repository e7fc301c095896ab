"""A match's life: it starts when a request is accepted (with the pair's
conversation) and ends when a member ends it, blocks the other, or a
coordinator ends it; then the conversation's sockets close and the other
member is told, and the pair's meetings still to come are cancelled
(``services.meetings``). Requests, safety, rematching and profiles call this
module; it calls none of them.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Conversation, Match, MatchRequest, Participant, Profile
from community.realtime import announce
from community.services.emails import member_email_send, member_url
from community.services.errors import RuleBroken
from community.services.meetings import meetings_close


def match_start(*, host: Profile, newcomer: Profile, request: MatchRequest) -> Match:
    """The pair's match and its conversation, inside the caller's transaction
    (accepting ``request``). The caller has taken the host's place; an
    IntegrityError means the two are matched already."""
    match = Match.objects.create(host=host, newcomer=newcomer, request=request)
    conversation_start(match=match)
    return match


def conversation_start(*, match: Match) -> Conversation:
    """The pair's conversation, inside the caller's transaction. Idempotent: a
    match has exactly one."""
    conversation, created = Conversation.objects.get_or_create(match=match)
    if created:
        Participant.objects.bulk_create(
            [
                Participant(conversation=conversation, profile_id=match.host_id),
                Participant(conversation=conversation, profile_id=match.newcomer_id),
            ]
        )
    return conversation


def match_close(*, match: Match, by: Profile | None, reason: str) -> Match:
    """End an active match inside the caller's transaction (no checks on who).
    Frees the host's place; never counts below zero. Used by ``match_end``, by
    blocking and by coordinators (``by`` None)."""
    current = Match.objects.select_for_update().get(pk=match.pk)
    if current.status != Match.Status.ACTIVE:
        raise RuleBroken(_("This match has already ended."))
    current.status = Match.Status.ENDED
    current.ended_at = timezone.now()
    current.ended_by = by
    current.end_reason = reason
    current.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    Profile.objects.filter(pk=current.host_id, active_match_count__gt=0).update(
        active_match_count=F("active_match_count") - 1
    )
    # Meetings still to come will not happen; past ones stay as history.
    meetings_close(match_ids=[current.pk], now=current.ended_at)
    transaction.on_commit(lambda: _email_match_ended(current.pk))
    # The pair's chat sockets close; the history stays readable.
    transaction.on_commit(lambda: match_sockets_close(current.pk))
    return current


def match_sockets_close(match_id: int) -> None:
    """After a match ended (on commit): its conversation's sockets close."""
    conversation_id = (
        Conversation.objects.filter(match_id=match_id)
        .values_list("pk", flat=True)
        .first()
    )
    if conversation_id is not None:
        announce.conversation_closed(conversation_id=conversation_id)


def _email_match_ended(match_id: int) -> None:
    match = Match.objects.select_related("host__user", "newcomer__user").get(
        pk=match_id
    )
    if match.ended_by_id is None:
        return
    ended_by = match.host if match.ended_by_id == match.host_id else match.newcomer
    other = match.other(ended_by)
    if other.is_deleted:
        return
    member_email_send(
        member=other,
        other=ended_by,
        template="match_ended",
        subject=gettext_lazy("Your match with %(name)s has ended"),
        context=lambda: {"matches_url": member_url("matches")},
    )
