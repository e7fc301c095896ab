"""Admin wiring for the community: one "Community" menu for coordinators with
member reports, requests and matches (read-only) and the tag vocabularies
(rename, and merge duplicates).

Only coordinators (members of the "Coordinators" group) and superusers see any
of it: each model gets a ``CoordinatorPolicy`` that allows exactly the actions
listed, so requests and matches can be looked at, never changed here.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from community.admin_announcements import AnnouncementViewSet
from community.admin_dashboard import DashboardViewSet, dashboard_panel_add
from community.admin_events import EventSignupsViewSet
from community.admin_pairs import FlaggedPairsViewSet
from community.admin_programmes import MemberViewSet, ProgrammeViewSet
from community.coordinators import (
    CoordinatorViewSet,
    ScopedModelViewSet,
    SiteCoordinatorMenuItem,
    coordinator_scope,
)
from community.models import (
    CheckIn,
    HopeTag,
    InterestTag,
    LanguageTag,
    Match,
    MatchRequest,
    ProfessionTag,
    Profile,
    Programme,
    Report,
)
from community.services.safety import COORDINATORS_GROUP
from community.services.tags import FACET_MODELS, tags_merge


class CoordinatorPolicy(BasePermissionPolicy):
    """Coordinators may do ``actions`` on the model; nobody else may do anything.
    With ``site_wide``, only coordinators of the whole site (not those of one
    programme). Which rows each coordinator sees is the views' business
    (``community.coordinators.ScopedModelViewSet``)."""

    def __init__(
        self,
        model,
        actions: set[str],
        *,
        site_wide: bool = False,
        site_wide_actions: set[str] = frozenset(),
    ):
        super().__init__(model)
        self.actions = frozenset(actions)
        self.site_wide_actions = (
            self.actions if site_wide else frozenset(site_wide_actions)
        )

    def _allowed(self, user, actions) -> bool:
        actions = self.actions.intersection(actions)
        scope = coordinator_scope(user)
        if not actions or scope is None:
            return False
        return scope.everything or bool(actions - self.site_wide_actions)

    def user_has_permission(self, user, action):
        return self._allowed(user, {action})

    def user_has_any_permission(self, user, actions):
        return self._allowed(user, set(actions))

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        actions = self.actions.intersection(actions)
        if not actions:
            return users.none()
        coordinators = Q(is_superuser=True) | Q(groups__name=COORDINATORS_GROUP)
        if actions - self.site_wide_actions:
            coordinators |= Q(groups__programme__isnull=False)
        return users.filter(coordinators).distinct()


TAG_MODELS = (LanguageTag, ProfessionTag, InterestTag, HopeTag)

# Registered before any viewset asks, so Wagtail never makes a fallback policy.
register_permission_policy(Report, CoordinatorPolicy(Report, {"change"}))
register_permission_policy(MatchRequest, CoordinatorPolicy(MatchRequest, {"view"}))
register_permission_policy(Match, CoordinatorPolicy(Match, {"view"}))
register_permission_policy(CheckIn, CoordinatorPolicy(CheckIn, {"view"}))
register_permission_policy(Profile, CoordinatorPolicy(Profile, {"view"}))
# Programme coordinators edit their own programme; only coordinators of the
# whole site start new ones. Nobody deletes one: it ends (``active_to``).
register_permission_policy(
    Programme,
    CoordinatorPolicy(Programme, {"view", "change", "add"}, site_wide_actions={"add"}),
)
for _tag_model in TAG_MODELS:
    # Renaming only: new tags get a ranking bit from the services, and deleting
    # one would leave members' bitmasks stale (merge instead).
    register_permission_policy(
        _tag_model, CoordinatorPolicy(_tag_model, {"change"}, site_wide=True)
    )


# --- Reports, requests, matches ---------------------------------------------------


class ReportViewSet(ScopedModelViewSet):
    model = Report
    scope_paths = ("reporter", "reported")
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
    copy_view_enabled = False
    panels = [
        FieldPanel("reporter", read_only=True),
        FieldPanel("reported", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("quoted_message", read_only=True),
        FieldPanel("handled"),
        FieldPanel("coordinator_note"),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Report.objects.select_related("reporter", "reported"), **kwargs
        )


class MatchRequestViewSet(ScopedModelViewSet):
    model = MatchRequest
    scope_paths = ("sender", "recipient")
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
    copy_view_enabled = False
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

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=MatchRequest.objects.select_related("sender", "recipient"),
            **kwargs,
        )


class MatchViewSet(ScopedModelViewSet):
    model = Match
    scope_paths = ("host", "newcomer")
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
    copy_view_enabled = False
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

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Match.objects.select_related("host", "newcomer"), **kwargs
        )


class CheckInViewSet(ScopedModelViewSet):
    """The members' check-in answers; coordinators may only read them."""

    model = CheckIn
    scope_paths = ("match__host", "match__newcomer")
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
    copy_view_enabled = False
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

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=CheckIn.objects.select_related(
                "match__host", "match__newcomer", "profile"
            ),
            **kwargs,
        )


# --- Tags -------------------------------------------------------------------------


class TagViewSet(ModelViewSet):
    """A tag vocabulary, shared by all programmes: for coordinators of the
    whole site."""

    icon = "tag"
    menu_item_class = SiteCoordinatorMenuItem
    list_display = [
        "name",
        "name_da",
        "slug",
        "curated",
        Column("member_count", label=_("Members"), sort_key="member_count"),
    ]
    list_filter = ["curated"]
    search_fields = ["name", "name_da", "slug"]
    form_fields = ["name", "name_da", "slug", "curated"]
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=self.model.objects.annotate(member_count=Count("profile_items")),
            **kwargs,
        )


def _tag_viewset(tag_model, label):
    return type(
        f"{tag_model.__name__}ViewSet",
        (TagViewSet,),
        {
            "model": tag_model,
            "name": f"tags_{tag_model._meta.model_name}",
            "menu_label": label,
        },
    )


class TagMergeForm(forms.Form):
    facet = forms.CharField(widget=forms.HiddenInput)
    sources = forms.ModelMultipleChoiceField(
        label=_("Tags to merge"),
        help_text=_(
            "Members who have these tags get the target tag instead; these tags "
            "are then deleted."
        ),
        queryset=InterestTag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        help_text=_("The tag that stays. Rename it afterwards if you like."),
        queryset=InterestTag.objects.none(),
    )

    def __init__(self, *args, tag_model, **kwargs):
        super().__init__(*args, **kwargs)
        tags = tag_model.objects.annotate(member_count=Count("profile_items")).order_by(
            "name"
        )
        self.fields["sources"].queryset = tags
        self.fields["target"].queryset = tags
        self.fields["sources"].label_from_instance = self._label
        self.fields["target"].label_from_instance = self._label

    @staticmethod
    def _label(tag) -> str:
        return ngettext(
            "%(name)s (%(count)d member)",
            "%(name)s (%(count)d members)",
            tag.member_count,
        ) % {"name": tag.name, "count": tag.member_count}

    def clean(self):
        data = super().clean()
        target, sources = data.get("target"), data.get("sources")
        if target is not None and sources is not None:
            sources = [tag for tag in sources if tag.pk != target.pk]
            if not sources:
                raise forms.ValidationError(
                    _("Choose at least one tag other than the target to merge.")
                )
            data["sources"] = sources
        return data


class TagMergeView(WagtailAdminTemplateMixin, FormView):
    """Merge duplicate tags of one facet (chosen by ``?facet=``) into one."""

    template_name = "community/admin/tag_merge.html"
    form_class = TagMergeForm
    page_title = _("Merge tags")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        scope = coordinator_scope(request.user)
        if scope is None or not scope.everything:
            raise PermissionDenied
        facet = request.POST.get("facet") or request.GET.get("facet")
        self.facet = facet if facet in FACET_MODELS else "interests"
        self.tag_model = FACET_MODELS[self.facet]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"tag_model": self.tag_model}

    def get_initial(self):
        return {"facet": self.facet}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "facets": [
                (key, model._meta.verbose_name_plural, key == self.facet)
                for key, model in FACET_MODELS.items()
            ],
            "facet_label": self.tag_model._meta.verbose_name_plural,
            "action_url": reverse("community_tag_merge:index") + f"?facet={self.facet}",
            "submit_button_label": _gettext("Merge tags"),
            "submit_button_active_label": _gettext("Merging…"),
        }
        return context

    def form_valid(self, form):
        target, sources = form.cleaned_data["target"], form.cleaned_data["sources"]
        names = ", ".join(tag.name for tag in sources)
        touched = tags_merge(into=target, merged=list(sources))
        messages.success(
            self.request,
            _gettext("Merged %(names)s into “%(target)s” (%(count)d members updated).")
            % {"names": names, "target": target.name, "count": touched},
        )
        return redirect(reverse("community_tag_merge:index") + f"?facet={self.facet}")


class TagMergeViewSet(CoordinatorViewSet):
    menu_item_class = SiteCoordinatorMenuItem
    name = "community_tag_merge"
    url_prefix = "community/merge-tags"
    icon = "tag"
    menu_icon = "tag"
    menu_label = _("Merge tags")

    def get_urlpatterns(self):
        return [path("", TagMergeView.as_view(), name="index")]


class CommunityAdminGroup(ModelViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        DashboardViewSet,
        ProgrammeViewSet,
        MemberViewSet,
        ReportViewSet,
        MatchRequestViewSet,
        MatchViewSet,
        FlaggedPairsViewSet,
        CheckInViewSet,
        _tag_viewset(LanguageTag, _("Languages")),
        _tag_viewset(ProfessionTag, _("Professional backgrounds")),
        _tag_viewset(InterestTag, _("Leisure interests")),
        _tag_viewset(HopeTag, _("Hopes")),
        TagMergeViewSet,
        EventSignupsViewSet,
        AnnouncementViewSet,
    )


@hooks.register("register_admin_viewset")
def register_community_admin():
    return CommunityAdminGroup()


# Coordinators find what waits for them on the admin's home page.
hooks.register("construct_homepage_panels", dashboard_panel_add)
