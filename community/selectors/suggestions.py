"""Reads for a member's suggestions: their best candidates, ranked in the
database (``matching.sql.ranked``) as the directory ranks them."""

from django.db.models import F, Q

from community.matching import reads, sql
from community.models import Profile
from community.selectors.members import for_cards
from community.selectors.visibility import blocked_ids, findable_by
from config.prepared import AnyOf


def suggestion_hidden_count(*, viewer: Profile) -> int:
    """How many members are hidden from ``viewer``'s suggestions now: blocked
    either way, matched, or with a request pending. One query."""
    return len(blocked_ids(viewer, busy=True))


def suggestion_ranking(*, viewer: Profile, count: int) -> list[list[int]]:
    """My best ``count`` candidates as ``[profile id, score]``, best first, ranked
    in the database over every candidate (``matching.sql.ranked``), including those
    hidden from me now (``suggested_profiles`` leaves them out when shown). One
    query."""
    everyone = Profile.objects.filter(
        is_listed=True, is_available=True, is_deleted=False
    ).exclude(pk=viewer.pk)
    rows = sql.ranked(viewer, everyone).values_list("pk", "match_score")
    return [[pk, score] for pk, score in rows[:count]]


def suggested_profiles(
    *, viewer: Profile, shortlist: list[int], since, limit: int = 20
) -> list[Profile]:
    """My best matches among ``shortlist`` (ids, see ``MemberSuggestions``) and
    the members who joined or were approved by a coordinator ``since`` it was
    made: ranked again now, as the
    directory ranks (candidates of the other role in my pool, sharing a spoken
    language), without anyone hidden from me, paused, gone, or already matched
    or asked; with their municipality and tags for ``matching.reads.explain``. Three
    queries, whatever the number of members."""
    listed = (
        Q(AnyOf(F("pk"), shortlist))
        | Q(created_at__gte=since)
        | Q(approval_decided_at__gte=since)
    )
    ranked = sql.ranked(viewer, findable_by(viewer, busy=True).filter(listed))
    return reads.tags_attach(list(for_cards(ranked)[:limit]))
