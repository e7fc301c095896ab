"""Pages in two languages, seen from outside the CMS (the members' side).

An English page and its Danish translation are one thing in two languages: one
event with one list of sign-ups, one activity idea. The English page is the
source; what counts and what is stored refers to it. A reader sees the
version in their own language where there is one.
"""

from django.db.models import QuerySet
from wagtail.models import Locale, Page


def source_pages(queryset: QuerySet) -> QuerySet:
    """Only the source (default language) pages of ``queryset``."""
    return queryset.filter(locale=Locale.get_default())


def source_page(page: Page) -> Page:
    """The source (default language) version of ``page``: itself, or the page
    it was translated from (same translation key)."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=default)
        .first()
    )
    return source or page


def in_reader_language(pages: list[Page]) -> list[Page]:
    """``pages`` (sources) as the reader sees them: each one's live translation
    into the active language where there is one. One query."""
    if not pages:
        return pages
    active = Locale.get_active()
    if all(page.locale_id == active.pk for page in pages):
        return pages
    model = type(pages[0])
    translated = {
        page.translation_key: page
        for page in model.objects.live()
        .public()
        .filter(locale=active, translation_key__in=[p.translation_key for p in pages])
    }
    return [translated.get(page.translation_key, page) for page in pages]
