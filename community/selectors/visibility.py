"""Who may see whom: the one rule behind every page about another member.

A signed-in member (with a complete profile, see ``permissions.member_required``)
sees a member when it is themself, or when the viewer is listed themself (not
waiting for a coordinator's approval or declined: they see nobody else) and
the member

- has not left and is listed (a complete profile, an active account, approved
  by a coordinator if their programme asks it: community/services/
  approvals.py), and
- neither of the two has blocked the other, and
- either is *findable*: available (not paused) and in the viewer's match pool
  (``Profile.match_pool``: a closed programme keeps its members to each other),
- or is *in touch* with the viewer: a match request or a match between the two,
  in any state (a conversation belongs to a match). Whom you have dealt with
  stays on your pages, reportable and blockable, when they pause or change
  programme.

A member the viewer may not see is answered as if they did not exist (404), by
the profile page, the photo, ask, report and block alike. Unblocking is the one
exception: the blocker may always lift their own block (``blocked_by``).

The rule has two forms, held to a plain Python oracle on both databases by
tests/community/test_visibility_matrix.py:

- ``visible_to`` (an ORM condition): one member at a time, in one query
  (``visible_member``, ``visible_other``);
- ``findable_by``: the lists (directory, suggestions, the coordinators'
  rematching), the findable members without the blocked ones, whose ids one
  hand-written SQL text reads (``blocked_ids``): the members benchmark asks for
  it on every page.
"""

from functools import cache

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from community.models import Block, Match, MatchRequest, Profile
from config.prepared import AnyOf, execute


def _either_way(first: str, second: str, me: int, member) -> Q:
    """``first`` is me and ``second`` the member, or the other way round.
    ``member``: the member's id, or ``OuterRef("pk")`` for a whole queryset."""
    return Q(**{first: me, second: member}) | Q(**{first: member, second: me})


def blocks_between(me: int, member) -> QuerySet[Block]:
    return Block.objects.filter(_either_way("blocker_id", "blocked_id", me, member))


def _listed() -> Q:
    return Q(is_listed=True, is_deleted=False)


def _findable(viewer: Profile) -> Q:
    return _listed() & Q(is_available=True, match_pool=viewer.match_pool)


def visible_to(viewer: Profile, member=None) -> Q:
    """The rule as a condition on profiles: ``Profile.objects.filter(
    visible_to(viewer))`` is everyone ``viewer`` may see. With ``member`` (an
    id) the subqueries compare constants, so checking one member is one cheap
    query."""
    me = viewer.pk
    if not viewer.is_listed:
        return Q(pk=me)
    member = OuterRef("pk") if member is None else member
    asked = MatchRequest.objects.filter(
        _either_way("sender_id", "recipient_id", me, member)
    )
    matched = Match.objects.filter(_either_way("host_id", "newcomer_id", me, member))
    in_touch = Exists(asked) | Exists(matched)
    return Q(pk=me) | (
        _listed() & ~Exists(blocks_between(me, member)) & (_findable(viewer) | in_touch)
    )


def visible_member(
    *, viewer: Profile, pk: int, queryset: QuerySet[Profile] | None = None
) -> Profile | None:
    """Member ``pk`` (or the viewer themself) if ``viewer`` may see them, else
    None: the caller answers 404 without saying why. One query (plus what
    ``queryset`` prefetches)."""
    queryset = Profile.objects.all() if queryset is None else queryset
    return queryset.filter(visible_to(viewer, pk), pk=pk).first()


def visible_other(*, viewer: Profile, pk: int) -> Profile | None:
    """Another member ``viewer`` may see, with their municipality: whom they may
    ask, report or block. None for themself (nobody acts on themself) and for
    anyone hidden from them."""
    if pk == viewer.pk:
        return None
    return visible_member(
        viewer=viewer, pk=pk, queryset=Profile.objects.select_related("municipality")
    )


def blocked_by(*, blocker: Profile, pk: int) -> Profile | None:
    """Member ``pk`` if ``blocker`` blocked them (whatever else became of them):
    the one member URL open to someone hidden, so a block can be lifted."""
    return Profile.objects.filter(pk=pk, blocks_received__blocker=blocker).first()


def blockers_between(first: Profile, second: Profile) -> set[int]:
    """Which of the two blocked the other (ids; empty if neither). One query."""
    return set(blocks_between(first.pk, second.pk).values_list("blocker_id", flat=True))


# --- The lists --------------------------------------------------------------------


def blocked_ids(viewer: Profile, *, busy: bool = False) -> set[int]:
    """Ids of the members ``viewer`` blocked or was blocked by, and with
    ``busy`` also those matched with them now or with a request pending between
    them. One query, written out once per process (``_blocked_sql``): every
    directory and suggestions page asks, and composing the three-way union with
    the ORM cost more than running it."""
    me = viewer.pk
    params = [me, me]  # blocks
    if busy:
        params += [Match.Status.ACTIVE, me, me, MatchRequest.Status.PENDING, me, me]
    with connection.cursor() as cursor:
        execute(cursor, _blocked_sql(busy), params)
        return {pk for pair in cursor.fetchall() for pk in pair} - {viewer.pk}


@cache
def _blocked_sql(busy: bool) -> str:
    quote = connection.ops.quote_name

    def pairs(model, first: str, second: str, status: bool) -> str:
        meta = model._meta
        a, b = (quote(meta.get_field(name).column) for name in (first, second))
        where = f"({a} = %s OR {b} = %s)"
        if status:
            where = f"{quote(meta.get_field('status').column)} = %s AND {where}"
        # Only the models' own table and column names go into the text.
        return f"SELECT {a}, {b} FROM {quote(meta.db_table)} WHERE {where}"  # noqa: S608

    selects = [pairs(Block, "blocker", "blocked", status=False)]
    if busy:
        selects.append(pairs(Match, "host", "newcomer", status=True))
        selects.append(pairs(MatchRequest, "sender", "recipient", status=True))
    return " UNION ALL ".join(selects)


def findable_by(viewer: Profile, *, busy: bool = False) -> QuerySet[Profile]:
    """Everyone ``viewer`` may find in a list: the findable members of the rule
    (listed, available, in their match pool) but themself and those blocked
    either way; with ``busy``, not those matched with them or asked either.
    Members merely in touch are not listed: a paused member stays out of every
    list. A viewer who is not listed themself finds nobody."""
    if not viewer.is_listed:
        return Profile.objects.none()
    return findable_except(viewer, blocked_ids(viewer, busy=busy))


def findable_except(viewer: Profile, hidden) -> QuerySet[Profile]:
    """The findable members of the rule but ``viewer`` and ``hidden`` (ids,
    ``blocked_ids``), given as one parameter however many there are, so that
    the text is the same for every viewer (``findable_by`` for a listed
    viewer)."""
    return (
        Profile.objects.filter(_findable(viewer))
        .exclude(pk=viewer.pk)
        .exclude(AnyOf(F("pk"), hidden))
    )
