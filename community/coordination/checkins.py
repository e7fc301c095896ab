"""Wagtail admin: the members' check-in answers, read-only; each coordinator
sees the check-ins of their programmes' pairs."""

from django.utils.translation import gettext_lazy as _

from community.coordination.access import ScopedModelViewSet
from community.models import CheckIn


class CheckInViewSet(ScopedModelViewSet):
    """The members' check-in answers; coordinators may only read them."""

    model = CheckIn
    scope_paths = ("match__host", "match__newcomer")
    list_select_related = ("match__host", "match__newcomer", "profile")
    name = "checkins"
    icon = "tick"
    menu_label = _("Check-ins")
    list_display = [
        "match",
        "profile",
        "number",
        "answered_at",
        "have_met",
        "satisfaction",
        "wish",
    ]
    list_filter = ["number", "wish", "satisfaction"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "match",
        "profile",
        "number",
        "due_at",
        "asked_at",
        "answered_at",
        "have_met",
        "satisfaction",
        "wish",
        "note",
    ]
    form_fields = ["note"]  # never shown: coordinators may only look
