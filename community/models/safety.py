from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    """``blocker`` no longer sees ``blocked``, and the reverse."""

    blocker = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


class Report(models.Model):
    """A member tells the coordinators about another member."""

    reporter = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="reports_made"
    )
    reported = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="reports_received"
    )
    reason = models.TextField(_("what happened"), max_length=2000)
    # A report about a chat message keeps a copy of what it said, so the
    # coordinators can read it even if the sender later erases their data.
    message = models.ForeignKey(
        "community.Message",
        verbose_name=_("reported message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    quoted_message = models.TextField(_("the message"), blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)
    coordinator_note = models.TextField(_("coordinator's note"), blank=True)

    class Meta:
        ordering = ["handled", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reporter=F("reported")), name="report_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reporter} reported {self.reported}"
