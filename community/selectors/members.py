"""Reads about members: my profile, another member's page and what stands
between us, and the directory, in as few queries as possible."""

from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext

from community.filters import (
    SORT_ACTIVE,
    SORT_NEWEST,
    SORT_SCORE,
    MemberFilter,
    other_role,
)
from community.matching import reads, sql
from community.models import Profile
from community.selectors import visibility
from community.selectors.requests import match_request_refusal, pair_facts

# ``user.profile``, the reverse side of Profile.user: the authentication backends
# (community/auth_backends.py) load it, or its absence, with the signed-in user.
USER_PROFILE = Profile._meta.get_field("user").remote_field


def profile_for_user(user) -> Profile | None:
    """The user's profile with its municipality, None if they have none (or are
    signed out). No query when it was loaded with the user, as for
    ``request.user``; else one."""
    if not user.is_authenticated:
        return None
    if USER_PROFILE.is_cached(user):
        return USER_PROFILE.get_cached_value(user)
    return Profile.objects.filter(user=user).select_related("municipality").first()


def member_relation(*, viewer: Profile, other: Profile) -> dict:
    """What stands between me (``viewer``) and another member, for the buttons on
    their profile (templates/components/member_actions.html).

    Keys: ``is_me``; ``blocked_by_me``; ``pending_request`` (the request waiting
    between us, or None) and ``request_sent_by_me``; ``active_match``;
    ``can_request`` and ``reason`` (why not, in words, or "")."""
    if viewer.pk == other.pk:
        return {
            "is_me": True,
            "blocked_by_me": False,
            "pending_request": None,
            "request_sent_by_me": False,
            "active_match": None,
            "can_request": False,
            "reason": match_request_refusal(sender=viewer, recipient=other),
        }
    facts = pair_facts(sender=viewer, recipient=other)
    reason = match_request_refusal(sender=viewer, recipient=other, facts=facts)
    pending = facts.pending
    return {
        "is_me": False,
        "blocked_by_me": facts.blocked_by_sender,
        "pending_request": pending,
        "request_sent_by_me": pending is not None and pending.sender_id == viewer.pk,
        "active_match": facts.active_match,
        "can_request": reason is None,
        "reason": reason or "",
    }


# --- Directory --------------------------------------------------------------------

# The directory counts its members exactly up to this many; beyond, it says "more
# than" (counting every match of a broad search would cost a full scan per page).
DIRECTORY_COUNT_BOUND = 1000


# What a member card (community/views/directory.py) and its explanation
# (``matching.reads.explain``) read of a listed member; the other columns (dates,
# texts, consent records) are left in the database: loading them cost more
# than the rest of the row.
CARD_FIELDS = (
    "role", "display_name", "is_deleted", "photo", "show_photo",
    "age_group", "show_age_group", "household", "show_household",
    "children_0_5", "children_6_12", "children_13_17", "capacity",
    "active_match_count", "municipality__name", "municipality__region",
)  # fmt: skip


def for_cards(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    return queryset.select_related("municipality").only(*CARD_FIELDS)


def _profiles_in_order(ids: list[int]) -> list[Profile]:
    """The profiles with these ids, in this order, with their municipality and
    their tags (for ``matching.reads.explain`` and the cards): two queries."""
    found = for_cards(Profile.objects.filter(pk__in=ids))
    by_id = {profile.pk: profile for profile in found}
    return reads.tags_attach([by_id[pk] for pk in ids if pk in by_id])


class MemberList:
    """The directory's result as ``Paginator`` reads it: ``count()`` is exact up
    to ``bound`` (``is_capped`` says there are more), and a slice gives the
    profiles of one page with their tags."""

    def __init__(
        self, found: QuerySet[Profile], ordered: QuerySet[Profile], *, bound: int
    ):
        self.found = found  # filtered: counted without working out any order
        self.queryset = ordered
        self.bound = bound
        self.is_capped = False

    def count(self) -> int:
        counted = self.found.order_by()[: self.bound + 1].count()
        self.is_capped = counted > self.bound
        return counted

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Profile]:
        if not isinstance(index, slice):
            raise TypeError("MemberList is read a page (a slice) at a time")
        # Only ids: ranking reads the narrow candidates index alone; the page's
        # profiles are loaded afterwards.
        ids = list(self.queryset.values_list("pk", flat=True)[index])
        return _profiles_in_order(ids)


def _requested_page(params: QueryDict) -> int:
    """The page asked for, 1 if it is no number (``paginate`` says so)."""
    raw = params.get("page", "1").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 1


def directory_profiles(
    *, viewer: Profile, params: QueryDict, per_page: int = 20
) -> tuple[MemberFilter, MemberList]:
    """The member directory: the filter set (for the form and its notices) and
    the filtered, ordered members as a ``MemberList`` to paginate.

    Filters that were not understood are dropped and named in
    ``filterset.notices``; the rest still apply. Among the other role (the
    default) only candidates are listed: members I share a spoken language with,
    ranked in the database by ``matching.sql.ranked``. With "Everyone" or my own role
    there is no score to sort by, so "Best match" falls back to the newest.
    Members are counted exactly up to ``DIRECTORY_COUNT_BOUND`` or to the page
    asked for, whichever is further.
    """
    base = visibility.findable_by(viewer)
    filterset = MemberFilter(params, queryset=base, viewer=viewer)
    if not filterset.is_valid():
        ignored = filterset.ignored_labels()
        understood = filterset.data.copy()
        for name in filterset.form.errors:
            understood.pop(name, None)
        notices = filterset.notices
        filterset = MemberFilter(understood, queryset=base, viewer=viewer)
        filterset.notices = [
            *notices,
            gettext("Some filters were not understood and were ignored: %(names)s.")
            % {"names": ", ".join(ignored)},
        ]
    sort = filterset.sort_value
    rank = filterset.role_value == other_role(viewer.role)
    if not rank and sort == SORT_SCORE:
        sort = SORT_NEWEST
        filterset.notices.append(
            gettext(
                "Match scores are only worked out for members you could be "
                "matched with, so these members are shown newest first."
            )
        )

    found = filterset.qs
    ordered = found
    if rank:
        found = sql.candidates(viewer, found)
        ordered = sql.scored(viewer, found)
    if sort == SORT_NEWEST:
        ordered = ordered.order_by("-created_at", "-pk")
    elif sort == SORT_ACTIVE:
        ordered = ordered.order_by(F("last_active_at").desc(nulls_last=True), "-pk")
    bound = max(DIRECTORY_COUNT_BOUND, _requested_page(params) * per_page)
    return filterset, MemberList(found, ordered, bound=bound)


def member_profile_for(*, viewer: Profile, pk: int) -> Profile | None:
    """The profile page of member ``pk`` (or my own), loaded for the page, if
    ``viewer`` may see them (``visibility``); None otherwise, and the
    view answers 404 without saying why."""
    queryset = reads.prefetch_for_explain(Profile.objects.all()).select_related(
        "partner_organisation"
    )
    return visibility.visible_member(viewer=viewer, pk=pk, queryset=queryset)
