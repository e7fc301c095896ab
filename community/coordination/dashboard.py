"""Wagtail admin: the coordinators' dashboard, the first page of the Community
menu. What needs doing now (pairs to follow up, overdue check-ins, open
reports) and how the programme is going (members, requests, pairs, and charts
of new members, new matches, satisfaction and event attendance), each number
limited to the coordinator's programmes (community/selectors/dashboard.py).
A short panel on the admin's home page (``dashboard_panel_add``, a
``construct_homepage_panels`` hook) says what waits and links here."""

from django.conf import settings
from django.urls import path
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community.coordination.access import (
    CoordinatorOnlyMixin,
    CoordinatorViewSet,
    coordinator_scope,
)
from community.coordination.charts import Point, bar_chart, column_chart
from community.coordination.scope import Scope
from community.selectors.approvals import approval_waiting_summary
from community.selectors.dashboard import (
    Dashboard,
    coordinator_attention,
    coordinator_dashboard,
)

FLAGGED_SHOWN = 8

SATISFACTION_WORDS = {
    1: _("very unhappy"),
    2: _("unhappy"),
    3: _("so-so"),
    4: _("happy"),
    5: _("very happy"),
}


def _month_points(counts) -> list[Point]:
    """Columns for months: "Mar" under each, the year under each January and
    under the first; the full month and year in the table."""
    points = []

    def starts_year(number: int) -> bool:
        # The first column has its year too, unless January is right next to it.
        return number == 0 and counts[0][0].month != 12

    for number, (month, count) in enumerate(counts):
        points.append(
            Point(
                label=formats.date_format(month, "YEAR_MONTH_FORMAT"),
                value=count,
                short=formats.date_format(month, "M"),
                sub=str(month.year) if month.month == 1 or starts_year(number) else "",
            )
        )
    return points


def dashboard_charts(dashboard: Dashboard) -> list[dict]:
    """The dashboard's four charts: geometry (community/coordination/charts.py)
    and the words around it, for templates/community/admin/chart.html."""
    satisfaction = [
        Point(
            label=f"{score} – {SATISFACTION_WORDS[score]}",
            value=count,
            short=str(score),
            sub=str(SATISFACTION_WORDS[score]),
        )
        for score, count in dashboard.satisfaction
    ]
    events = []
    for row in dashboard.events:
        when = formats.date_format(row.event.start, "SHORT_DATE_FORMAT")
        if row.upcoming:
            when = gettext("%(date)s, upcoming") % {"date": when}
        events.append(
            Point(
                label=f"{row.event.title} ({when})",
                value=row.people,
                short=row.event.title,
                sub=when,
                note=gettext("upcoming") if row.upcoming else "",
            )
        )
    return [
        {
            "key": "members",
            "title": gettext("New members per month"),
            "summary": gettext("Members who joined in each of the last 12 months."),
            "column": gettext("Month"),
            "unit": gettext("New members"),
            "chart": column_chart(_month_points(dashboard.new_members)),
        },
        {
            "key": "matches",
            "title": gettext("New matches per month"),
            "summary": gettext("Pairs matched in each of the last 12 months."),
            "column": gettext("Month"),
            "unit": gettext("New matches"),
            "chart": column_chart(_month_points(dashboard.new_matches)),
        },
        {
            "key": "satisfaction",
            "title": gettext("How satisfied members are"),
            "summary": gettext(
                "Answers to “How satisfied are you?” in all check-ins, from 1 "
                "(very unhappy) to 5 (very happy)."
            ),
            "column": gettext("Satisfaction"),
            "unit": gettext("Answers"),
            "chart": column_chart(satisfaction, label_chars=14),
        },
        {
            "key": "events",
            "title": gettext("Event attendance"),
            "summary": gettext(
                "People signed up and confirmed for the latest events (a family "
                "counts as everyone coming)."
            ),
            "column": gettext("Event"),
            "unit": gettext("People"),
            "chart": bar_chart(events),
        },
    ]


class DashboardView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/dashboard.html"
    page_title = _("Dashboard")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        dashboard = coordinator_dashboard(scope=self.scope)
        return super().get_context_data(**kwargs) | {
            "dashboard": dashboard,
            "flagged_shown": dashboard.flagged[:FLAGGED_SHOWN],
            "flagged_more": max(len(dashboard.flagged) - FLAGGED_SHOWN, 0),
            "charts": dashboard_charts(dashboard),
            "whole_site": self.scope.everything,
            "overdue_days": settings.VELKOMST_CHECKIN_OVERDUE_DAYS,
            "approvals": approval_waiting_summary(scope=self.scope),
        }


class DashboardViewSet(CoordinatorViewSet):
    name = "community_dashboard"
    url_prefix = "community/dashboard"
    icon = "site"
    menu_label = _("Dashboard")

    def get_urlpatterns(self):
        return [path("", DashboardView.as_view(), name="index")]


class DashboardPanel(Component):
    """On the admin's home page, for coordinators: what waits for them."""

    name = "coordinator_dashboard"
    template_name = "community/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, scope: Scope):
        self.scope = scope

    def get_context_data(self, parent_context=None):
        return {
            "attention": coordinator_attention(scope=self.scope),
            "approvals": approval_waiting_summary(scope=self.scope),
        }


def dashboard_panel_add(request, panels) -> None:
    """The ``construct_homepage_panels`` hook (community/wagtail_hooks.py)."""
    scope = coordinator_scope(request.user)
    if scope is not None:
        panels.append(DashboardPanel(scope))
