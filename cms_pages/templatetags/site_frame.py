"""``{% site_header %}``: the header of every page, drawn once for each kind of
page and visitor (cms_pages/frame.py)."""

from django import template
from django.utils.safestring import SafeString

from cms_pages.frame import header_html

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    return header_html(context)
