"""Wagtail admin: the matches, read-only; each coordinator sees the matches of
their programmes' members (community/coordination/pairs.py follows them up)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from community.coordination.access import ScopedModelViewSet
from community.models import Match


class MatchViewSet(ScopedModelViewSet):
    model = Match
    scope_paths = ("host", "newcomer")
    list_select_related = ("host", "newcomer")
    name = "matches"
    icon = "link"
    menu_label = _("Matches")
    list_display = [
        "host",
        "newcomer",
        "status",
        Column("created_at", label=_("Started"), sort_key="created_at"),
        "ended_at",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "host",
        "newcomer",
        "status",
        "created_at",
        "ended_at",
        "ended_by",
        "end_reason",
    ]
    form_fields = ["status"]  # never shown: coordinators may only look
