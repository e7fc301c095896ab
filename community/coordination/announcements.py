"""Wagtail admin: announcements, a coordinator's e-mail to a segment of the
members. Write a draft, look at the preview with the exact number of
recipients, send a test to yourself, then send; the log shows who got it.
For coordinators (community/wagtail_hooks.py); a programme coordinator writes
to, and sees the announcements of, their own programmes only."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms_pages.languages import source_pages
from community.coordination.access import CoordinatorOnlyMixin, CoordinatorViewSet
from community.coordination.downloads import csv_download
from community.models import Announcement, Municipality, Programme, Role
from community.selectors.announcements import (
    announcement_deliveries,
    announcement_for_coordinator,
    announcement_progress,
    announcement_recipient_count,
    announcement_recipient_sample,
    announcements_visible,
)
from community.services.announcements import (
    announcement_email_context,
    announcement_queue,
    announcement_save,
    announcement_test_send,
    unsubscribe_url,
)
from community.services.emails import SUBJECT_PREFIX, one_line
from community.services.errors import RuleBroken

# Events a segment can name: those still to come and those of the last months.
EVENTS_BACK = timedelta(days=180)
# The log page lists this many; the CSV file has them all.
LOG_ROWS = 500


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "subject",
            "body",
            "subject_da",
            "body_da",
            "role",
            "programme",
            "region",
            "municipality",
            "arrived_within_days",
            "families_only",
            "event",
            "event_status",
        ]
        widgets = {
            "subject": forms.TextInput(attrs={"maxlength": 150}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        labels = {"role": _("Hosts or newcomers")}
        help_texts = {
            "subject": _("Members see “[Velkomst]” in front of it."),
            "region": _("Members living in a municipality of this region."),
        }

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        from cms_pages.models import EventPage

        self.scope = scope
        self.fields["role"].choices = [("", _("Both"))] + list(Role.choices)
        programmes = self.fields["programme"]
        programmes.queryset = Programme.objects.filter(scope.rows(Programme, ()))
        if scope.everything:
            programmes.empty_label = _("All members, in a programme or not")
        else:
            # A programme coordinator writes to one of their programmes.
            programmes.required = True
            programmes.empty_label = None
            programmes.help_text = _("You can write to your programmes' members.")
        self.fields["region"].choices = [("", _("Anywhere"))] + list(
            self.fields["region"].choices
        )[1:]
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["municipality"].empty_label = _("Any municipality")
        events = self.fields["event"]
        events.queryset = (
            source_pages(EventPage.objects.live())
            .filter(end__gte=timezone.now() - EVENTS_BACK)
            .order_by("-start")
        )
        events.label_from_instance = lambda event: (
            f"{event.title} ({event.start:%d %b %Y})"
        )
        events.empty_label = _("No: members whether signed up or not")

    def clean(self):
        data = super().clean()
        if data.get("arrived_within_days") and data.get("role") == Role.HOST:
            self.add_error(
                "arrived_within_days", _("Only newcomers have an arrival date.")
            )
        municipality, region = data.get("municipality"), data.get("region")
        if municipality and region and municipality.region != region:
            self.add_error(
                "municipality",
                _("%(municipality)s is not in the region chosen.")
                % {"municipality": municipality.name},
            )
        if data.get("event_status") and not data.get("event"):
            self.add_error("event", _("Choose the event."))
        return data


class AnnouncementMixin(CoordinatorOnlyMixin, WagtailAdminTemplateMixin):
    header_icon = "mail"
    # The last breadcrumb, naming this page (the index has none of its own).
    crumb = None

    def get_breadcrumbs_items(self):
        items = self.breadcrumbs_items + [
            {
                "url": reverse("community_announcements:index"),
                "label": _("Announcements"),
            }
        ]
        items += self.announcement_crumbs()
        if self.crumb:
            items.append({"url": "", "label": self.crumb})
        return items

    def announcement_crumbs(self) -> list[dict]:
        return []


class OneAnnouncementMixin(AnnouncementMixin):
    """A view of one announcement in the coordinator's scope (404 otherwise)."""

    @cached_property
    def announcement(self) -> Announcement:
        announcement = announcement_for_coordinator(
            scope=self.scope, announcement_id=self.kwargs["pk"]
        )
        if announcement is None:
            raise Http404
        return announcement

    def get_page_title(self):
        return self.announcement.subject

    def announcement_crumbs(self) -> list[dict]:
        view = "preview" if self.announcement.is_draft else "log"
        return [
            {
                "url": reverse(
                    f"community_announcements:{view}", args=[self.announcement.pk]
                ),
                "label": self.announcement.subject,
            }
        ]


class AnnouncementIndexView(AnnouncementMixin, TemplateView):
    template_name = "community/admin/announcement_list.html"
    page_title = _("Announcements")

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                gettext("New announcement"),
                url=reverse("community_announcements:add"),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "announcements": announcements_visible(scope=self.scope)[:200],
        }


class AnnouncementFormMixin:
    """The form, for a new draft or an edited one. First in the bases, so its
    template wins over the admin mixin's."""

    template_name = "community/admin/announcement_form.html"
    form_class = AnnouncementForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "scope": self.scope,
            "instance": self.get_instance(),
        }

    def form_valid(self, form):
        try:
            announcement = announcement_save(
                announcement=form.instance, by=self.request.user, scope=self.scope
            )
        except RuleBroken as broken:
            form.add_error(broken.field, broken.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Draft saved. Check the preview, send yourself a test, then send."),
        )
        return redirect("community_announcements:preview", announcement.pk)

    def form_invalid(self, form):
        messages.error(self.request, gettext("Please correct the marked fields below."))
        return super().form_invalid(form)


class AnnouncementCreateView(AnnouncementFormMixin, AnnouncementMixin, FormView):
    page_title = _("New announcement")
    crumb = _("New announcement")

    def get_instance(self):
        return Announcement()


class AnnouncementEditView(AnnouncementFormMixin, OneAnnouncementMixin, FormView):
    crumb = _("Edit")

    def get_page_title(self):
        return gettext("Edit: %(subject)s") % {"subject": self.announcement.subject}

    def get_instance(self):
        return self.announcement

    def get(self, request, *args, **kwargs):
        if not self.announcement.is_draft:
            return self._sent_already()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.announcement.is_draft:
            return self._sent_already()
        return super().post(request, *args, **kwargs)

    def _sent_already(self):
        messages.warning(
            self.request, gettext("This announcement was sent: it cannot change.")
        )
        return redirect("community_announcements:log", self.announcement.pk)


def _email_preview(announcement: Announcement, *, name: str) -> dict:
    """The e-mail as a member gets it (their name, a link that looks like
    theirs but changes nobody's settings)."""
    context = announcement_email_context(
        announcement, name=name, unsubscribe=unsubscribe_url(None)
    )
    with translation.override("en"):
        return {
            "subject": SUBJECT_PREFIX + one_line(announcement.subject),
            "html": render_to_string("community/email/announcement.html", context),
            "text": render_to_string("community/email/announcement.txt", context),
        }


class AnnouncementPreviewView(OneAnnouncementMixin, TemplateView):
    """The e-mail, who it reaches (exactly how many, and some names), and the
    buttons: edit, send a test to me, send."""

    template_name = "community/admin/announcement_preview.html"

    def get(self, request, *args, **kwargs):
        if not self.announcement.is_draft:
            return redirect("community_announcements:log", self.announcement.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """ "Send a test to me"."""
        if not self.announcement.is_draft:
            return redirect("community_announcements:log", self.announcement.pk)
        try:
            address = announcement_test_send(
                announcement=self.announcement, by=request.user
            )
        except RuleBroken as broken:
            messages.error(request, broken.message)
        else:
            messages.success(
                request,
                gettext("A test went to %(address)s.") % {"address": address},
            )
        return redirect("community_announcements:preview", self.announcement.pk)

    def get_context_data(self, **kwargs):
        announcement = self.announcement
        sample = announcement_recipient_sample(
            announcement=announcement, scope=self.scope
        )
        return super().get_context_data(**kwargs) | {
            "announcement": announcement,
            "count": announcement_recipient_count(
                announcement=announcement, scope=self.scope
            ),
            "sample": sample,
            "email": _email_preview(
                announcement, name=sample[0].public_name if sample else "Alex"
            ),
        }


class AnnouncementSendView(OneAnnouncementMixin, TemplateView):
    """ "Send to N members", asked once more before it goes."""

    crumb = _("Send")

    template_name = "community/admin/announcement_send.html"

    def get_page_title(self):
        return gettext("Send: %(subject)s") % {"subject": self.announcement.subject}

    def get(self, request, *args, **kwargs):
        if not self.announcement.is_draft:
            return redirect("community_announcements:log", self.announcement.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "announcement": self.announcement,
            "count": announcement_recipient_count(
                announcement=self.announcement, scope=self.scope
            ),
        }

    def post(self, request, *args, **kwargs):
        try:
            announcement = announcement_queue(
                announcement=self.announcement, by=request.user, scope=self.scope
            )
        except RuleBroken as broken:
            messages.error(request, broken.message)
            return redirect("community_announcements:preview", self.announcement.pk)
        messages.success(
            request,
            ngettext(
                "Sending to %(count)d member. The log fills in as the e-mail goes out.",
                "Sending to %(count)d members. The log fills in as the e-mails go out.",
                announcement.recipient_count,
            )
            % {"count": announcement.recipient_count},
        )
        return redirect("community_announcements:log", announcement.pk)


class AnnouncementLogView(OneAnnouncementMixin, TemplateView):
    """Who it went to, and when; also as a CSV file."""

    crumb = _("Log")

    template_name = "community/admin/announcement_log.html"

    def get_page_title(self):
        return gettext("Log: %(subject)s") % {"subject": self.announcement.subject}

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def csv(self) -> HttpResponse:
        return csv_download(
            f"announcement-{self.announcement.pk}-log.csv",
            ["name", "e-mail", "status", "sent"],
            (
                [
                    delivery.profile.public_name,
                    delivery.email,
                    delivery.get_status_display(),
                    delivery.sent_at.isoformat(timespec="seconds")
                    if delivery.sent_at
                    else "",
                ]
                for delivery in announcement_deliveries(announcement=self.announcement)
            ),
        )

    def get_context_data(self, **kwargs):
        announcement = self.announcement
        progress = announcement_progress(announcement=announcement)
        return super().get_context_data(**kwargs) | {
            "announcement": announcement,
            "deliveries": announcement_deliveries(announcement=announcement)[:LOG_ROWS],
            "delivery_total": sum(progress.values()),
            "progress": progress,
            "csv_url": reverse("community_announcements:log", args=[announcement.pk])
            + "?format=csv",
        }


class AnnouncementViewSet(CoordinatorViewSet):
    name = "community_announcements"
    url_prefix = "community/announcements"
    icon = "mail"
    menu_label = _("Announcements")

    def get_urlpatterns(self):
        return [
            path("", AnnouncementIndexView.as_view(), name="index"),
            path("new/", AnnouncementCreateView.as_view(), name="add"),
            path("<int:pk>/", AnnouncementPreviewView.as_view(), name="preview"),
            path("<int:pk>/edit/", AnnouncementEditView.as_view(), name="edit"),
            path("<int:pk>/send/", AnnouncementSendView.as_view(), name="send"),
            path("<int:pk>/log/", AnnouncementLogView.as_view(), name="log"),
        ]
