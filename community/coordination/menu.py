"""The "Community" menu of the Wagtail admin: every coordinators' page, in the
order coordinators meet them (community/wagtail_hooks.py registers it)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from community.coordination.announcements import AnnouncementViewSet
from community.coordination.approvals import ApprovalsViewSet
from community.coordination.checkins import CheckInViewSet
from community.coordination.dashboard import DashboardViewSet
from community.coordination.events import EventSignupsViewSet
from community.coordination.matches import MatchViewSet
from community.coordination.pairs import FlaggedPairsViewSet
from community.coordination.programmes import MemberViewSet, ProgrammeViewSet
from community.coordination.requests import MatchRequestViewSet
from community.coordination.safety import ReportViewSet
from community.coordination.tags import TagMergeViewSet, tag_viewset
from community.models import HopeTag, InterestTag, LanguageTag, ProfessionTag


class CommunityAdminGroup(ModelViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        DashboardViewSet,
        ApprovalsViewSet,
        ProgrammeViewSet,
        MemberViewSet,
        ReportViewSet,
        MatchRequestViewSet,
        MatchViewSet,
        FlaggedPairsViewSet,
        CheckInViewSet,
        tag_viewset(LanguageTag, _("Languages")),
        tag_viewset(ProfessionTag, _("Professional backgrounds")),
        tag_viewset(InterestTag, _("Leisure interests")),
        tag_viewset(HopeTag, _("Hopes")),
        TagMergeViewSet,
        EventSignupsViewSet,
        AnnouncementViewSet,
    )
