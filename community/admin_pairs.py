"""Wagtail admin: the pairs that need a coordinator now, with the reasons
(community/pair_flags.py). For coordinators (community/wagtail_hooks.py)."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from community.selectors_pairs import flagged_pairs


class FlaggedPairsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/flagged_pairs.html"
    page_title = _("Pairs to follow up")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        from community.wagtail_hooks import is_coordinator

        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"flagged": flagged_pairs()}


class FlaggedPairsViewSet(ViewSet):
    name = "community_flagged_pairs"
    url_prefix = "community/flagged-pairs"
    icon = "warning"
    menu_icon = "warning"
    menu_label = _("Pairs to follow up")

    def get_urlpatterns(self):
        return [path("", FlaggedPairsView.as_view(), name="index")]

    @property
    def menu_item_class(self):
        from community.wagtail_hooks import is_coordinator

        class CoordinatorMenuItem(MenuItem):
            def is_shown(self, request):
                return is_coordinator(request.user)

        return CoordinatorMenuItem
