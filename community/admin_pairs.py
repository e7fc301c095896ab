"""Wagtail admin: the pairs that need a coordinator now, with the reasons
(community/pair_flags.py). For coordinators (community/wagtail_hooks.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community.coordinators import CoordinatorOnlyMixin, CoordinatorViewSet
from community.selectors_pairs import flagged_pairs


class FlaggedPairsView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/flagged_pairs.html"
    page_title = _("Pairs to follow up")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "flagged": flagged_pairs(scope=self.scope)
        }


class FlaggedPairsViewSet(CoordinatorViewSet):
    name = "community_flagged_pairs"
    url_prefix = "community/flagged-pairs"
    icon = "warning"
    menu_icon = "warning"
    menu_label = _("Pairs to follow up")

    def get_urlpatterns(self):
        return [path("", FlaggedPairsView.as_view(), name="index")]
