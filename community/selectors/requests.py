"""Reads for match requests: my requests, and what stands between two members
when one would ask the other (the rules ``services/requests.py`` enforces)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from community.models import Match, MatchRequest, Profile, Role
from community.models.matches import MAX_OPEN_REQUESTS_SENT
from community.selectors.matches import active_match_between
from community.selectors.visibility import blockers_between

ANSWERED_STATUSES = (
    MatchRequest.Status.ACCEPTED,
    MatchRequest.Status.DECLINED,
    MatchRequest.Status.CANCELLED,
    MatchRequest.Status.EXPIRED,
)
SENT_REQUESTS_SHOWN = 100


def requests_for(*, profile: Profile) -> dict[str, list[MatchRequest]]:
    """``received``: requests waiting for my answer, oldest first (first come,
    first answered); ``sent``: my requests in every state, newest first. Two
    queries whatever their number."""
    received = list(
        MatchRequest.objects.filter(
            recipient=profile, status=MatchRequest.Status.PENDING
        )
        .select_related("sender__municipality")
        .order_by("created_at")
    )
    sent = list(
        MatchRequest.objects.filter(sender=profile)
        .select_related("recipient__municipality", "match")
        .order_by("-created_at")[:SENT_REQUESTS_SHOWN]
    )
    return {"received": received, "sent": sent}


@dataclass(frozen=True)
class PairFacts:
    """What stands between two members, read in four small queries."""

    blocked_by_sender: bool
    blocked_by_recipient: bool
    pending: MatchRequest | None
    active_match: Match | None
    open_sent: int


def pair_facts(*, sender: Profile, recipient: Profile) -> PairFacts:
    """The blocks (read as the visibility rule reads them), the request waiting
    and the active match between the two, and how many requests ``sender``
    has waiting."""
    blockers = blockers_between(sender, recipient)
    low, high = sorted([sender.pk, recipient.pk])
    pending = (
        MatchRequest.objects.filter(
            pair_low=low, pair_high=high, status=MatchRequest.Status.PENDING
        )
        .select_related("sender", "recipient")
        .first()
    )
    active_match = active_match_between(profile=sender, other=recipient)
    open_sent = MatchRequest.objects.filter(
        sender=sender, status=MatchRequest.Status.PENDING
    ).count()
    return PairFacts(
        blocked_by_sender=sender.pk in blockers,
        blocked_by_recipient=recipient.pk in blockers,
        pending=pending,
        active_match=active_match,
        open_sent=open_sent,
    )


def pending_exists_message(recipient: Profile) -> str:
    return _(
        "There is already a request waiting for an answer between you and "
        "%(name)s. You can see it on your requests page."
    ) % {"name": recipient.public_name}


def match_request_refusal(
    *, sender: Profile, recipient: Profile, facts: PairFacts | None = None
) -> str | None:
    """Why ``sender`` may not ask ``recipient`` now, in words; None if they may.

    Covers every rule about the pair; the message and the expectation
    confirmation are checked when the request is sent."""
    if sender.pk == recipient.pk:
        return _("You cannot send a match request to yourself.")
    if sender.is_deleted:
        return _("Your account has been closed.")
    if recipient.is_deleted:
        return _("This member has left the programme.")
    if sender.awaits_coordinator:
        return _(
            "A coordinator talks with every new member before they are matched. "
            "You can ask members once your profile is approved."
        )
    if recipient.awaits_coordinator:
        return _("%(name)s is not available for matching right now.") % {
            "name": recipient.public_name
        }
    if facts is None:
        facts = pair_facts(sender=sender, recipient=recipient)
    if facts.blocked_by_sender:
        return _(
            "You have blocked %(name)s. Unblock them first if you want to ask them."
        ) % {"name": recipient.public_name}
    if facts.blocked_by_recipient:
        # Said as if the member were paused: nobody learns they were blocked.
        return _("%(name)s is not available for matching right now.") % {
            "name": recipient.public_name
        }
    if {sender.role, recipient.role} != {Role.HOST, Role.NEWCOMER}:
        return _(
            "Matches are between a host and a newcomer: hosts ask newcomers and "
            "newcomers ask hosts."
        )
    if sender.match_pool != recipient.match_pool:
        return _(
            "%(name)s takes part in another programme, whose members are matched "
            "within it."
        ) % {"name": recipient.public_name}
    if not sender.is_available:
        return _(
            "Your profile is paused. Make yourself available for matching again "
            "before you ask someone."
        )
    if not recipient.is_available:
        return _("%(name)s is not available for matching right now.") % {
            "name": recipient.public_name
        }
    if facts.active_match is not None:
        return _("You and %(name)s are already matched.") % {
            "name": recipient.public_name
        }
    if facts.pending is not None:
        return pending_exists_message(recipient)
    host = sender if sender.is_host else recipient
    if host.free_places == 0:
        if host.pk == sender.pk:
            return _(
                "You have no free places: you already host as many newcomers as "
                "you offered. End a match or offer more places in your profile "
                "before you ask someone new."
            )
        return _(
            "%(name)s has no free places right now: they already host as many "
            "newcomers as they offered."
        ) % {"name": recipient.public_name}
    if facts.open_sent >= MAX_OPEN_REQUESTS_SENT:
        return _(
            "You already have %(count)d requests waiting for an answer. Withdraw "
            "one, or wait for an answer, before you ask someone else."
        ) % {"count": MAX_OPEN_REQUESTS_SENT}
    return None
