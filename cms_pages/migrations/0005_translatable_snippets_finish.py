"""Snippets become translatable (step 3 of 3): every row has its locale and
key now, so they are required and unique together; a partner's name is unique
per language; the footer's words are no longer site details."""

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0004_translatable_snippets_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='contactperson',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='contactperson',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='partnerorganisation',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='partnerorganisation',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='partnerorganisation',
            name='name',
            field=models.CharField(max_length=160, verbose_name='name'),
        ),
        migrations.AlterUniqueTogether(
            name='contactperson',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='partnerorganisation',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AddConstraint(
            model_name='partnerorganisation',
            constraint=models.UniqueConstraint(fields=('name', 'locale'), name='partner_name_unique_per_language'),
        ),
        migrations.RemoveField(
            model_name='sitedetails',
            name='footer_links',
        ),
        migrations.RemoveField(
            model_name='sitedetails',
            name='organisation_name',
        ),
        migrations.RemoveField(
            model_name='sitedetails',
            name='tagline',
        ),
    ]
