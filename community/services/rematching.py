"""What a coordinator does for a pair that does not work: end the match with a
reason, and introduce a member to a new candidate.

An introduction is a match request from the candidate to the member, written
and marked by the coordinator (``MatchRequest.introduced_by``): the member
accepts or declines it as any request, and the candidate is told at once and
may withdraw it. Every rule of an ordinary request applies."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Match, MatchRequest, Profile
from community.services.emails import member_email_send, member_url
from community.services.matches import match_close
from community.services.requests import (
    match_request_store,
    reason_check,
    request_message_check,
)


def match_end_by_coordinator(*, match: Match, coordinator, reason: str) -> Match:
    """End an active pair for its members (the reason stays with the
    coordinators); both members are told by e-mail."""
    reason = reason_check(reason, required=True)
    with transaction.atomic():
        ended = match_close(match=match, by=None, reason=reason)
        ended.ended_by_coordinator = coordinator
        ended.save(update_fields=["ended_by_coordinator"])
        transaction.on_commit(lambda: _email_ended_by_coordinator(ended.pk))
    return ended


def match_introduce(
    *, coordinator, member: Profile, candidate: Profile, message: str
) -> MatchRequest:
    """Suggest ``candidate`` to ``member``: a request from the candidate with
    the coordinator's ``message``. Refused, with the reason, whenever the
    candidate could not ask the member themselves."""
    message = request_message_check(message)

    def refusal_said(rule: str) -> str:
        # The rule as the candidate would hear it, said to the coordinator.
        return _("%(candidate)s cannot be introduced to %(member)s. %(rule)s") % {
            "candidate": candidate.public_name,
            "member": member.public_name,
            "rule": rule,
        }

    with transaction.atomic():
        request = match_request_store(
            sender=candidate,
            recipient=member,
            message=message,
            introduced_by=coordinator,
            refusal_said=refusal_said,
        )
        transaction.on_commit(lambda: _email_introduction(request.pk))
    return request


SUGGESTS_YOU_MEET = gettext_lazy("Your coordinator suggests you meet %(name)s")
INTRODUCED_YOU_TO = gettext_lazy("Your coordinator introduced you to %(name)s")


def _email_introduction(request_id: int) -> None:
    request = MatchRequest.objects.select_related(
        "sender__user", "recipient__user"
    ).get(pk=request_id)
    if request.status != MatchRequest.Status.PENDING:
        return
    member, candidate = request.recipient, request.sender
    for to, other, template, subject in (
        (member, candidate, "introduction_received", SUGGESTS_YOU_MEET),
        (candidate, member, "introduction_made", INTRODUCED_YOU_TO),
    ):
        member_email_send(
            member=to,
            other=other,
            template=template,
            subject=subject,
            context=lambda: {
                "request": request,
                "requests_url": member_url("requests"),
            },
        )


def _email_ended_by_coordinator(match_id: int) -> None:
    match = Match.objects.select_related("host__user", "newcomer__user").get(
        pk=match_id
    )
    for member in (match.host, match.newcomer):
        if member.is_deleted:
            continue
        member_email_send(
            member=member,
            other=match.other(member),
            template="match_ended_by_coordinator",
            subject=gettext_lazy("Your match with %(name)s has ended"),
            context=lambda: {
                "when": timezone.localdate(match.ended_at),
                "suggested_url": member_url("suggested"),
            },
        )
