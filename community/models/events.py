"""Members signing up for events (cms_pages.EventPage), with a waiting list.

Places are counted in people: a family signs up as a party of four. When the
event is full, a sign-up waits; when someone cancels, the waiting list moves up
by itself, first come first served (community/services/events.py).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_PARTY = 8


class EventSignup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Signed up")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "cms_pages.EventPage", on_delete=models.CASCADE, related_name="signups"
    )
    profile = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="event_signups"
    )
    party_size = models.PositiveSmallIntegerField(
        _("how many of you are coming"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTY)],
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The day-before reminder went out (once).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "profile"],
                condition=~Q(status="cancelled"),
                name="one_signup_per_member_and_event",
            ),
            models.CheckConstraint(
                condition=Q(party_size__gte=1, party_size__lte=MAX_PARTY),
                name="signup_party_size_1_to_8",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="signup_event")]

    def __str__(self) -> str:
        return f"{self.profile} → {self.event_id} ({self.status})"
