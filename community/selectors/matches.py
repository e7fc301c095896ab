"""Reads for matches: mine, one of mine, and the active match between two."""

from django.db.models import Case, Q, When

from community.models import Match, Profile


def _with_other(matches, profile: Profile) -> list[Match]:
    rows = list(matches)
    for match in rows:
        match.other_member = match.other(profile)
        match.ended_by_me = match.ended_by_id == profile.pk
    return rows


def matches_for(*, profile: Profile) -> list[Match]:
    """My matches, active ones first, then ended ones, newest first; each with
    ``other_member`` (the other Profile) and ``ended_by_me``. One query."""
    return _with_other(
        Match.objects.filter(Q(host=profile) | Q(newcomer=profile))
        .select_related("host__municipality", "newcomer__municipality")
        .order_by(
            Case(When(status=Match.Status.ACTIVE, then=0), default=1),
            "-created_at",
        ),
        profile,
    )


def match_for(*, profile: Profile, pk: int) -> Match | None:
    """One of my matches, or None if it is not mine (or does not exist)."""
    rows = _with_other(
        Match.objects.filter(
            Q(host=profile) | Q(newcomer=profile), pk=pk
        ).select_related("host__municipality", "newcomer__municipality"),
        profile,
    )
    return rows[0] if rows else None


def active_match_between(*, profile: Profile, other: Profile) -> Match | None:
    return Match.objects.filter(
        Q(host=profile, newcomer=other) | Q(host=other, newcomer=profile),
        status=Match.Status.ACTIVE,
    ).first()
