"""Reads for a pair's meetings: what each member sees of them now (a suggestion
waiting for an answer, the next agreed meeting, when they last met, a recent
"no"), for one pair or all my pairs in one query; one meeting of mine; and the
ideas and events a suggestion may name (those the pair page suggests)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from community.models import Match, Meeting, Profile
from community.selectors.pairs import events_for_pair, ideas_for_pair

# A declined or cancelled meeting is still shown to the pair this long.
RECENT_ANSWER = timedelta(days=7)


@dataclass
class PairMeetings:
    """A pair's meetings as member ``me_id`` sees them now."""

    me_id: int
    open: Meeting | None = None  # the suggestion waiting for an answer
    next: Meeting | None = None  # the next agreed meeting
    last_met: Meeting | None = None  # the latest agreed meeting now past
    answered: Meeting | None = None  # declined or cancelled lately, not replaced

    @property
    def waiting_for_me(self) -> bool:
        return self.open is not None and self.open.proposed_by_id != self.me_id

    @property
    def waiting_for_other(self) -> bool:
        return self.open is not None and self.open.proposed_by_id == self.me_id

    @property
    def agreed(self) -> bool:
        """A meeting was ever agreed (and not cancelled)."""
        return self.next is not None or self.last_met is not None

    @property
    def is_empty(self) -> bool:
        return not (self.open or self.next or self.last_met or self.answered)


def _shown(match_ids: list[int], now: datetime):
    return (
        Meeting.objects.filter(match_id__in=match_ids)
        .filter(
            Q(status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED])
            | Q(
                status__in=[Meeting.Status.DECLINED, Meeting.Status.CANCELLED],
                responded_at__gte=now - RECENT_ANSWER,
            )
        )
        .select_related("proposed_by", "responded_by", "idea", "event")
        .order_by("starts_at", "pk")
    )


def meetings_for_pairs(
    *, match_ids: list[int], me: Profile, now: datetime | None = None
) -> dict[int, PairMeetings]:
    """Each pair's meetings as ``me`` sees them, by match id. One query."""
    now = now or timezone.now()
    pairs = {match_id: PairMeetings(me_id=me.pk) for match_id in match_ids}
    if not match_ids:
        return pairs
    closed: dict[int, Meeting] = {}
    for meeting in _shown(match_ids, now):
        pair = pairs[meeting.match_id]
        if meeting.status == Meeting.Status.PROPOSED:
            pair.open = meeting
        elif meeting.status == Meeting.Status.CONFIRMED:
            if meeting.starts_at > now:
                pair.next = pair.next or meeting  # the soonest
            else:
                pair.last_met = meeting  # the latest
        elif meeting.responded_by_id is not None and (
            meeting.match_id not in closed
            or meeting.responded_at > closed[meeting.match_id].responded_at
        ):
            # Called off by a member (not by the match ending: that says it all).
            closed[meeting.match_id] = meeting
    for match_id, meeting in closed.items():
        pair = pairs[match_id]
        later_agreed = pair.next and pair.next.responded_at > meeting.responded_at
        if pair.open is None and not later_agreed:
            pair.answered = meeting
    return pairs


def pair_meetings(
    *, match: Match, me: Profile, now: datetime | None = None
) -> PairMeetings:
    """One pair's meetings as ``me`` sees them. One query."""
    return meetings_for_pairs(match_ids=[match.pk], me=me, now=now)[match.pk]


def open_suggestion(*, match_id: int) -> Meeting | None:
    """The pair's suggestion waiting for an answer, with who made it. One query."""
    return (
        Meeting.objects.filter(match_id=match_id, status=Meeting.Status.PROPOSED)
        .select_related("proposed_by")
        .first()
    )


def meeting_for(*, profile: Profile, pk: int) -> Meeting | None:
    """A meeting of one of my pairs (ended ones too), with its match and who
    suggested it, or None if it is not mine (or does not exist)."""
    return (
        Meeting.objects.filter(
            Q(match__host=profile) | Q(match__newcomer=profile), pk=pk
        )
        .select_related("match__host__user", "match__newcomer__user", "proposed_by")
        .first()
    )


@dataclass(frozen=True)
class PlanChoices:
    """What a suggestion may name: the ideas and events the pair page shows,
    each as (value, page). Values: "idea-<id>", "event-<id>"."""

    ideas: list[tuple[str, object]]
    events: list[tuple[str, object]]

    def page(self, value: str):
        return dict(self.ideas + self.events).get(value)


def meeting_plan_choices(*, match: Match, me: Profile) -> PlanChoices:
    """The ideas and upcoming events that fit the pair (as on the pair page)."""
    return PlanChoices(
        ideas=[
            (f"idea-{fit.page.pk}", fit.page)
            for fit in ideas_for_pair(match=match, me=me)
        ],
        events=[(f"event-{event.pk}", event) for event in events_for_pair(match=match)],
    )
