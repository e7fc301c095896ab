"""Following up every pair: both members are asked, at 2 weeks, 6 weeks and 3
months (settings.VELKOMST_CHECKIN_AFTER_DAYS), how it is going. Only
coordinators see the answers (community/services/checkins.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    class Wish(models.TextChoices):
        CONTINUE = "continue", _("Continue as we are")
        PAUSE = "pause", _("Take a break for a while")
        NEW_MATCH = "new_match", _("I would like a new match")

    match = models.ForeignKey(
        "community.Match", on_delete=models.CASCADE, related_name="checkins"
    )
    profile = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="checkins"
    )
    number = models.PositiveSmallIntegerField()  # 1st, 2nd, 3rd check-in
    due_at = models.DateTimeField()
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    have_met = models.BooleanField(_("have you met?"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("how satisfied are you?"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    wish = models.CharField(
        _("what would you like now?"), max_length=10, choices=Wish.choices, blank=True
    )
    note = models.TextField(
        _("anything for the coordinator? (only they read it)"),
        max_length=2000,
        blank=True,
    )

    class Meta:
        ordering = ["match", "number", "profile"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "profile", "number"], name="checkin_once"
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="checkin_satisfaction_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.number} of {self.profile} ({self.match_id})"
