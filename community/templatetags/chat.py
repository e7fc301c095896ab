from django import template
from django.utils.safestring import SafeString, mark_safe

from community.services.messaging import message_html

register = template.Library()


@register.filter
def chat_html(body: str) -> SafeString:
    """A chat message as safe HTML (escaped, with clickable links)."""
    return mark_safe(message_html(body or ""))  # noqa: S308 - escaped by message_html
