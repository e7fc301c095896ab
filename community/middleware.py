"""Remember when a member was last active (for "recently active" sorting), at most
one write per member every few minutes."""

from django.core.cache import cache
from django.utils import timezone

from community.models import Profile

ACTIVITY_WRITE_INTERVAL = 300  # seconds


class MemberActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            key = f"member-active:{user.pk}"
            if cache.add(key, 1, ACTIVITY_WRITE_INTERVAL):
                Profile.objects.filter(user_id=user.pk).update(
                    last_active_at=timezone.now()
                )
        return response
