"""Writes for partner programmes: creating one with its coordinators' group,
handing it over to new coordinators, and members joining or leaving one.

A member's ``match_pool`` follows from their programme (see
``Programme.match_pool``), and whether they wait for a coordinator's approval
from its setting (community/services/approvals.py); these functions keep both
in step."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import Profile, Programme
from community.services.approvals import approvals_follow_programme
from community.services.errors import RuleBroken
from community.services.tags import profile_masks_refresh


def _group_name(programme: Programme) -> str:
    return f"Coordinators: {programme.name}"[:150]


@transaction.atomic
def programme_save(programme: Programme) -> Programme:
    """Store ``programme``, give it its coordinators' group (allowed into the
    Wagtail admin) and bring its members' match pool in step."""
    programme.save()
    group = programme.coordinator_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=_group_name(programme))
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        programme.coordinator_group = group
        programme.save(update_fields=["coordinator_group"])
    elif group.name != _group_name(programme):
        group.name = _group_name(programme)
        group.save(update_fields=["name"])
    Profile.objects.filter(programme=programme).exclude(
        match_pool=programme.match_pool
    ).update(match_pool=programme.match_pool)
    approvals_follow_programme(programme)
    return programme


@transaction.atomic
def programme_coordinators_set(*, programme: Programme, users: Iterable) -> None:
    """Hand ``programme`` to ``users``: they become its coordinators, anyone
    else in its group stops being one. Its members, pairs and answers stay."""
    if programme.coordinator_group is None:
        programme_save(programme)
    programme.coordinator_group.user_set.set(list(users))


@transaction.atomic
def profile_programme_set(*, profile: Profile, programme: Programme | None) -> Profile:
    """``profile`` joins ``programme`` (None: leaves their programme). Existing
    matches go on; new requests follow the new programme's pool; whether they
    wait for a coordinator follows the new programme's setting (see
    services/approvals.py)."""
    if programme is not None and not programme.is_active():
        raise RuleBroken(_("This programme is not running at the moment."))
    profile.programme = programme
    profile.match_pool = programme.match_pool if programme else 0
    Profile.objects.filter(pk=profile.pk).update(
        programme=programme, match_pool=profile.match_pool
    )
    return profile_masks_refresh(profile, reconsider=True)
