"""Wagtail admin: the members waiting for a coordinator's approval, longest
waiting first, and one member's page where the coordinator reads the profile,
keeps a private note and approves or declines with a message to the member
(community/services/approvals.py). Each coordinator sees the members of their
programmes only (a member outside answers 404); the menu item counts who
waits."""

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

from community.coordination.access import (
    CoordinatorMenuItem,
    CoordinatorOnlyMixin,
    CoordinatorViewSet,
    coordinator_scope,
)
from community.models import ApprovalStatus, Profile
from community.selectors.approvals import (
    approval_member,
    approval_queue,
    approval_recently_decided,
    approval_waiting_summary,
)
from community.services.approvals import (
    MAX_APPROVAL_TEXT,
    approval_note_save,
    member_approve,
    member_decline,
)
from community.services.errors import RuleBroken


class ApprovalQueueView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/approval_queue.html"
    page_title = _("Waiting for approval")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "waiting": approval_queue(scope=self.scope),
            "decided": approval_recently_decided(scope=self.scope),
            "now": timezone.now(),
        }


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=MAX_APPROVAL_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For the coordinators only (when you called, what you talked about). "
            "The member never sees it."
        ),
    )
    message = forms.CharField(
        label=_("Message to the member"),
        required=False,
        max_length=MAX_APPROVAL_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "E-mailed to the member in their language with your decision. "
            "Optional when you approve (a word of welcome); when you decline, "
            "say why and whom they can write to: they also read it on their page."
        ),
    )


class ApprovalMemberView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One member: their profile, the note, and the decision."""

    template_name = "community/admin/approval_member.html"
    header_icon = "user"
    parent_crumb = ("community_approvals:index", _("Waiting for approval"))

    @cached_property
    def member(self) -> Profile:
        member = approval_member(scope=self.scope, pk=self.kwargs["pk"])
        if member is None:
            raise Http404
        return member

    def get_page_title(self):
        return self.member.public_name

    def get_context_data(self, **kwargs):
        member = self.member
        form = kwargs.pop("form", None) or ApprovalForm(
            initial={"note": member.approval_note}
        )
        ages = (
            ("0–5", member.children_0_5),
            ("6–12", member.children_6_12),
            ("13–17", member.children_13_17),
        )
        return super().get_context_data(**kwargs) | {
            "member": member,
            "children": ", ".join(age for age, has in ages if has),
            "form": form,
            "waiting": member.approval == ApprovalStatus.WAITING,
            "now": timezone.now(),
        }

    def post(self, request, *args, **kwargs):
        member = self.member
        form = ApprovalForm(request.POST)
        action = request.POST.get("action")
        if action not in ("note", "approve", "decline"):
            form.add_error(
                None, gettext("Choose to save the note, approve or decline.")
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "note":
                    approval_note_save(member=member, note=data["note"])
                    done = gettext("The note is saved.")
                elif action == "approve":
                    member_approve(
                        member=member,
                        coordinator=request.user,
                        message=data["message"],
                        note=data["note"],
                    )
                    done = gettext(
                        "%(name)s is approved: other members can find them now, "
                        "and they were told by e-mail."
                    ) % {"name": member.public_name}
                else:
                    member_decline(
                        member=member,
                        coordinator=request.user,
                        message=data["message"],
                        note=data["note"],
                    )
                    done = gettext(
                        "%(name)s is declined and was told by e-mail, with your "
                        "message."
                    ) % {"name": member.public_name}
            except RuleBroken as broken:
                field = broken.field if broken.field in form.fields else None
                form.add_error(field, broken.message)
            else:
                messages.success(request, done)
                if action == "note":
                    return redirect("community_approvals:member", member.pk)
                return redirect("community_approvals:index")
        self.__dict__.pop("member", None)  # show the member as they are now
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ApprovalsMenuItem(CoordinatorMenuItem):
    """The menu item, with how many members in the coordinator's scope wait."""

    def render_component(self, request):
        component = super().render_component(request)
        scope = coordinator_scope(request.user)
        count = approval_waiting_summary(scope=scope).count if scope else 0
        if count:
            component.label = f"{self.label} ({count})"
        return component


class ApprovalsViewSet(CoordinatorViewSet):
    name = "community_approvals"
    url_prefix = "community/approvals"
    icon = "user"
    menu_label = _("Waiting for approval")
    menu_item_class = ApprovalsMenuItem

    def get_urlpatterns(self):
        return [
            path("", ApprovalQueueView.as_view(), name="index"),
            path("<int:pk>/", ApprovalMemberView.as_view(), name="member"),
        ]
