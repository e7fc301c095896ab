"""What a coordinator may see, as a value the reads filter by.

Two kinds of coordinator: superusers and members of the "Coordinators" group
see the whole site; members of a programme's own group (``Programme.
coordinator_group``) see only that programme's members, and the requests,
pairs, check-ins, reports and sign-ups they are part of. ``Scope`` says which
(``community.coordination.access.coordinator_scope`` works it out for a user).
Selectors import it, so this module imports nothing but Django and the models."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from community.models import Programme


@dataclass(frozen=True)
class Scope:
    """What a coordinator sees: every member (``programme_ids`` None) or the
    members of these programmes."""

    programme_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        return self.programme_ids is None

    def members(self, *paths: str) -> Q:
        """A filter on rows whose profile at any of ``paths`` (e.g. ``"host"``,
        ``"newcomer"``; ``""`` for profiles themselves) is in scope."""
        if self.programme_ids is None:
            return Q()
        condition = Q(pk__in=[])
        for path in paths or ("",):
            prefix = f"{path}__" if path else ""
            condition |= Q(**{f"{prefix}programme_id__in": self.programme_ids})
        return condition

    def rows(self, model, paths: tuple[str, ...]) -> Q:
        """A filter on ``model``'s rows in scope: programmes themselves, or rows
        whose profiles at ``paths`` are in scope."""
        if model is Programme:
            return Q() if self.everything else Q(pk__in=self.programme_ids)
        return self.members(*paths)

    def covers(self, profile) -> bool:
        return self.everything or profile.programme_id in self.programme_ids
