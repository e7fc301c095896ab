"""Reads for announcements: who a segment reaches, which announcements a
coordinator sees, and an announcement's log.

Every reader takes the coordinator's ``Scope`` (community/coordination/scope.py), so
a programme coordinator counts, lists and reads only their own programmes."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from community.models import (
    Announcement,
    AnnouncementDelivery,
    EventSignup,
    Household,
    Profile,
    Role,
)

if TYPE_CHECKING:
    from community.coordination.scope import Scope

SAMPLE_SIZE = 8


def reachable_members() -> QuerySet[Profile]:
    """Members an announcement may go to at all: not deleted, an active account
    with a verified address, and announcements not switched off."""
    verified = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"),
        email__iexact=OuterRef("user__email"),
        verified=True,
    )
    return (
        Profile.objects.filter(
            is_deleted=False, user__is_active=True, announcement_emails=True
        )
        .exclude(user__email="")
        .filter(Exists(verified))
    )


def segment_filter(announcement: Announcement, *, today=None) -> Q:
    """The announcement's segment as a filter on profiles (its filters ANDed)."""
    condition = Q()
    if announcement.role:
        condition &= Q(role=announcement.role)
    if announcement.programme_id:
        condition &= Q(programme_id=announcement.programme_id)
    if announcement.municipality_id:
        condition &= Q(municipality_id=announcement.municipality_id)
    if announcement.region:
        condition &= Q(municipality__region=announcement.region)
    if announcement.arrived_within_days:
        today = today or timezone.localdate()
        condition &= Q(
            role=Role.NEWCOMER,
            arrival_date__gte=today - timedelta(days=announcement.arrived_within_days),
            arrival_date__lte=today,
        )
    if announcement.families_only:
        condition &= (
            Q(household=Household.FAMILY)
            | Q(children_0_5=True)
            | Q(children_6_12=True)
            | Q(children_13_17=True)
        )
    if announcement.event_title and not announcement.event_id:
        return Q(pk__in=[])  # the event page was deleted, and its sign-ups
    if announcement.event_id:
        statuses = (
            [announcement.event_status]
            if announcement.event_status
            else [EventSignup.Status.CONFIRMED, EventSignup.Status.WAITING]
        )
        condition &= Q(
            Exists(
                EventSignup.objects.filter(
                    profile_id=OuterRef("pk"),
                    event_id=announcement.event_id,
                    status__in=statuses,
                )
            )
        )
    return condition


def announcement_recipients(
    *, announcement: Announcement, scope: Scope | None = None
) -> QuerySet[Profile]:
    """Who the announcement goes to now. ``scope`` narrows it to a coordinator's
    programmes (a programme coordinator's announcements name one of theirs, so
    this is a second lock on the same door)."""
    members = reachable_members().filter(segment_filter(announcement))
    if scope is not None:
        members = members.filter(scope.members(""))
    return members


def announcement_recipient_count(
    *, announcement: Announcement, scope: Scope | None = None
) -> int:
    return announcement_recipients(announcement=announcement, scope=scope).count()


def announcement_recipient_sample(
    *, announcement: Announcement, scope: Scope | None = None, size: int = SAMPLE_SIZE
) -> list[Profile]:
    return list(
        announcement_recipients(announcement=announcement, scope=scope)
        .select_related("municipality", "programme")
        .order_by("display_name", "pk")[:size]
    )


def announcements_visible(*, scope: Scope) -> QuerySet[Announcement]:
    """The announcements a coordinator sees, newest first: all of them for the
    whole site, their programmes' for a programme coordinator."""
    announcements = Announcement.objects.select_related(
        "programme", "municipality", "event", "created_by"
    ).annotate(
        delivered=Count(
            "deliveries", filter=Q(deliveries__status=AnnouncementDelivery.Status.SENT)
        )
    )
    if not scope.everything:
        announcements = announcements.filter(programme_id__in=scope.programme_ids)
    return announcements.order_by("-created_at", "-pk")


def announcement_for_coordinator(
    *, scope: Scope, announcement_id: int
) -> Announcement | None:
    return announcements_visible(scope=scope).filter(pk=announcement_id).first()


def announcement_deliveries(
    *, announcement: Announcement
) -> QuerySet[AnnouncementDelivery]:
    """The log: one row per member it was (or is to be) sent to."""
    return (
        AnnouncementDelivery.objects.filter(announcement=announcement)
        .select_related("profile")
        .order_by("sent_at", "pk")
    )


def announcement_progress(*, announcement: Announcement) -> dict[str, int]:
    counts = dict(
        AnnouncementDelivery.objects.filter(announcement=announcement)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        status.value: counts.get(status.value, 0)
        for status in AnnouncementDelivery.Status
    }
