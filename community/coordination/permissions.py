"""Who may do what in the Wagtail admin to the community's models.

Only coordinators (members of the "Coordinators" group, or of a programme's
group) and superusers may do anything: each model gets a ``CoordinatorPolicy``
(community/wagtail_hooks.py registers them) that allows exactly the actions
listed, so requests and matches can be looked at, never changed there."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from community.coordination.access import coordinator_scope
from community.services.safety import COORDINATORS_GROUP


class CoordinatorPolicy(BasePermissionPolicy):
    """Coordinators may do ``actions`` on the model; nobody else may do anything.
    With ``site_wide``, only coordinators of the whole site (not those of one
    programme). Which rows each coordinator sees is the views' business
    (``community.coordination.access.ScopedModelViewSet``)."""

    def __init__(
        self,
        model,
        actions: set[str],
        *,
        site_wide: bool = False,
        site_wide_actions: set[str] = frozenset(),
    ):
        super().__init__(model)
        self.actions = frozenset(actions)
        self.site_wide_actions = (
            self.actions if site_wide else frozenset(site_wide_actions)
        )

    def _allowed(self, user, actions) -> bool:
        actions = self.actions.intersection(actions)
        scope = coordinator_scope(user)
        if not actions or scope is None:
            return False
        return scope.everything or bool(actions - self.site_wide_actions)

    def user_has_permission(self, user, action):
        return self._allowed(user, {action})

    def user_has_any_permission(self, user, actions):
        return self._allowed(user, set(actions))

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        actions = self.actions.intersection(actions)
        if not actions:
            return users.none()
        coordinators = Q(is_superuser=True) | Q(groups__name=COORDINATORS_GROUP)
        if actions - self.site_wide_actions:
            coordinators |= Q(groups__programme__isnull=False)
        return users.filter(coordinators).distinct()
