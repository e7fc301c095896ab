"""My best matches (``/members/suggested/``), worked out ahead like "people you
may know" on large sites, and checked on every visit.

Ranking every candidate of the other role costs tens of milliseconds over
100,000 members, so it is done once and stored (``MemberSuggestions``): the
best ``SHORTLIST`` candidates by the directory's own ranking, plus as many as
are hidden from the member at the time (blocked, matched, asked), so that they
come back when that ends. A visit ranks again, exactly and in the database,
only the shortlist and the members who joined (or were approved by a
coordinator, community/services/approvals.py) since, dropping anyone the member
may not be suggested now (paused, gone, blocked either way, matched or asked,
in another match pool, no longer sharing a language): a few milliseconds, and
every score and reason shown is current.

The shortlist is worked out again:
- on the visit, when it is missing, when the member changed anything the
  ranking uses (``suggestions_basis``: role, pool, age group, household,
  children, municipality, tags, the weights), when it is older than
  ``MAX_AGE``, or when too few of it are left to fill the page;
- by the ``suggestions-refresh`` job (community/jobs.py), for members active
  lately, once it is older than ``REFRESH_AFTER``, so they rarely wait for it.

What a stored shortlist can miss until then: members already known whose score
rose since (they changed their profile, a host got a free place again) and
members who became available again. Nobody is ever shown who should not be.
"""

import hashlib
from dataclasses import astuple
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from community.matching import reads
from community.matching.score import Weights
from community.models import MemberSuggestions, Profile
from community.selectors.suggestions import (
    suggested_profiles,
    suggestion_hidden_count,
    suggestion_ranking,
)
from community.services.claims import claim_each
from config.prepared import PreparedRead

SHORTLIST = 60
SHORTLIST_MAX = 200
SHOWN = 20
MAX_AGE = timedelta(
    seconds=getattr(settings, "VELKOMST_SUGGESTIONS_MAX_AGE", 12 * 60 * 60)
)
REFRESH_AFTER = MAX_AGE / 2
ACTIVE_WITHIN = timedelta(days=14)
REFRESH_BATCH = 500


def suggestions_basis(profile: Profile) -> str:
    """A fingerprint of what ranking ``profile``'s candidates depends on (tags
    loaded, see ``matching.reads.tags_of``). Their own free places are left out: for a
    host they add the same to every score, so the order stays."""
    me = reads.match_profile(profile)
    key = (
        me.role,
        profile.match_pool,
        me.age_group,
        me.household,
        sorted(me.children),
        me.municipality_id,
        *(
            sorted(ids)
            for ids in (me.spoken, me.learning, me.professions, me.interests, me.hopes)
        ),
        astuple(Weights.from_settings()),
    )
    return hashlib.sha256(repr(key).encode()).hexdigest()


def member_suggestions_compute(*, profile: Profile) -> MemberSuggestions:
    """Rank all of ``profile``'s candidates now and store the best (replacing
    what was stored). Safe to run twice at once: the last one stays."""
    profile = reads.viewer_with_tags(profile)
    hidden = suggestion_hidden_count(viewer=profile)
    size = min(SHORTLIST + hidden, SHORTLIST_MAX)
    ranking = suggestion_ranking(viewer=profile, count=size + 1)
    stored = MemberSuggestions(
        profile=profile,
        candidates=ranking[:size],
        has_more=len(ranking) > size,
        basis=suggestions_basis(profile),
        computed_at=timezone.now(),
    )
    MemberSuggestions.objects.bulk_create(
        [stored],
        update_conflicts=True,
        unique_fields=["profile"],
        update_fields=["candidates", "has_more", "basis", "computed_at"],
    )
    return stored


# Read on every visit of /members/suggested/: compiled once (config.prepared).
_STORED = PreparedRead(
    lambda pk: MemberSuggestions.objects.filter(profile_id=pk), stand_in=-7_654_321
)


def _current(profile: Profile) -> tuple[MemberSuggestions, bool]:
    """The stored shortlist if still good, else a new one; and whether it was
    made just now."""
    stored = _STORED.first(profile.pk)
    if (
        stored is None
        or stored.basis != suggestions_basis(profile)
        or stored.computed_at < timezone.now() - MAX_AGE
    ):
        return member_suggestions_compute(profile=profile), True
    return stored, False


def member_suggestions_get(*, profile: Profile, limit: int = SHOWN) -> list[Profile]:
    """My best ``limit`` matches for ``/members/suggested/``, best first, with
    their tags for ``matching.reads.explain`` (``profile`` with its tags, see
    ``matching.reads.viewer_with_tags``). Works out and stores the shortlist first if
    it is missing or stale (see the module's docstring)."""
    stored, fresh = _current(profile)
    members = _shown(profile, stored, limit)
    if len(members) < limit and stored.has_more and not fresh:
        # Too many of the shortlist are hidden or gone by now.
        members = _shown(profile, member_suggestions_compute(profile=profile), limit)
    return members


def _shown(profile: Profile, stored: MemberSuggestions, limit: int) -> list[Profile]:
    return suggested_profiles(
        viewer=profile,
        shortlist=stored.candidate_ids,
        since=stored.computed_at,
        limit=limit,
    )


def member_suggestions_refresh() -> int:
    """The scheduled job: work out again the shortlists older than
    ``REFRESH_AFTER`` of members active within ``ACTIVE_WITHIN`` (at most
    ``REFRESH_BATCH`` a run, oldest first), and drop those of everyone else once
    stale (their next visit works theirs out). Returns how many it refreshed."""
    now = timezone.now()
    due = MemberSuggestions.objects.filter(
        computed_at__lt=now - REFRESH_AFTER,
        profile__last_active_at__gte=now - ACTIVE_WITHIN,
    )
    batch = list(
        due.order_by("computed_at").values_list("pk", flat=True)[:REFRESH_BATCH]
    )
    done = claim_each(due.filter(pk__in=batch), _refresh)
    with transaction.atomic():
        MemberSuggestions.objects.filter(computed_at__lt=now - MAX_AGE).exclude(
            profile__last_active_at__gte=now - ACTIVE_WITHIN
        ).delete()
    return done


def _refresh(stored: MemberSuggestions) -> bool:
    profile = Profile.objects.get(pk=stored.pk)
    if profile.is_deleted or not profile.is_listed:
        stored.delete()
        return False
    member_suggestions_compute(profile=profile)
    return True
