"""The member directory's long filter lists: the languages and interests as tick
boxes, the professional backgrounds and the municipalities (by region) as
``<option>``s, printed from templates/components/directory/.

Some 250 choices through the template engine would cost more than the whole
result list, and on nearly every page they are the same rows (the chosen ones
differ, and are mostly the same few): each distinct list is rendered once per
process and language. The rows come from ``MemberFilter.choices``
(community/filters.py) as tuples, so a list is its own cache key.
"""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def filter_tick_boxes(name: str, rows: tuple) -> SafeString:
    """Labelled tick boxes named ``name``, one for each ``(value, label,
    selected)`` row."""
    return _rendered("tick_boxes", (("name", name), ("rows", rows)))


@register.simple_tag
def filter_options(rows: tuple) -> SafeString:
    """An ``<option>`` for each ``(value, label, selected)`` row."""
    return _rendered("options", (("rows", rows),))


@register.simple_tag
def filter_municipality_options(places: tuple) -> SafeString:
    """The "Anywhere" option, then an ``<optgroup>`` of options per region:
    ``places`` is ``(empty row, ((region label, rows), ...))``."""
    empty, groups = places
    return _rendered("municipalities", (("empty", empty), ("groups", groups)))


def _rendered(name: str, context: tuple) -> SafeString:
    return _render(name, context, translation.get_language())


@lru_cache(maxsize=512)
def _render(name: str, context: tuple, language: str | None) -> SafeString:
    # ``language`` is part of the key only: lazy labels are printed in it.
    return render_to_string(f"components/directory/{name}.html", dict(context))
