from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import InformationStreamBlock


class InformationPage(Page):
    """English information for visitors: welcome information, what it means to be
    a host, practical steps and links to the Danish authorities. Editors build the
    body from headings, text, images, call-outs, link lists, downloads and FAQs."""

    introduction = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    body = StreamField(InformationStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.InformationPage"]
    subpage_types = ["cms_pages.InformationPage"]

    class Meta:
        verbose_name = _("information page")

    def child_pages(self):
        return self.get_children().live().public().specific()
