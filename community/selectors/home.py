"""What a member's home (``/me/``) shows: the state they are in and what to do
next, read in a bounded number of queries whatever the number of requests,
matches or events.

The states, in the order a member meets them (``member_home`` picks the first
that applies):

- ``SETUP``: the profile set-up is unfinished (the next step, what is missing);
- ``AWAITING_APPROVAL``: waiting for a coordinator's approval (or
  ``APPROVAL_DECLINED``: declined by one), with whom they wait for or may
  write to (``MemberHome.approval``) and what they can do meanwhile
  (community/selectors/approvals.py); nobody sees them yet, so nothing else
  applies but their events;
- ``MATCHED``: at least one active match (each with its conversation, unread
  messages, meetings and ideas);
- ``REQUEST_PENDING``: a request waits, sent or received;
- ``NO_MATCH``: none of the above: the best few suggestions with their reasons.

Requests waiting for the member's answer, check-ins due and the events they
signed up for are read in every state but the set-up.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

from cms_pages.languages import in_reader_language
from community.matching import reads
from community.matching.reasons import Explanation
from community.models import (
    ApprovalStatus,
    CheckIn,
    EventSignup,
    Match,
    MatchRequest,
    MemberSuggestions,
    Profile,
)
from community.models.profiles import MIN_INTERESTS
from community.selectors.approvals import (
    ApprovalContact,
    Meanwhile,
    approval_contact,
    approval_meanwhile,
)
from community.selectors.events import ACTIVE as ACTIVE_SIGNUPS
from community.selectors.events import waiting_position
from community.selectors.matches import matches_for
from community.selectors.meetings import PairMeetings, meetings_for_pairs
from community.selectors.messaging import conversations_for
from community.selectors.pairs import ideas_for_pairs, open_checkins
from community.selectors.requests import requests_for
from community.selectors.suggestions import suggested_profiles, suggestion_ranking

SUGGESTIONS_SHOWN = 3
SUGGESTION_REASONS = 3
# Ranked afresh when a member has no stored shortlist yet (the suggestions page
# stores one on its first visit, ``services.suggestions``).
SHORTLIST_WHEN_NONE = 20
PAIRS_SHOWN = 3
IDEAS_PER_PAIR = 3
EVENTS_SHOWN = 3


class HomeState(StrEnum):
    SETUP = "setup"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVAL_DECLINED = "approval_declined"
    NO_MATCH = "no_match"
    REQUEST_PENDING = "request_pending"
    MATCHED = "matched"


@dataclass(frozen=True)
class SetupProgress:
    """The set-up step to continue with (1–4) and what is still missing."""

    step: int
    missing: list[str]


@dataclass(frozen=True)
class Suggestion:
    member: Profile
    explanation: Explanation | None

    @property
    def reasons(self) -> list[str]:
        if self.explanation is None:
            return []
        return self.explanation.reasons[:SUGGESTION_REASONS]


@dataclass(frozen=True)
class SentRequest:
    """A request of mine still waiting, and when it expires unanswered."""

    request: MatchRequest
    expires_on: datetime


@dataclass
class PairHome:
    """One active match: the other member, the conversation and my unread
    messages there, the pair's meetings (a suggestion waiting, the next agreed
    meeting) and activity ideas that fit the pair."""

    match: Match
    other: Profile
    conversation_id: int | None
    unread: int
    meetings: PairMeetings
    ideas: list = field(default_factory=list)


@dataclass
class MemberHome:
    state: HomeState
    profile: Profile
    setup: SetupProgress | None = None
    received: list[MatchRequest] = field(default_factory=list)
    sent: list[SentRequest] = field(default_factory=list)
    pairs: list[PairHome] = field(default_factory=list)
    more_pairs: int = 0
    checkins: list[CheckIn] = field(default_factory=list)
    events: list[EventSignup] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    approval: ApprovalContact | None = None
    meanwhile: Meanwhile | None = None

    @property
    def is_paused(self) -> bool:
        return not self.profile.is_available


def setup_progress(profile: Profile) -> SetupProgress | None:
    """None when the set-up is done; else the first step with something missing."""
    if profile.is_listed:
        # is_listed is kept true only for complete profiles: no tag queries then.
        return None
    missing = profile.missing_for_browsing()
    if not missing:
        return None
    if not profile.role:
        step = 1
    elif not profile.municipality_id or not profile.language_items.exists():
        step = 2
    elif profile.interest_items.count() < MIN_INTERESTS:
        step = 3
    else:
        step = 4
    return SetupProgress(step=step, missing=missing)


def member_home(*, profile: Profile) -> MemberHome:
    """Everything ``/me/`` shows ``profile``: a few queries in the set-up, about
    ten while looking, about thirty with ``PAIRS_SHOWN`` active matches (all
    pairs' ideas together take about eight); never more with more requests or
    events."""
    setup = setup_progress(profile)
    if setup is not None:
        return MemberHome(state=HomeState.SETUP, profile=profile, setup=setup)
    if profile.awaits_coordinator:
        return MemberHome(
            state=HomeState.AWAITING_APPROVAL
            if profile.approval == ApprovalStatus.WAITING
            else HomeState.APPROVAL_DECLINED,
            profile=profile,
            approval=approval_contact(profile),
            meanwhile=approval_meanwhile(),
            events=_upcoming_signups(profile),
        )

    requests = requests_for(profile=profile)
    expire_after = timedelta(days=settings.VELKOMST_REQUEST_EXPIRE_AFTER_DAYS)
    sent = [
        SentRequest(request=item, expires_on=item.created_at + expire_after)
        for item in requests["sent"]
        if item.status == MatchRequest.Status.PENDING
    ]
    home = MemberHome(
        state=HomeState.NO_MATCH,
        profile=profile,
        received=requests["received"],
        sent=sorted(sent, key=lambda row: row.request.created_at),
        checkins=sorted(open_checkins(profile=profile), key=lambda c: c.due_at),
        events=_upcoming_signups(profile),
    )

    active = [m for m in matches_for(profile=profile) if m.status == m.Status.ACTIVE]
    if active:
        home.state = HomeState.MATCHED
        home.pairs = _pairs(profile, active[:PAIRS_SHOWN])
        home.more_pairs = max(len(active) - PAIRS_SHOWN, 0)
    elif home.received or home.sent:
        home.state = HomeState.REQUEST_PENDING
    if home.state == HomeState.NO_MATCH or (
        home.state == HomeState.REQUEST_PENDING and not home.received
    ):
        # Still looking: a request may be declined, so show a few more.
        home.suggestions = _suggestions(profile)
    return home


def _pairs(profile: Profile, matches: list[Match]) -> list[PairHome]:
    """One query for the conversations, one for the meetings, about eight for
    all pairs' ideas."""
    conversations = {
        row.conversation.match_id: row for row in conversations_for(profile=profile)
    }
    meetings = meetings_for_pairs(match_ids=[match.pk for match in matches], me=profile)
    ideas = ideas_for_pairs(matches=matches, me=profile, limit=IDEAS_PER_PAIR)
    pairs = []
    for match in matches:
        row = conversations.get(match.pk)
        pairs.append(
            PairHome(
                match=match,
                other=match.other_member,
                conversation_id=row.conversation.pk if row else None,
                unread=row.unread if row else 0,
                meetings=meetings[match.pk],
                ideas=ideas[match.pk],
            )
        )
    return pairs


def _upcoming_signups(profile: Profile) -> list[EventSignup]:
    """My next few events (confirmed or on the waiting list), soonest first, each
    with ``page`` in the reader's language and, when waiting, ``position``."""
    signups = list(
        EventSignup.objects.filter(
            profile=profile, status__in=ACTIVE_SIGNUPS, event__start__gt=timezone.now()
        )
        .select_related("event")
        .order_by("event__start")[:EVENTS_SHOWN]
    )
    pages = in_reader_language([signup.event for signup in signups])
    for signup, page in zip(signups, pages, strict=True):
        signup.page = page
        if signup.status == EventSignup.Status.WAITING:
            signup.position = waiting_position(signup)
    return signups


def _suggestions(profile: Profile) -> list[Suggestion]:
    """My best few candidates now, as ``/members/suggested/`` ranks them, from
    the stored shortlist when there is one (only reads: the suggestions page
    stores it)."""
    viewer = reads.viewer_with_tags(profile)
    stored = MemberSuggestions.objects.filter(profile=profile).first()
    if stored is not None:
        shortlist, since = stored.candidate_ids, stored.computed_at
    else:
        ranking = suggestion_ranking(viewer=viewer, count=SHORTLIST_WHEN_NONE)
        shortlist, since = [pk for pk, _score in ranking], timezone.now()
    members = suggested_profiles(
        viewer=viewer, shortlist=shortlist, since=since, limit=SUGGESTIONS_SHOWN
    )
    explanations = reads.explain(viewer, members)
    return [
        Suggestion(member=member, explanation=explanations.get(member.pk))
        for member in members
    ]
