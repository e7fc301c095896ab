"""The postal address is words too (the organisation's name, the country): it
moves from the site details to the translatable footer text (step 1 of 2)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    SiteDetails = apps.get_model("cms_pages", "SiteDetails")
    FooterText = apps.get_model("cms_pages", "FooterText")
    for details in SiteDetails.objects.exclude(footer_text=None).exclude(address=""):
        # The footer text and its translations, until a translator changes it.
        FooterText.objects.filter(
            translation_key=details.footer_text.translation_key, address=""
        ).update(address=details.address)


def backwards(apps, schema_editor):
    SiteDetails = apps.get_model("cms_pages", "SiteDetails")
    for details in SiteDetails.objects.exclude(footer_text=None).select_related(
        "footer_text"
    ):
        details.address = details.footer_text.address
        details.save(update_fields=["address"])


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0005_translatable_snippets_finish'),
    ]

    operations = [
        migrations.AddField(
            model_name='footertext',
            name='address',
            field=models.TextField(blank=True, verbose_name='postal address'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
