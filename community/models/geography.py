from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Capital Region of Denmark")
    SJAELLAND = "sjaelland", _("Region Zealand")
    SYDDANMARK = "syddanmark", _("Region of Southern Denmark")
    MIDTJYLLAND = "midtjylland", _("Central Denmark Region")
    NORDJYLLAND = "nordjylland", _("North Denmark Region")


class Municipality(models.Model):
    """One of Denmark's 98 municipalities, loaded from community/data/ by a data
    migration. Coordinates are the town hall's, used for distances between
    members."""

    code = models.PositiveSmallIntegerField(_("official code"), unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
