"""Page models, snippets and site settings, one module per kind of content."""

from cms_pages.models.activities import (
    ActivityCategory,
    ActivityIdeaIndexPage,
    ActivityIdeaPage,
    ActivityIdeaPageTag,
)
from cms_pages.models.events import EventIndexPage, EventPage
from cms_pages.models.home import HomePage
from cms_pages.models.information import InformationPage
from cms_pages.models.partners import PartnersPage
from cms_pages.models.site_settings import SiteDetails
from cms_pages.models.snippets import (
    ContactPerson,
    FooterText,
    PartnerOrganisation,
    localized_queryset,
)

__all__ = [
    "ActivityCategory",
    "ActivityIdeaIndexPage",
    "ActivityIdeaPage",
    "ActivityIdeaPageTag",
    "ContactPerson",
    "EventIndexPage",
    "EventPage",
    "FooterText",
    "HomePage",
    "InformationPage",
    "PartnerOrganisation",
    "PartnersPage",
    "SiteDetails",
    "localized_queryset",
]
