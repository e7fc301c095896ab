"""Admin wiring: the snippets editors manage from the sidebar; the page cache's
mark on pages anyone may see (cms_pages/page_cache.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms_pages import page_cache
from cms_pages.models import (
    ActivityCategory,
    ContactPerson,
    FooterText,
    PartnerOrganisation,
)


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "role", "email", "phone"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partners")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]


class ActivityCategoryViewSet(SnippetViewSet):
    """The categories editors type on activity ideas, with their Danish names
    (one category serves an idea in both languages)."""

    model = ActivityCategory
    icon = "tag"
    menu_label = _("Activity categories")
    add_to_admin_menu = True
    menu_order = 315
    list_display = ["name", "name_da", "slug"]
    search_fields = ["name", "name_da"]
    panels = [FieldPanel("name"), FieldPanel("name_da"), FieldPanel("slug")]


class FooterTextViewSet(SnippetViewSet):
    """The footer's words, chosen in Settings → Site details; translated for the
    Danish pages with "Translate" like any page."""

    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer texts")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["organisation_name", "tagline"]


register_snippet(ContactPersonViewSet)
register_snippet(PartnerOrganisationViewSet)
register_snippet(ActivityCategoryViewSet)
register_snippet(FooterTextViewSet)

# After Wagtail's own privacy check (order 0), which answers restricted pages.
hooks.register("before_serve_page", page_cache.mark_cacheable, order=100)
