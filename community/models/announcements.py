"""Announcements: a coordinator's e-mail to a segment of the members, and the
log of who it went to.

The segment is stored with the announcement (every filter optional, all of
them combined), and resolved into deliveries when it is sent, so the log says
exactly who got it. A programme coordinator's announcements always name one of
their programmes; only coordinators of the whole site write to everyone.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.models.geography import Region
from community.models.profiles import Role

MAX_SUBJECT = 150
MAX_BODY = 10_000
MAX_ARRIVED_WITHIN_DAYS = 3650


class Announcement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    class EventStatus(models.TextChoices):
        ANY = "", _("Signed up or on the waiting list")
        CONFIRMED = "confirmed", _("Signed up")
        WAITING = "waiting", _("On the waiting list")

    subject = models.CharField(_("subject"), max_length=MAX_SUBJECT)
    body = models.TextField(
        _("message"),
        max_length=MAX_BODY,
        help_text=_(
            "Plain text. Each member is greeted by name above it; links are made "
            "clickable, and an unsubscribe link is added below it."
        ),
    )
    subject_da = models.CharField(
        _("subject in Danish"),
        max_length=MAX_SUBJECT,
        blank=True,
        help_text=_(
            "Optional. Members who read the site in Danish get the Danish "
            "version; everyone else, and everyone when it is empty, the English."
        ),
    )
    body_da = models.TextField(_("message in Danish"), max_length=MAX_BODY, blank=True)

    # The segment: every filter is optional, and they all apply together.
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    programme = models.ForeignKey(
        "community.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, blank=True
    )
    municipality = models.ForeignKey(
        "community.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    arrived_within_days = models.PositiveSmallIntegerField(
        _("arrived within (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ARRIVED_WITHIN_DAYS)],
        help_text=_("Newcomers whose arrival date is at most this many days ago."),
    )
    families_only = models.BooleanField(
        _("families with children only"),
        default=False,
        help_text=_("Members whose household is a family or who have children."),
    )
    event = models.ForeignKey(
        "cms_pages.EventPage",
        verbose_name=_("signed up for event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The event's title when it was chosen: if the event page is deleted, the
    # segment still says whom it meant, and reaches nobody rather than all.
    event_title = models.CharField(max_length=255, blank=True, editable=False)
    event_status = models.CharField(
        _("sign-up status"),
        max_length=10,
        choices=EventStatus.choices,
        blank=True,
        help_text=_("Only used with an event."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    test_sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    queued_at = models.DateTimeField(null=True, blank=True)
    # Set once the segment has been turned into pending deliveries.
    resolved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When sending starts: how many it goes to; when sent: how many got it.
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="announcement_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(queued_at__isnull=False),
                name="announcement_queued_when_sending",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="announcement_sent_at_when_sent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def in_language(self, language: str) -> tuple[str, str]:
        """(subject, body) for a reader of ``language``: the Danish version
        when it is there (both parts), else the English."""
        if language == "da" and self.subject_da.strip() and self.body_da.strip():
            return self.subject_da, self.body_da
        return self.subject, self.body

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def segment_parts(self) -> list[str]:
        """The segment in words, one part per filter used."""
        parts = []
        if self.role:
            parts.append(
                gettext("Hosts") if self.role == Role.HOST else gettext("Newcomers")
            )
        if self.programme_id:
            parts.append(str(self.programme))
        if self.municipality_id:
            parts.append(str(self.municipality))
        if self.region:
            parts.append(self.get_region_display())
        if self.arrived_within_days:
            parts.append(
                gettext("arrived within %(days)d days")
                % {"days": self.arrived_within_days}
            )
        if self.families_only:
            parts.append(gettext("families with children"))
        if self.event_id or self.event_title:
            title = self.event.title if self.event_id else self.event_title
            if self.event_status == self.EventStatus.WAITING:
                parts.append(gettext("waiting list of %(event)s") % {"event": title})
            elif self.event_status == self.EventStatus.CONFIRMED:
                parts.append(gettext("signed up for %(event)s") % {"event": title})
            else:
                parts.append(
                    gettext("signed up or waiting for %(event)s") % {"event": title}
                )
        return parts

    def segment_description(self) -> str:
        return " · ".join(self.segment_parts()) or gettext("All members")


class AnnouncementDelivery(models.Model):
    """One member's copy of an announcement: pending until the scheduled job
    sends it (or skips it, when the member unsubscribed or left meanwhile).
    One per member and announcement, so nobody gets it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (unsubscribed or left)")
        REFUSED = "refused", _("Refused by the mail server")

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    profile = models.ForeignKey(
        "community.Profile",
        on_delete=models.CASCADE,
        related_name="announcement_deliveries",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # The address it went to, as it was then.
    email = models.EmailField(_("e-mail address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("announcement delivery")
        verbose_name_plural = _("announcement deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "profile"],
                name="one_delivery_per_member_and_announcement",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_at_when_sent",
            ),
        ]
        indexes = [
            models.Index(
                fields=["announcement", "status"], name="delivery_announcement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} → {self.profile_id} ({self.status})"
