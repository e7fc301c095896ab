"""The conversation wheel (the guide's *samtalehjul*): the main parts of a
member's life, how much each matters now and a short note. Matched members see
each other's wheel as a conversation starter (community/wheel.py draws it)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_WHEEL_NOTE = 140


class LifeArea(models.TextChoices):
    FAMILY = "family", _("Family")
    WORK = "work", _("Work")
    FRIENDS = "friends", _("Friends")
    LEISURE = "leisure", _("Leisure and hobbies")
    HOME_COUNTRY = "home_country", _("Home country and roots")
    LANGUAGE = "language", _("Languages")
    HOME = "home", _("Home and everyday life")
    FOOD = "food", _("Food and cooking")


class Importance(models.IntegerChoices):
    NONE = 0, _("Not part of my life now")
    A_LITTLE = 1, _("Matters a little")
    MATTERS = 2, _("Matters")
    MOST = 3, _("Matters most")


class WheelArea(models.Model):
    profile = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="wheel_areas"
    )
    area = models.CharField(max_length=16, choices=LifeArea.choices)
    importance = models.PositiveSmallIntegerField(
        choices=Importance.choices,
        default=Importance.NONE,
        validators=[MaxValueValidator(Importance.MOST)],
    )
    note = models.CharField(_("a few words"), max_length=MAX_WHEEL_NOTE, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "area"], name="wheel_area_once"),
            models.CheckConstraint(
                condition=models.Q(importance__lte=3), name="wheel_importance_0_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.area} {self.importance}"
