"""Who is a coordinator, and the pieces the coordinators' admin views share."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from community.services.safety import COORDINATORS_GROUP


def is_coordinator(user) -> bool:
    """Superusers and members of the "Coordinators" group (cached per request)."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_velkomst_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name=COORDINATORS_GROUP).exists()
        user._velkomst_is_coordinator = cached
    return cached


class CoordinatorOnlyMixin:
    """For admin views: anyone but a coordinator gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


class CoordinatorViewSet(ViewSet):
    """A plain admin view set whose menu item only coordinators see."""

    menu_item_class = CoordinatorMenuItem
