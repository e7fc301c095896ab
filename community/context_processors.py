"""Header notices for signed-in members: requests waiting for my answer,
answers to my requests I have not seen yet, and unread chat messages. Each is
counted only if the page shows it (lazy); static/js/notifications.js keeps them
live afterwards."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _notices(request: HttpRequest) -> dict[str, int]:
    from community.selectors import member_notice_counts

    return member_notice_counts(user=request.user)


def _unread(request: HttpRequest) -> dict[str, int]:
    from community.models import Profile
    from community.selectors_messaging import unread_total

    profile = getattr(request, "profile", None)
    profile_id = (
        profile.pk
        if profile is not None
        else Profile.objects.filter(user_id=request.user.pk)
        .values_list("pk", flat=True)
        .first()
    )
    return {"messages": unread_total(profile_id=profile_id) if profile_id else 0}


def member_notices(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "member_notices": SimpleLazyObject(lambda: _notices(request)),
        "member_unread": SimpleLazyObject(lambda: _unread(request)),
    }
