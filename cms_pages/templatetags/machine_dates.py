"""``{{ when|machine_datetime }}``: a moment as a ``<time datetime>`` value, in
the site's time zone, to the second ("2026-12-04T17:00:00+01:00"). Django's
``date:"c"`` adds microseconds, which the HTML standard's date format refuses."""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_datetime(value) -> str:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
