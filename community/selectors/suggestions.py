"""Reads for a member's suggestions: their best candidates, ranked in the
database (``matching.sql.ranked``) as the directory ranks them."""

from datetime import UTC, datetime
from functools import cache

from django.db.models import F, Q, QuerySet

from community.matching import reads, sql
from community.models import Profile
from community.selectors.members import for_cards
from community.selectors.visibility import blocked_ids, findable_except
from config.prepared import AnyOf, PreparedQuery, Slot, ids_parameter


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
    or asked; with their municipality and tags for ``matching.reads.explain``.
    Three queries, whatever the number of members.

    Read on every visit of /members/suggested/, so the query is compiled once
    per role and length (``_compiled_suggested``, config/prepared.py) and run
    with my values and my score; only for a member with tags past the 63rd of
    a facet (rare, counted through the tag tables) is it composed anew."""
    if not viewer.is_listed:
        return []
    values = {
        "hidden": blocked_ids(viewer, busy=True),
        "shortlist": shortlist,
        "since": since,
    }
    score, spoken = sql.Score(viewer), sql.spoken_facet(viewer)
    nearness = sql.Nearness(viewer)
    if score.through_tables or spoken.bitless:
        members = list(
            _suggested(viewer, spoken=spoken, score=score, nearness=nearness, **values)[
                :limit
            ]
        )
    else:
        members = _compiled_suggested(viewer.role, limit).all(
            {
                **values,
                "me": viewer.pk,
                "pool": viewer.match_pool,
                "spoken": spoken.mask,
            },
            slots={"score": score, "nearness": nearness},
        )
    return reads.tags_attach(members)


def _suggested(
    viewer: Profile, *, hidden, shortlist, since, spoken, score, nearness
) -> QuerySet[Profile]:
    listed = (
        Q(AnyOf(F("pk"), shortlist))
        | Q(created_at__gte=since)
        | Q(approval_decided_at__gte=since)
    )
    found = sql.candidates_among(
        findable_except(viewer, hidden).filter(listed),
        role=viewer.role,
        pool=viewer.match_pool,
        spoken=spoken,
    )
    return for_cards(sql.best_first(found, score, nearness))


@cache
def _compiled_suggested(role: str, limit: int) -> PreparedQuery:
    """``_suggested`` for a viewer of ``role``, the first ``limit``, written with
    stand-ins and compiled at the first visit. Each stand-in is a value no
    other parameter of the query has, within its column's range (Django drops
    a condition on a value its column cannot hold)."""

    def build(stand_in) -> QuerySet[Profile]:
        viewer = Profile(pk=stand_in["me"], role=role, match_pool=stand_in["pool"])
        return _suggested(
            viewer,
            hidden=stand_in["hidden"],
            shortlist=stand_in["shortlist"],
            since=stand_in["since"],
            spoken=sql.FacetQuery(mask=stand_in["spoken"]),
            score=Slot("score"),
            nearness=Slot("nearness"),
        )[:limit]

    since_field = Profile._meta.get_field("created_at")
    return PreparedQuery(
        build,
        stand_ins={
            "me": 2_107_654_321,
            "pool": 2_107_654_322,
            "spoken": 2_107_654_323,
            "hidden": [2_107_654_324],
            "shortlist": [2_107_654_325],
            "since": datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC),
        },
        prepare={
            "hidden": ids_parameter,
            "shortlist": ids_parameter,
            "since": since_field.get_db_prep_value,
        },
    )
