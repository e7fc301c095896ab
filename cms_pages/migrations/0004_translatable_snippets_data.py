"""Snippets become translatable (step 2 of 3): existing contact people and
partners are the default language's (English); each site's footer words move
from its site details into a footer text snippet; every content language
(English, Danish) gets its Wagtail locale, so editors can translate at once."""

import uuid

from django.db import migrations
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from django.conf import settings


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = default_locale(apps)
    for code in get_content_languages():
        Locale.objects.get_or_create(language_code=code)

    for name in ("ContactPerson", "PartnerOrganisation"):
        model = apps.get_model("cms_pages", name)
        for row in model.objects.filter(translation_key__isnull=True):
            row.translation_key = uuid.uuid4()
            row.locale = locale
            row.save(update_fields=["translation_key", "locale"])

    SiteDetails = apps.get_model("cms_pages", "SiteDetails")
    FooterText = apps.get_model("cms_pages", "FooterText")
    for details in SiteDetails.objects.filter(footer_text__isnull=True):
        details.footer_text = FooterText.objects.create(
            translation_key=uuid.uuid4(),
            locale=locale,
            organisation_name=details.organisation_name,
            tagline=details.tagline,
            footer_links=list(details.footer_links.raw_data),
        )
        details.save(update_fields=["footer_text"])


def backwards(apps, schema_editor):
    SiteDetails = apps.get_model("cms_pages", "SiteDetails")
    for details in SiteDetails.objects.exclude(footer_text=None).select_related(
        "footer_text"
    ):
        text = details.footer_text
        details.organisation_name = text.organisation_name
        details.tagline = text.tagline
        details.footer_links = list(text.footer_links.raw_data)
        details.save(update_fields=["organisation_name", "tagline", "footer_links"])


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0003_translatable_snippets'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
