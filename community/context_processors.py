"""Header badges for signed-in members: requests waiting for my answer,
answers to my requests I have not seen yet, and unread chat messages. Counted
only if the page shows them (lazy), all in one query
(community/selectors/notices.py, whose keys the template reads as
``member_badges.requests`` and ``member_badges.unread_messages``);
static/js/notifications.js keeps them live afterwards."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from community.selectors.members import profile_for_user
from community.selectors.notices import BADGES, header_counts


def _profile_id(request: HttpRequest) -> int | None:
    """The member's profile id: from the view (``request.profile``), else from
    the user, who is loaded with their profile (community/auth_backends.py)."""
    profile = getattr(request, "profile", None) or profile_for_user(request.user)
    return profile.pk if profile is not None else None


def _counts(request: HttpRequest) -> dict[str, int]:
    profile_id = _profile_id(request)
    if profile_id is None:
        return dict.fromkeys(BADGES, 0)
    return header_counts(profile_id=profile_id)


def member_badges(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"member_badges": SimpleLazyObject(lambda: _counts(request))}
