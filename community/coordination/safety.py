"""Wagtail admin: the members' reports, for coordinators to read and mark
handled (with a note); each coordinator sees the reports their programmes'
members made or are named in."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from community.coordination.access import ScopedModelViewSet
from community.models import Report


class ReportViewSet(ScopedModelViewSet):
    model = Report
    scope_paths = ("reporter", "reported")
    list_select_related = ("reporter", "reported")
    name = "member_reports"
    icon = "warning"
    menu_label = _("Member reports")
    list_display = [
        "reporter",
        "reported",
        Column("created_at", label=_("Reported"), sort_key="created_at"),
        "handled",
    ]
    list_filter = ["handled"]
    search_fields = ["reason", "coordinator_note"]
    panels = [
        FieldPanel("reporter", read_only=True),
        FieldPanel("reported", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("quoted_message", read_only=True),
        FieldPanel("handled"),
        FieldPanel("coordinator_note"),
    ]
