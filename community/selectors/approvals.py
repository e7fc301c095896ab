"""Reads for coordinator approval (community/models/approvals.py): whom a
waiting member will hear from, and the coordinators' queue, each limited to
the coordinator's scope (community/coordination/scope.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Prefetch
from django.utils import timezone
from wagtail.models import Page, Site

from cms_pages.languages import in_reader_language, source_pages
from cms_pages.models import ActivityIdeaIndexPage, EventIndexPage, SiteDetails
from community.coordination.scope import Scope
from community.models import (
    ApprovalStatus,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
)


@dataclass(frozen=True)
class ApprovalContact:
    """Who will contact a waiting member: their programme's contact person (or
    its coordinators), else the site's contact person. Any part may be empty."""

    programme: str
    names: list[str]
    email: str


def _site_details() -> SiteDetails | None:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteDetails.for_site(site) if site is not None else None


def _site_contact() -> tuple[list[str], str]:
    details = _site_details()
    if details is None:
        return [], ""
    person = details.contact_person
    if person is not None:
        return [person.name], person.email or details.email
    return [], details.email


def approval_contact(profile: Profile) -> ApprovalContact:
    """Whom ``profile`` waits for (or, declined, may write to). A few queries."""
    programme = profile.programme
    names: list[str] = []
    email = ""
    if programme is not None:
        email = programme.contact_email
        if programme.contact_name:
            names = [programme.contact_name]
        elif programme.coordinator_group_id:
            names = [
                name
                for user in programme.coordinator_group.user_set.filter(
                    is_active=True
                ).order_by("first_name", "last_name")
                if (name := user.get_full_name())
            ]
    if not names and not email:
        names, email = _site_contact()
    return ApprovalContact(
        programme=programme.name if programme else "", names=names, email=email
    )


@dataclass(frozen=True)
class Meanwhile:
    """What a waiting member can read and do before a coordinator calls: the
    events and activity ideas (pages in the reader's language, or None), and
    the welcome manual's address."""

    events: Page | None
    ideas: Page | None
    manual_url: str


def _index_page(model) -> Page | None:
    page = source_pages(model.objects.live().public()).order_by("path").first()
    return in_reader_language([page])[0] if page is not None else None


def approval_meanwhile() -> Meanwhile:
    """A few queries."""
    details = _site_details()
    manual = details.welcome_manual if details is not None else None
    return Meanwhile(
        events=_index_page(EventIndexPage),
        ideas=_index_page(ActivityIdeaIndexPage),
        manual_url=manual.url if manual is not None else "",
    )


# --- The coordinators' queue -----------------------------------------------------


def _waiting(scope: Scope):
    return Profile.objects.filter(
        scope.members(""), approval=ApprovalStatus.WAITING, is_deleted=False
    )


def _with_everything(queryset):
    """A member as the queue shows them: programme, municipality and every tag
    facet (with the tags), in five queries whatever their number."""
    return queryset.select_related("programme", "municipality").prefetch_related(
        Prefetch(
            "language_items",
            ProfileLanguage.objects.select_related("tag").order_by("tag__name"),
        ),
        Prefetch(
            "interest_items",
            ProfileInterest.objects.select_related("tag").order_by("tag__name"),
        ),
        Prefetch(
            "profession_items",
            ProfileProfession.objects.select_related("tag").order_by("tag__name"),
        ),
        Prefetch(
            "hope_items",
            ProfileHope.objects.select_related("tag").order_by("tag__name"),
        ),
    )


def approval_queue(*, scope: Scope) -> list[Profile]:
    """The members in ``scope`` waiting for a coordinator, longest waiting
    first, each with what the queue shows of them."""
    return list(
        _with_everything(_waiting(scope)).order_by("approval_waiting_since", "pk")
    )


def approval_member(*, scope: Scope, pk: int) -> Profile | None:
    """Member ``pk`` if in ``scope`` and ever asked to wait (waiting, or
    decided by a coordinator), with what the queue shows; else None (the
    caller answers 404)."""
    return _with_everything(
        Profile.objects.filter(
            scope.members(""),
            pk=pk,
            is_deleted=False,
            approval__in=[
                ApprovalStatus.WAITING,
                ApprovalStatus.APPROVED,
                ApprovalStatus.DECLINED,
            ],
        ).select_related("approval_decided_by")
    ).first()


def approval_recently_decided(
    *, scope: Scope, limit: int = 10, now: datetime | None = None
) -> list[Profile]:
    """The latest decisions coordinators took on members in ``scope`` in the
    last 60 days (not the approvals the migration made), newest first."""
    now = now or timezone.now()
    return list(
        Profile.objects.filter(
            scope.members(""),
            is_deleted=False,
            approval__in=[ApprovalStatus.APPROVED, ApprovalStatus.DECLINED],
            approval_decided_by__isnull=False,
            approval_decided_at__gte=now - timedelta(days=60),
        )
        .select_related("programme", "approval_decided_by")
        .order_by("-approval_decided_at")[:limit]
    )


@dataclass(frozen=True)
class WaitingSummary:
    """How many members in a scope wait for approval, and since when the one
    who has waited longest."""

    count: int
    oldest_since: datetime | None
    now: datetime

    @property
    def longest_days(self) -> int:
        if self.oldest_since is None:
            return 0
        return max((self.now - self.oldest_since).days, 0)


def approval_waiting_summary(
    *, scope: Scope, now: datetime | None = None
) -> WaitingSummary:
    """One query."""
    row = _waiting(scope).aggregate(
        count=Count("pk"), oldest=Min("approval_waiting_since")
    )
    return WaitingSummary(
        count=row["count"], oldest_since=row["oldest"], now=now or timezone.now()
    )
