"""Snippets editors keep once and show in many places: the contact person
newcomers can reach in English, and the partner organisations behind a programme."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class ContactPerson(index.Indexed, models.Model):
    """A named person newcomers and hosts can write to or call, in English."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"),
        max_length=160,
        help_text=_("e.g. 'Programme coordinator, Aarhus'."),
    )
    email = models.EmailField(_("e-mail"), help_text=_("Shown on the site."))
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("With country code, e.g. +45 12 34 56 78."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        default="English, Danish",
        help_text=_("Comma-separated, e.g. 'English, Danish, German'."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("Alt text for the photo, e.g. 'Mette Holm smiling'."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("languages")],
            heading=_("How to reach them"),
        ),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("role")]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("Describe the photo for people who cannot see it.")}
            )

    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class PartnerOrganisation(index.Indexed, models.Model):
    """A company, club, university, municipality or association the programme
    works with, and what part it plays."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        CLUB = "club", _("Club")
        UNIVERSITY = "university", _("University")
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation's name is used as the logo's alt text."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"),
        help_text=_("Who they are and their part in the programme, in 1–3 sentences."),
    )
    contact_name = models.CharField(
        _("contact person at the partner"), max_length=120, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("contact_name"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
