"""Settings editors change in the admin under Settings → Site details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from cms_pages.blocks import FooterLinkBlock


@register_setting(icon="site")
class SiteDetails(BaseSiteSetting):
    """Who runs the programme and how to reach them: shown in every page's footer."""

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
    address = models.TextField(_("postal address"), blank=True)
    welcome_manual = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("welcome manual"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Links shown in the footer, e.g. to the authorities."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("welcome_manual"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site details")
