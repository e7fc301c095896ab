"""Reads: what a member may see, in as few queries as possible."""

from django.db.models import Count, Q

from community.models import MatchRequest, Profile


def profile_for_user(user) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.filter(user=user).select_related("municipality").first()


def member_notice_counts(*, user) -> dict[str, int]:
    """``pending``: requests waiting for my answer; ``answers``: answers to my
    requests I have not seen. One query."""
    counts = MatchRequest.objects.filter(
        Q(recipient__user=user, status=MatchRequest.Status.PENDING)
        | Q(sender__user=user, sender_seen_at=None)
        & ~Q(status=MatchRequest.Status.PENDING)
    ).aggregate(
        pending=Count("pk", filter=Q(recipient__user=user, status="pending")),
        answers=Count("pk", filter=Q(sender__user=user) & ~Q(status="pending")),
    )
    counts["total"] = counts["pending"] + counts["answers"]
    return counts
