"""Reads for a matched pair: their conversation wheels, and activity ideas and
upcoming events that fit them both (community/pair_ideas.py scores the ideas)."""

from django.db.models import Q
from django.utils import timezone

from community.models import Match, Profile, WheelArea
from community.pair_ideas import Fit, Idea, ideas_ranked


def wheel_answers(*, profile_id: int) -> dict[str, tuple[int, str]]:
    """The member's wheel: area → (importance, note). One query."""
    return {
        area: (importance, note)
        for area, importance, note in WheelArea.objects.filter(
            profile_id=profile_id
        ).values_list("area", "importance", "note")
    }


def _has_children(profile: Profile) -> bool:
    return profile.household == "family" or any(
        (profile.children_0_5, profile.children_6_12, profile.children_13_17)
    )


def _interests(profile: Profile) -> set[str]:
    return {name.lower() for name in profile.interests.names()}


def ideas_for_pair(*, match: Match, me: Profile, limit: int = 4) -> list[Fit]:
    """Published activity ideas that fit the pair, best first, with reasons."""
    from cms_pages.models import ActivityIdeaPage

    other = match.other(me)
    ideas = [
        Idea(
            key=page.pk,
            title=page.title,
            categories=frozenset(tag.name.lower() for tag in page.tags.all()),
            suits_children=page.suits_children,
        )
        for page in ActivityIdeaPage.objects.live()
        .public()
        .specific()
        .prefetch_related("tags")
    ]
    fits = ideas_ranked(
        ideas,
        limit=limit,
        mine=_interests(me),
        theirs=_interests(other),
        other_name=other.public_name,
        with_children=_has_children(me) or _has_children(other),
    )
    pages = ActivityIdeaPage.objects.in_bulk([fit.idea.key for fit in fits])
    for fit in fits:
        fit.page = pages[fit.idea.key]
    return fits


def events_for_pair(*, match: Match, limit: int = 3) -> list:
    """Upcoming published events both members could join: for everyone, or
    for families when either has children."""
    from cms_pages.models import EventPage

    audiences = Q(audience=EventPage.Audience.EVERYONE)
    if _has_children(match.host) or _has_children(match.newcomer):
        audiences |= Q(audience=EventPage.Audience.FAMILIES)
    return list(
        EventPage.objects.live()
        .public()
        .filter(audiences, start__gte=timezone.now())
        .order_by("start")[:limit]
    )
