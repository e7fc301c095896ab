"""Wagtail admin: the match requests, read-only; each coordinator sees the
requests their programmes' members sent or received."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from community.coordination.access import ScopedModelViewSet
from community.models import MatchRequest


class MatchRequestViewSet(ScopedModelViewSet):
    model = MatchRequest
    scope_paths = ("sender", "recipient")
    list_select_related = ("sender", "recipient")
    name = "match_requests"
    icon = "mail"
    menu_label = _("Requests")
    list_display = [
        "sender",
        "recipient",
        "status",
        Column("created_at", label=_("Sent"), sort_key="created_at"),
        "responded_at",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "sender",
        "recipient",
        "status",
        "message",
        "decline_reason",
        "expectations_version",
        "created_at",
        "responded_at",
    ]
    form_fields = ["status"]  # never shown: coordinators may only look
