"""Snippets editors keep once and show in many places: the contact person
newcomers can reach in English, the partner organisations behind a programme and
the footer's texts.

All three are translatable (wagtail-localize): the English one is the source, a
Danish translation shows on Danish pages, and where there is none the English
one does. Names, e-mail addresses, phone numbers and web addresses are the same
in every language, so they are kept in step with the English source rather than
translated.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms_pages.blocks import FooterLinkBlock
from cms_pages.models.mixins import image_field


def localized_queryset(queryset):
    """One row per translation key from a translatable model's ``queryset``: the
    active language's translation where there is one, otherwise the default
    language's (the English source). Stays a queryset, so it can be ordered,
    prefetched and counted like any other."""
    active = Locale.get_active()
    default = Locale.get_default()
    if active.pk == default.pk:
        return queryset.filter(locale=default)
    translated = queryset.filter(locale=active).values("translation_key")
    return queryset.filter(
        Q(locale=active) | (Q(locale=default) & ~Q(translation_key__in=translated))
    )


class ContactPerson(TranslatableMixin, index.Indexed, models.Model):
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
    photo = image_field(_("photo"))
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
    # The role, the languages and the photo's description are translated; the
    # rest is the same person in every language.
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
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


class PartnerOrganisation(TranslatableMixin, index.Indexed, models.Model):
    """A company, club, university, municipality or association the programme
    works with, and what part it plays."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        CLUB = "club", _("Club")
        UNIVERSITY = "university", _("University")
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = image_field(
        _("logo"),
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
    override_translatable_fields = [SynchronizedField("contact_name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"], name="partner_name_unique_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FooterText(TranslatableMixin, models.Model):
    """The words of every page's footer: who runs the programme, its postal
    address and the links shown there. Settings → Site details chooses the one
    to show; its translations show on pages in their language. (Wagtail's
    settings cannot be translated themselves, so their words live here.)"""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=160,
        default="Velkomst host programme",
        help_text=_("Shown in the footer, e.g. 'Aarhus host programme'."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("One line under the name in the footer."),
    )
    address = models.TextField(_("postal address"), blank=True)
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Links shown in the footer, e.g. to the authorities."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("address"),
        FieldPanel("footer_links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self) -> str:
        return self.organisation_name
