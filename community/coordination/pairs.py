"""Wagtail admin: the pairs that need a coordinator now, with the reasons
(community/pair_flags.py), and one pair's page where the coordinator reads the
check-ins, ends the match and introduces either member to a new candidate.
For coordinators (community/wagtail_hooks.py); each sees their programmes'
pairs only."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community.coordination.access import CoordinatorOnlyMixin, CoordinatorViewSet
from community.models import Match, Profile
from community.models.matches import MIN_REQUEST_MESSAGE
from community.pair_flags import match_flags
from community.selectors.meetings import open_suggestion
from community.selectors.pairs import (
    first_meetings,
    flagged_pairs,
    pair_checkins,
    pair_for_coordinator,
    pair_has_messages,
    rematch_candidates,
)
from community.services.errors import RuleBroken
from community.services.rematching import match_end_by_coordinator, match_introduce


class FlaggedPairsView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/flagged_pairs.html"
    page_title = _("Pairs to follow up")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "flagged": flagged_pairs(scope=self.scope)
        }


class EndMatchForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it ends"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept for the coordinators; the members are told it ended."),
    )


class IntroduceForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Your message to both"),
        min_length=MIN_REQUEST_MESSAGE,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PairView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One pair: why it is flagged, the check-in answers, ending it, and the
    best candidates for each member, to introduce."""

    template_name = "community/admin/pair.html"
    header_icon = "link"
    parent_crumb = ("community_flagged_pairs:index", _("Pairs to follow up"))

    @cached_property
    def match(self) -> Match:
        match = pair_for_coordinator(scope=self.scope, match_id=self.kwargs["match_id"])
        if match is None:
            raise Http404
        return match

    def get_page_title(self):
        return gettext("%(host)s and %(newcomer)s") % {
            "host": self.match.host.public_name,
            "newcomer": self.match.newcomer.public_name,
        }

    def get_context_data(self, **kwargs):
        match = self.match
        checkins = pair_checkins(match=match)
        active = match.status == Match.Status.ACTIVE
        first_meeting = first_meetings(match_ids=[match.pk]).get(match.pk)
        flags = []
        if active:
            flags = match_flags(
                match,
                checkins=checkins,
                has_messages=pair_has_messages(match=match),
                now=timezone.now(),
                first_meeting=first_meeting,
            )
        sides = []
        for member in (match.newcomer, match.host):
            sides.append(
                {
                    "member": member,
                    "candidates": rematch_candidates(scope=self.scope, member=member)
                    if not member.is_deleted
                    else [],
                    "form": kwargs.get("introduce_forms", {}).get(member.pk),
                }
            )
        return super().get_context_data(**kwargs) | {
            "match": match,
            "active": active,
            "flags": flags,
            "first_meeting": first_meeting,
            "open_suggestion": open_suggestion(match_id=match.pk) if active else None,
            "checkins": checkins,
            "sides": sides,
            "end_form": kwargs.get("end_form") or EndMatchForm(),
            "introduce_message": _introduction_text(),
        }

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "end":
            return self._end(request)
        if request.POST.get("action") == "introduce":
            return self._introduce(request)
        return redirect("community_flagged_pairs:pair", self.match.pk)

    def _end(self, request):
        form = EndMatchForm(request.POST)
        if form.is_valid():
            try:
                match_end_by_coordinator(
                    match=self.match,
                    coordinator=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except RuleBroken as broken:
                form.add_error(None, broken.message)
            else:
                messages.success(
                    request,
                    gettext(
                        "The match has ended and both members were told. Introduce "
                        "them to someone new below."
                    ),
                )
                return redirect("community_flagged_pairs:pair", self.match.pk)
        return self.render_to_response(self.get_context_data(end_form=form))

    def _introduce(self, request):
        form = IntroduceForm(request.POST)
        member = candidate = None
        if form.is_valid():
            member = self._pair_member(form.cleaned_data["member"])
            candidate = Profile.objects.filter(
                self.scope.members(""), pk=form.cleaned_data["candidate"]
            ).first()
            if member is None or candidate is None:
                form.add_error(None, gettext("Choose one of the candidates shown."))
        if form.is_valid():
            try:
                match_introduce(
                    coordinator=request.user,
                    member=member,
                    candidate=candidate,
                    message=form.cleaned_data["message"],
                )
            except RuleBroken as broken:
                form.add_error(None, broken.message)
            else:
                messages.success(
                    request,
                    gettext(
                        "%(member)s was asked whether they would like to be matched "
                        "with %(candidate)s, who was told as well."
                    )
                    % {
                        "member": member.public_name,
                        "candidate": candidate.public_name,
                    },
                )
                return redirect("community_flagged_pairs:pair", self.match.pk)
        side = member.pk if member is not None else self.match.newcomer_id
        messages.error(
            request,
            " ".join(str(error) for errors in form.errors.values() for error in errors),
        )
        return self.render_to_response(
            self.get_context_data(introduce_forms={side: form})
        )

    def _pair_member(self, pk: int) -> Profile | None:
        for member in (self.match.host, self.match.newcomer):
            if member.pk == pk:
                return member
        return None


def _introduction_text() -> str:
    return gettext(
        "Hello both! I think you would get on well: have a look at each other's "
        "profile, and if you like, meet for a coffee soon."
    )


class FlaggedPairsViewSet(CoordinatorViewSet):
    name = "community_flagged_pairs"
    url_prefix = "community/flagged-pairs"
    icon = "warning"
    menu_label = _("Pairs to follow up")

    def get_urlpatterns(self):
        return [
            path("", FlaggedPairsView.as_view(), name="index"),
            path("<int:match_id>/", PairView.as_view(), name="pair"),
        ]
