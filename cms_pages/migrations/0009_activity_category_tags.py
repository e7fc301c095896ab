"""The ideas' tags now point at the categories copied in 0008."""

import django.db.models.deletion
import modelcluster.contrib.taggit
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0008_activity_categories"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activityideapage",
            name="tags",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="e.g. outdoors, family, food, culture, sport, information visit.",
                through="cms_pages.ActivityIdeaPageTag",
                to="cms_pages.ActivityCategory",
                verbose_name="categories",
            ),
        ),
        migrations.AlterField(
            model_name="activityideapagetag",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_ideas",
                to="cms_pages.activitycategory",
            ),
        ),
    ]
