"""Reads for matched pairs: their conversation wheels, activity ideas and
upcoming events that fit them both (community/pair_ideas.py scores the ideas),
their check-ins, and the pairs that need a coordinator (community/pair_flags.py)."""

from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone, translation

from cms_pages.languages import in_reader_language, source_pages
from cms_pages.models import ActivityIdeaPage, EventPage
from community.matching import reads, sql
from community.matching.reasons import _in_sentence
from community.models import CheckIn, Match, Meeting, Message, Profile, WheelArea
from community.pair_flags import Flag, match_flags
from community.pair_ideas import Fit, Idea, ideas_ranked
from community.selectors.visibility import findable_by


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


def _interests(profile: Profile) -> dict[str, str]:
    """The member's interests: lower-case name → how a reason names it, in the
    reader's language ("you both like sailing", "I kan begge lide sejlads")."""
    danish = (translation.get_language() or "").startswith("da")
    return {
        tag.name.lower(): _in_sentence(tag.label) if danish else tag.name.lower()
        for tag in profile.interests.all()
    }


def ideas_for_pair(*, match: Match, me: Profile, limit: int = 4) -> list[Fit]:
    """Published activity ideas that fit the pair, best first, with reasons."""
    return ideas_for_pairs(matches=[match], me=me, limit=limit)[match.pk]


def ideas_for_pairs(
    *, matches: list[Match], me: Profile, limit: int = 4
) -> dict[int, list[Fit]]:
    """``ideas_for_pair`` for each of my matches (by match id), in the same
    handful of queries however many matches there are: the ideas, my interests,
    the others' interests, and the chosen pages in the reader's language."""
    if not matches:
        return {}
    ideas = [
        Idea(
            key=page.pk,
            title=page.title,
            categories=frozenset(tag.name.lower() for tag in page.tags.all()),
            suits_children=page.suits_children,
        )
        for page in source_pages(ActivityIdeaPage.objects.live())
        .public()
        .specific()
        .prefetch_related("tags")
    ]
    others = [match.other(me) for match in matches]
    prefetch_related_objects(others, "interests")
    mine = _interests(me)
    fits_by_match = {}
    for match, other in zip(matches, others, strict=True):
        theirs = _interests(other)
        fits_by_match[match.pk] = ideas_ranked(
            ideas,
            limit=limit,
            mine=set(mine),
            theirs=set(theirs),
            names=mine | theirs,
            other_name=other.public_name,
            with_children=_has_children(me) or _has_children(other),
        )
    keys = sorted({fit.idea.key for fits in fits_by_match.values() for fit in fits})
    pages = ActivityIdeaPage.objects.in_bulk(keys)
    shown = dict(
        zip(keys, in_reader_language([pages[key] for key in keys]), strict=True)
    )
    for fits in fits_by_match.values():
        for fit in fits:
            fit.page = shown[fit.idea.key]
    return fits_by_match


def events_for_pair(*, match: Match, limit: int = 3) -> list:
    """Upcoming published events both members could join: for everyone, or
    for families when either has children; held in a region where one of
    them lives, or open to all areas."""
    audiences = Q(audience=EventPage.Audience.EVERYONE)
    if _has_children(match.host) or _has_children(match.newcomer):
        audiences |= Q(audience=EventPage.Audience.FAMILIES)
    points = reads.municipality_points()
    regions = {
        points[member.municipality_id][2]
        for member in (match.host, match.newcomer)
        if member.municipality_id in points
    }
    audiences &= Q(area=EventPage.Area.EVERYWHERE) | Q(area__in=regions)
    return in_reader_language(
        list(
            source_pages(EventPage.objects.live())
            .public()
            .filter(audiences, start__gte=timezone.now())
            .order_by("start")[:limit]
        )
    )


def open_checkins(*, profile: Profile) -> list[CheckIn]:
    """Check-ins waiting for my answer, for active matches; each with
    ``other`` (the other member of the pair)."""
    checkins = list(
        CheckIn.objects.filter(
            profile=profile, answered_at=None, match__status=Match.Status.ACTIVE
        ).select_related("match__host", "match__newcomer")
    )
    for checkin in checkins:
        checkin.other = checkin.match.other(profile)
    return checkins


def flagged_pairs(*, scope=None, now=None) -> list[tuple[Match, list[Flag]]]:
    """Active pairs that need a coordinator, with the reasons; within ``scope``
    (``community.coordination.scope.Scope``; None: all). Four queries."""
    now = now or timezone.now()
    matches = Match.objects.filter(status=Match.Status.ACTIVE)
    if scope is not None:
        matches = matches.filter(scope.members("host", "newcomer"))
    matches = list(matches.select_related("host", "newcomer").order_by("created_at"))
    ids = [match.pk for match in matches]
    checkins: dict[int, list[CheckIn]] = {}
    for checkin in CheckIn.objects.filter(match_id__in=ids):
        checkins.setdefault(checkin.match_id, []).append(checkin)
    written = set(
        Message.objects.filter(conversation__match_id__in=ids)
        .values_list("conversation__match_id", flat=True)
        .distinct()
    )
    first = first_meetings(match_ids=ids)
    flagged = []
    for match in matches:
        flags = match_flags(
            match,
            checkins=checkins.get(match.pk, []),
            has_messages=match.pk in written,
            now=now,
            first_meeting=first.get(match.pk),
        )
        if flags:
            flagged.append((match, flags))
    return flagged


def first_meetings(*, match_ids: list[int]) -> dict[int, Meeting]:
    """Each pair's first agreed meeting (the earliest; past ones count), by
    match id; pairs that agreed none are missing. One query."""
    first: dict[int, Meeting] = {}
    for meeting in Meeting.objects.filter(
        match_id__in=match_ids, status=Meeting.Status.CONFIRMED
    ).order_by("-starts_at"):
        first[meeting.match_id] = meeting
    return first


def pair_for_coordinator(*, scope, match_id: int) -> Match | None:
    """A pair in the coordinator's scope, with its members, or None."""
    return (
        Match.objects.filter(scope.members("host", "newcomer"), pk=match_id)
        .select_related("host__municipality", "newcomer__municipality")
        .first()
    )


def pair_checkins(*, match: Match) -> list[CheckIn]:
    """The pair's check-ins, answered or not, newest first."""
    return list(
        CheckIn.objects.filter(match=match)
        .select_related("profile")
        .order_by("-number", "profile_id")
    )


def rematch_candidates(*, scope, member: Profile, limit: int = 5) -> list:
    """The best new candidates for ``member``, ranked and explained exactly as
    the member's own suggestions are (``community.matching``), among members
    the coordinator may see and introduce: available, not blocked either way,
    not already matched or asked. Each profile has ``explanation``."""
    shown = (
        findable_by(member, busy=True)
        .filter(scope.members(""))
        .exclude(role="host", active_match_count__gte=F("capacity"))
    )
    ranked = sql.ranked(reads.viewer_with_tags(member), shown)
    candidates = reads.tags_attach(
        list(ranked.select_related("municipality", "programme")[:limit])
    )
    explanations = reads.explain(member, candidates)
    for candidate in candidates:
        candidate.explanation = explanations[candidate.pk]
    return candidates


def pair_has_messages(*, match: Match) -> bool:
    return Message.objects.filter(conversation__match=match).exists()
