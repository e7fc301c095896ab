"""Meetings a pair agrees on: one member suggests a time and a place (typed,
or taken from an activity idea or an event), the other accepts, declines or
suggests another time (community/services/meetings.py).

A pair has at most one open suggestion at a time (a counter-suggestion
replaces it). A confirmed meeting stays as the pair's history once it is
past: "a first meeting was agreed" means any confirmed meeting.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_MEETING_PLACE = 200
MAX_MEETING_NOTE = 500


class Meeting(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Suggested")
        CONFIRMED = "confirmed", _("Agreed")
        DECLINED = "declined", _("Declined")
        REPLACED = "replaced", _("Another time suggested")
        CANCELLED = "cancelled", _("Cancelled")

    match = models.ForeignKey(
        "community.Match", on_delete=models.CASCADE, related_name="meetings"
    )
    proposed_by = models.ForeignKey(
        "community.Profile",
        on_delete=models.CASCADE,
        related_name="meetings_proposed",
    )
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=MAX_MEETING_PLACE, blank=True)
    # What to do there, if the pair chose one of the site's ideas or events;
    # an editor may unpublish or delete the page, the meeting stays.
    idea = models.ForeignKey(
        "cms_pages.ActivityIdeaPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "cms_pages.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(max_length=MAX_MEETING_NOTE, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    # The open suggestion this one replaced (a counter-suggestion, or the
    # proposer changing their own), if any.
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When and by whom it was accepted, declined, replaced or cancelled (no
    # one: cancelled because the match ended).
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        "community.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The day-before reminder went out (once; community/jobs.py).
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["match"],
                condition=Q(status="proposed"),
                name="one_open_meeting_suggestion_per_match",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "proposed",
                        "confirmed",
                        "declined",
                        "replaced",
                        "cancelled",
                    ]
                ),
                name="meeting_status_known",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(responded_at__isnull=False),
                name="meeting_answered_when",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_due"),
        ]

    def __str__(self) -> str:
        return f"Meeting {self.pk} of match {self.match_id} ({self.status})"
