"""Reads for the coordinators' dashboard (community/coordination/dashboard.py): every
number a coordinator sees at a glance, counted in the database and limited to
their scope (community/coordination/scope.py). ``coordinator_dashboard`` makes a
fixed number of queries, however many members there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from cms_pages.languages import source_pages
from cms_pages.models import EventPage
from community.coordination.scope import Scope
from community.models import (
    CheckIn,
    Match,
    MatchRequest,
    Profile,
    Programme,
    Report,
    Role,
)
from community.pair_flags import Flag
from community.selectors.pairs import flagged_pairs

MONTHS = 12
EVENTS = 8
LATEST = 5  # rows in the short lists (overdue check-ins, open reports)


@dataclass(frozen=True)
class MemberCounts:
    """Members of one programme (``programme`` None: of no programme)."""

    programme: Programme | None
    hosts: int
    newcomers: int
    undecided: int  # signed up, role not chosen yet

    @property
    def total(self) -> int:
        return self.hosts + self.newcomers + self.undecided


@dataclass(frozen=True)
class EventAttendance:
    event: object  # cms_pages.EventPage
    people: int  # confirmed places, a family counting as its party size
    upcoming: bool


@dataclass(frozen=True)
class Dashboard:
    members: list[MemberCounts]
    member_totals: MemberCounts
    pending_requests: int
    active_pairs: int
    flagged: list[tuple[Match, list[Flag]]]
    overdue_checkins: int
    overdue_oldest: list[CheckIn]  # the oldest few, each with ``other``
    open_reports: int
    latest_reports: list[Report]
    new_members: list[tuple[date, int]]  # first day of the month, count
    new_matches: list[tuple[date, int]]
    satisfaction: list[tuple[int, int]]  # score 1–5, answers
    events: list[EventAttendance]


def _months(now: datetime, count: int) -> list[date]:
    """The first days of the last ``count`` months, oldest first, this one last."""
    today = timezone.localdate(now)
    year, month = today.year, today.month
    firsts = []
    for _step in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _per_month(queryset, field: str, months: list[date]) -> list[tuple[date, int]]:
    start = timezone.make_aware(datetime.combine(months[0], datetime.min.time()))
    rows = (
        queryset.filter(**{f"{field}__gte": start})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime):
            month = (
                timezone.localtime(month).date()
                if timezone.is_aware(month)
                else month.date()
            )
        counts[(month.year, month.month)] = row["count"]
    return [(first, counts.get((first.year, first.month), 0)) for first in months]


def _by_role(prefix: str) -> dict[str, Count]:
    """Counts of members still here by role, over the profiles at ``prefix``."""
    here = Q(**{f"{prefix}is_deleted": False})
    return {
        key: Count(
            prefix.rstrip("_") or "pk", filter=here & Q(**{f"{prefix}role": role})
        )
        for key, role in (
            ("hosts", Role.HOST),
            ("newcomers", Role.NEWCOMER),
            ("undecided", ""),
        )
    }


def _members(scope: Scope) -> tuple[list[MemberCounts], MemberCounts]:
    """Members by programme (each programme in scope, even an empty one, and
    for the whole site those of no programme) and role, with the totals."""
    programmes = (
        Programme.objects.filter(scope.rows(Programme, ()))
        .annotate(**_by_role("members__"))
        .order_by("name")
    )
    rows = [MemberCounts(p, p.hosts, p.newcomers, p.undecided) for p in programmes]
    if scope.everything:
        outside = Profile.objects.filter(programme=None).aggregate(**_by_role(""))
        if any(outside.values()):
            rows.append(MemberCounts(None, **outside))
    totals = MemberCounts(
        None,
        hosts=sum(row.hosts for row in rows),
        newcomers=sum(row.newcomers for row in rows),
        undecided=sum(row.undecided for row in rows),
    )
    return rows, totals


def _events(scope: Scope, now: datetime) -> list[EventAttendance]:
    """The latest published events (the last year and the coming two months),
    oldest first, with the places confirmed by members in scope."""
    confirmed = Q(signups__status="confirmed") & scope.members("signups__profile")
    events = list(
        source_pages(EventPage.objects.live())
        .filter(
            start__gte=now - timedelta(days=365), start__lte=now + timedelta(days=60)
        )
        .annotate(
            people=Coalesce(
                Sum("signups__party_size", filter=confirmed),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-start")[:EVENTS]
    )
    return [
        EventAttendance(event, event.people, event.start > now)
        for event in reversed(events)
    ]


def _overdue_checkins(scope: Scope, now: datetime):
    """Check-ins of active pairs waiting for an answer longer than they may
    (the "overdue" rule of community/pair_flags.py)."""
    return CheckIn.objects.filter(
        scope.members("match__host", "match__newcomer"),
        answered_at=None,
        asked_at__lte=now - timedelta(days=settings.VELKOMST_CHECKIN_OVERDUE_DAYS),
        match__status=Match.Status.ACTIVE,
    )


def _open_reports(scope: Scope):
    return Report.objects.filter(scope.members("reporter", "reported"), handled=False)


def _with_other(checkins) -> list[CheckIn]:
    """Each check-in with ``other``: the other member of the pair."""
    checkins = list(checkins)
    for checkin in checkins:
        checkin.other = checkin.match.other(checkin.profile)
    return checkins


def coordinator_dashboard(*, scope: Scope, now: datetime | None = None) -> Dashboard:
    """Everything the dashboard shows, for a coordinator of ``scope``."""
    now = now or timezone.now()
    members, member_totals = _members(scope)
    months = _months(now, MONTHS)

    in_pairs = scope.members("host", "newcomer")
    in_checkin_pairs = scope.members("match__host", "match__newcomer")
    overdue = _overdue_checkins(scope, now)
    reports = _open_reports(scope)
    satisfaction = dict(
        CheckIn.objects.filter(
            in_checkin_pairs, answered_at__isnull=False, satisfaction__isnull=False
        )
        .values_list("satisfaction")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Dashboard(
        members=members,
        member_totals=member_totals,
        pending_requests=MatchRequest.objects.filter(
            scope.members("sender", "recipient"), status=MatchRequest.Status.PENDING
        ).count(),
        active_pairs=Match.objects.filter(in_pairs, status=Match.Status.ACTIVE).count(),
        flagged=flagged_pairs(scope=scope, now=now),
        overdue_checkins=overdue.count(),
        overdue_oldest=_with_other(
            overdue.select_related(
                "profile", "match__host", "match__newcomer"
            ).order_by("asked_at")[:LATEST]
        ),
        open_reports=reports.count(),
        latest_reports=list(
            reports.select_related("reporter", "reported").order_by("-created_at")[
                :LATEST
            ]
        ),
        new_members=_per_month(
            Profile.objects.filter(scope.members("")), "created_at", months
        ),
        new_matches=_per_month(Match.objects.filter(in_pairs), "created_at", months),
        satisfaction=[(score, satisfaction.get(score, 0)) for score in range(1, 6)],
        events=_events(scope, now),
    )


@dataclass(frozen=True)
class Attention:
    """What waits for a coordinator, for the admin's home page."""

    flagged_pairs: int
    overdue_checkins: int
    open_reports: int

    @property
    def anything(self) -> bool:
        return bool(self.flagged_pairs or self.overdue_checkins or self.open_reports)


def coordinator_attention(*, scope: Scope, now: datetime | None = None) -> Attention:
    """The three counts of ``coordinator_dashboard`` that ask for action."""
    now = now or timezone.now()
    return Attention(
        flagged_pairs=len(flagged_pairs(scope=scope, now=now)),
        overdue_checkins=_overdue_checkins(scope, now).count(),
        open_reports=_open_reports(scope).count(),
    )
