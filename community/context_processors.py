"""Header notices for signed-in members: requests waiting for my answer and
answers to my requests I have not seen yet."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _notices(request: HttpRequest) -> dict[str, int]:
    from community.selectors import member_notice_counts

    return member_notice_counts(user=request.user)


def member_notices(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"member_notices": SimpleLazyObject(lambda: _notices(request))}
