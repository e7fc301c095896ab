"""Snippets become translatable (step 1 of 3): the locale and translation key
columns, empty for now; the footer's words get their own translatable snippet."""

import django.core.validators
import django.db.models.deletion
import uuid
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0002_footer_link_validation'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='contactperson',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='contactperson',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='partnerorganisation',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='partnerorganisation',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.CreateModel(
            name='FooterText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('organisation_name', models.CharField(default='Velkomst host programme', help_text="Shown in the footer, e.g. 'Aarhus host programme'.", max_length=160, verbose_name='organisation name')),
                ('tagline', models.CharField(blank=True, help_text='One line under the name in the footer.', max_length=200, verbose_name='tagline')),
                ('footer_links', wagtail.fields.StreamField([('link', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 80}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'A full address (https://…) or a path on this site (/about/).', 'max_length': 300, 'validators': [django.core.validators.RegexValidator('^(https?://[^\\s]+|/[^\\s]*)$', 'Use a full address starting with https:// or a path starting with /.')]}), 2: ('wagtail.blocks.StructBlock', [[('title', 0), ('url', 1)]], {})}, help_text='Links shown in the footer, e.g. to the authorities.', verbose_name='footer links')),
            ],
            options={
                'verbose_name': 'footer text',
                'verbose_name_plural': 'footer texts',
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.AddField(
            model_name='sitedetails',
            name='footer_text',
            field=models.ForeignKey(blank=True, help_text="The organisation's name, tagline and footer links (Snippets → Footer texts). Translate it there for the Danish pages.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cms_pages.footertext', verbose_name='footer text'),
        ),
    ]
