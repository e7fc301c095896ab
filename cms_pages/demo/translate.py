"""The Danish demo site: translations of the English demo pages and snippets.

They are made with wagtail-localize's own machinery, so they end up as an
editor's "Translate" would leave them: a translation source frozen from the
English page, one Danish string per segment (``cms_pages/demo/danish.py`` is the
translation memory, English segment → Danish), the Danish page copied from the
English one, filled in and published, and the translation kept in sync, so an
editor who later changes the English page sees which Danish segments need
work. Segments the memory does not know (an editor changed the English demo
text) stay English until someone translates them, as in the admin.

``translate_demo_content()`` looks first and only makes what is missing: an
object that already has a Danish translation is left alone, whoever made it.
It runs after the members are seeded, so their sign-ups and programmes refer to
the English sources.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

from bs4 import MarkupResemblesLocatorWarning
from django.db import models, transaction
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from cms_pages.demo import content, danish
from cms_pages.demo.seed import SeedReport
from cms_pages.models import (
    ActivityCategory,
    ContactPerson,
    FooterText,
    HomePage,
    PartnerOrganisation,
)

DANISH = "da"


def translate_demo_content() -> SeedReport:
    """Give every English demo page and snippet that has none its Danish
    translation, published; say what was made."""
    report = SeedReport()
    with transaction.atomic(), warnings.catch_warnings():
        # Beautiful Soup warns about texts that look like addresses (a footer
        # link's URL is one), which is just what they are here.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        locale, _ = Locale.objects.get_or_create(language_code=DANISH)
        untranslated: list[str] = []
        for kind, instance in _demo_sources():
            if instance.has_translation(locale):
                continue
            if isinstance(instance, Page) and not _parent_translated(instance, locale):
                continue
            list_items_in_block_format(instance)
            untranslated += translate_object(instance, locale, danish.TRANSLATIONS)
            report.add(f"Danish {kind}")
        for english, name_da in danish.CATEGORIES.items():
            if ActivityCategory.objects.filter(name=english, name_da="").update(
                name_da=name_da
            ):
                report.add("Danish category name")
        if untranslated:
            report.notes.append(
                f"{len(untranslated)} texts have no Danish yet and show in English "
                "(Wagtail admin → the page → Translate)."
            )
    return report


def translate_object(
    instance: TranslatableMixin, locale: Locale, memory: dict[str, str]
) -> list[str]:
    """Translate ``instance`` into ``locale`` from ``memory`` (source segment →
    translation) the way wagtail-localize's editor does, publish it, and return
    the source segments the memory had no translation for."""
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing: list[str] = []
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        translated = lookup(memory, segment.string.data)
        if translated is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": translated,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    if isinstance(instance, Page):
        # wagtail-localize publishes a page's translation once the transaction
        # commits; publish it at once instead, so the seed's own transaction
        # (and a test's) sees it live.
        page, _ = source.create_or_update_translation(
            locale, publish=False, fallback=True
        )
        page.get_latest_revision().publish()
    else:
        source.create_or_update_translation(locale, fallback=True)
    return missing


def list_items_in_block_format(page: models.Model) -> None:
    """Demo pages seeded before list items had their own ids (steps, FAQs, link
    lists) are published again with ids, as saving them in the admin would do:
    wagtail-localize offers list items for translation only then. A page with
    unpublished changes is left to its editor."""
    if not isinstance(page, Page) or page.has_unpublished_changes:
        return
    changed = False
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        stored = field.get_prep_value(getattr(page, field.name))
        upgraded = field.stream_block.to_python(stored)
        list(upgraded)  # read every block, so its lists are written anew
        if field.get_prep_value(upgraded) != stored:
            setattr(page, field.name, upgraded)
            changed = True
    if changed:
        page.save_revision().publish()


def lookup(memory: dict[str, str], source_data: str) -> str | None:
    """The translation of one source segment in wagtail-localize's form. The
    memory is written as plain text (line breaks as ``\n``), except for segments
    of rich text, which keep their inline tags such as ``<b>``."""
    plain = StringValue(source_data).render_text()
    if StringValue.from_plaintext(plain).data != source_data:  # rich text
        return memory.get(source_data)
    translated = memory.get(plain)
    if translated is None:
        return None
    return StringValue.from_plaintext(translated).data


def _parent_translated(page: Page, locale: Locale) -> bool:
    parent = page.get_parent()
    return parent.is_root() or parent.has_translation(locale)


def _demo_sources() -> Iterator[tuple[str, models.Model]]:
    """The English demo objects, snippets first (pages refer to them), then
    pages from the home page down (a page needs its parent's translation)."""
    english = Locale.get_default()
    person = ContactPerson.objects.filter(
        locale=english, name=content.CONTACT_PERSON["name"]
    ).first()
    if person is not None:
        yield "contact people", person
    names = [partner["name"] for partner in content.PARTNERS]
    for partner in PartnerOrganisation.objects.filter(locale=english, name__in=names):
        yield "partner organisations", partner
    footer = FooterText.objects.filter(
        locale=english, organisation_name=content.FOOTER_TEXT["organisation_name"]
    ).first()
    if footer is not None:
        yield "footer texts", footer

    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site is not None else None
    if not isinstance(home, HomePage) or home.locale_id != english.pk:
        return
    yield "pages", home
    for slug in _demo_slugs_under_home():
        section = home.get_children().filter(slug=slug).live().first()
        if section is None:
            continue
        yield "pages", section.specific
        for child in section.get_children().live().specific():
            if child.slug in _demo_slugs_under(slug):
                yield "pages", child


def _demo_slugs_under_home() -> list[str]:
    return [
        content.ABOUT.slug,
        content.BECOME_A_HOST.slug,
        content.IDEA_INDEX["slug"],
        content.EVENT_INDEX["slug"],
        content.PARTNERS_PAGE["slug"],
    ]


def _demo_slugs_under(slug: str) -> set[str]:
    if slug == content.IDEA_INDEX["slug"]:
        return {idea.slug for idea in content.IDEAS}
    if slug == content.EVENT_INDEX["slug"]:
        prefix = content.WELCOME_MEETING["slug_prefix"]
        meetings = {
            f"{prefix}-{n}" for n in range(1, content.WELCOME_MEETING["count"] + 1)
        }
        return meetings | {event.slug for event in content.EVENTS}
    return set()
