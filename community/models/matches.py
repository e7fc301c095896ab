from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MIN_REQUEST_MESSAGE = 30
MAX_OPEN_REQUESTS_SENT = 5


class MatchRequest(models.Model):
    """A member asks another to become a pair. One pending request per pair,
    whichever way it goes; the rules live in community/services.py too."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    sender = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="received_requests"
    )
    # The pair with the lower profile id first, so one constraint covers both ways.
    pair_low = models.BigIntegerField(editable=False)
    pair_high = models.BigIntegerField(editable=False)
    message = models.TextField(_("personal message"), max_length=2000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(
        _("reason (only coordinators see it)"), max_length=1000, blank=True
    )
    expectations_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    sender_seen_at = models.DateTimeField(null=True, blank=True)
    recipient_seen_at = models.DateTimeField(null=True, blank=True)
    # When the recipient was reminded of a request still waiting (once).
    reminded_at = models.DateTimeField(null=True, blank=True)
    # A coordinator's introduction: they suggested the pair and wrote the
    # message; the sender was told and may withdraw it.
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("introduced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="request_not_to_self"
            ),
            models.CheckConstraint(
                condition=Q(pair_low__lt=F("pair_high")), name="request_pair_ordered"
            ),
            models.UniqueConstraint(
                fields=["pair_low", "pair_high"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="request_inbox"),
            models.Index(fields=["sender", "status"], name="request_outbox"),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.status})"

    def save(self, *args, **kwargs):
        low, high = sorted([self.sender_id, self.recipient_id])
        self.pair_low, self.pair_high = low, high
        super().save(*args, **kwargs)


class Match(models.Model):
    """A host and a newcomer who agreed to meet: active until either ends it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    host = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="host_matches"
    )
    newcomer = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="newcomer_matches"
    )
    request = models.OneToOneField(
        MatchRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        "community.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    end_reason = models.TextField(_("why it ended"), max_length=1000, blank=True)
    ended_by_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by the coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = _("matches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(host=F("newcomer")), name="match_not_with_self"
            ),
            models.UniqueConstraint(
                fields=["host", "newcomer"],
                condition=Q(status="active"),
                name="one_active_match_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.host} & {self.newcomer} ({self.status})"

    def other(self, profile) -> "models.Model":
        return self.newcomer if profile.pk == self.host_id else self.host

    def involves(self, profile) -> bool:
        return profile.pk in (self.host_id, self.newcomer_id)
