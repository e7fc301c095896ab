"""The postal address now lives in the footer text (step 2 of 2)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0006_footer_text_address'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitedetails',
            name='address',
        ),
        migrations.AlterField(
            model_name='sitedetails',
            name='footer_text',
            field=models.ForeignKey(blank=True, help_text="The organisation's name, tagline, postal address and footer links (Snippets → Footer texts). Translate it there for the Danish pages.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cms_pages.footertext', verbose_name='footer text'),
        ),
    ]
