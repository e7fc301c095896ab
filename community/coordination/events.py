"""Wagtail admin: who signed up for each event, as a page and a CSV file, and a
form to write to them all. For coordinators (community/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms_pages.languages import source_pages
from community.coordination.access import CoordinatorOnlyMixin, CoordinatorViewSet
from community.coordination.downloads import csv_download
from community.models import EventSignup
from community.services.errors import RuleBroken
from community.services.events import event_participants_email


def _events():
    from cms_pages.models import EventPage

    return source_pages(EventPage.objects.live()).annotate(
        people=Sum("signups__party_size", filter=Q(signups__status="confirmed")),
        waiting=Count("signups", filter=Q(signups__status="waiting")),
    )


class EventListView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/event_list.html"
    page_title = _("Event sign-ups")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(**kwargs) | {
            "upcoming": _events().filter(end__gte=now).order_by("start"),
            "past": _events().filter(end__lt=now).order_by("-start")[:20],
        }


class WriteForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    include_waiting = forms.BooleanField(
        label=_("Also write to the waiting list"), required=False
    )


class EventAttendeesView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """One event: who is coming, the CSV, and writing to them."""

    template_name = "community/admin/event_attendees.html"
    form_class = WriteForm
    header_icon = "date"
    parent_crumb = ("community_events:index", _("Event sign-ups"))

    @cached_property
    def event(self):
        event = _events().filter(pk=self.kwargs["event_id"]).first()
        if event is None:
            raise Http404
        return event

    def get_page_title(self):
        return self.event.title

    def signups(self):
        """The sign-ups of the members in the coordinator's scope."""
        return (
            EventSignup.objects.filter(self.scope.members("profile"), event=self.event)
            .exclude(status=EventSignup.Status.CANCELLED)
            .select_related("profile__user", "profile__municipality")
            .order_by("status", "created_at")
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def csv(self) -> HttpResponse:
        return csv_download(
            f"{self.event.slug}-attendees.csv",
            ["name", "e-mail", "role", "people", "status", "signed up"],
            (
                [
                    signup.profile.public_name,
                    signup.profile.user.email,
                    signup.profile.get_role_display(),
                    signup.party_size,
                    signup.get_status_display(),
                    signup.created_at.isoformat(timespec="minutes"),
                ]
                for signup in self.signups()
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "event": self.event,
            "signups": self.signups(),
            "csv_url": reverse("community_events:attendees", args=[self.event.pk])
            + "?format=csv",
        }

    def form_valid(self, form):
        try:
            sent = event_participants_email(
                event_id=self.event.pk,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waiting=form.cleaned_data["include_waiting"],
                members=self.scope.members(""),
            )
        except RuleBroken as broken:
            form.add_error(None, broken.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Your message went to %(count)d person.",
                "Your message went to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("community_events:attendees", self.event.pk)


class EventSignupsViewSet(CoordinatorViewSet):
    name = "community_events"
    url_prefix = "community/events"
    icon = "date"
    menu_label = _("Event sign-ups")

    def get_urlpatterns(self):
        return [
            path("", EventListView.as_view(), name="index"),
            path("<int:event_id>/", EventAttendeesView.as_view(), name="attendees"),
        ]
