from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms_pages.images import LOGO_RENDITION, with_card_images
from cms_pages.models.snippets import PartnerOrganisation, localized_queryset


class PartnersPage(Page):
    """The organisations behind the programme, grouped by kind. The partners
    themselves are snippets (Snippets → Partner organisations)."""

    introduction = models.TextField(
        _("introduction"),
        max_length=800,
        blank=True,
        help_text=_("Why these partners, and how to become one."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partners page")

    def partner_groups(self) -> list[tuple[str, list[PartnerOrganisation]]]:
        """The partners by kind, each in the page's language where translated."""
        partners = with_card_images(
            localized_queryset(PartnerOrganisation.objects.order_by("name")),
            "logo",
            LOGO_RENDITION,
        )
        groups: dict[str, list[PartnerOrganisation]] = {}
        for partner in partners:
            groups.setdefault(partner.kind, []).append(partner)
        labels = dict(PartnerOrganisation.Kind.choices)
        return [
            (labels[kind], groups[kind])
            for kind in PartnerOrganisation.Kind.values
            if kind in groups
        ]
