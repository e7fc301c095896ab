"""Settings editors change in the admin under Settings → Site details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteDetails(BaseSiteSetting):
    """Who runs the programme and how to reach them: shown in every page's footer.

    Wagtail cannot translate settings (one row per site, no locale), so the
    footer's words are a translatable snippet chosen here (``footer_text``),
    as Wagtail recommends; the contact person is a translatable snippet too.
    The footer shows each in the page's language, or the English where there
    is no translation yet. What is the same in every language stays here."""

    footer_text = models.ForeignKey(
        "cms_pages.FooterText",
        verbose_name=_("footer text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The organisation's name, tagline, postal address and footer links "
            "(Snippets → Footer texts). Translate it there for the Danish pages."
        ),
    )
    contact_person = models.ForeignKey(
        "cms_pages.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The named person newcomers can reach in English."),
    )
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = models.CharField(_("general phone"), max_length=40, blank=True)
    welcome_manual = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("welcome manual"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    panels = [
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("welcome_manual"),
    ]

    class Meta:
        verbose_name = _("site details")
