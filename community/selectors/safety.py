"""Reads for blocking: whom I blocked, and what a block would change. Who may
see whom, blocks included, is the rule of ``visibility``."""

from community.models import Block, MatchRequest, Profile
from community.selectors import visibility
from community.selectors.matches import active_match_between


def hidden_profile_ids(*, profile: Profile) -> set[int]:
    """Ids of the members ``profile`` must not see because of a block, either
    way (``visibility.blocked_ids``). One query."""
    return visibility.blocked_ids(profile)


def block_consequences(*, blocker: Profile, other: Profile) -> dict:
    """What blocking ``other`` would change, for the confirmation page:
    ``active_match`` (ended by the block) and ``pending_request`` (cancelled).
    Only asked about members ``blocker`` may see, so never one they blocked."""
    low, high = sorted([blocker.pk, other.pk])
    return {
        "active_match": active_match_between(profile=blocker, other=other),
        "pending_request": MatchRequest.objects.filter(
            pair_low=low, pair_high=high, status=MatchRequest.Status.PENDING
        ).first(),
    }


def blocks_made_by(*, profile: Profile) -> list[Block]:
    """The members I blocked, most recent first."""
    return list(
        Block.objects.filter(blocker=profile)
        .select_related("blocked")
        .order_by("-created_at")
    )
