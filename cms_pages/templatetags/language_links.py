"""``{% language_alternates as alternates %}``: the page being read in each
language (cms_pages/alternates.py), for the header's language link and the
``hreflang`` links in the head."""

from django import template
from wagtail.models import Page

from cms_pages.alternates import Alternate, alternates_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return alternates_for_request(request, page if isinstance(page, Page) else None)
