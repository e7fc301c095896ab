"""Activity ideas get their own categories, with a Danish name: each tag an
idea uses becomes a category with the same id, name and slug, so stored
revisions and translation sources still point at the right category."""

from django.core.management.color import no_style
from django.db import migrations, models


def copy_tags(apps, schema_editor):
    Tagged = apps.get_model("cms_pages", "ActivityIdeaPageTag")
    Category = apps.get_model("cms_pages", "ActivityCategory")
    Tag = apps.get_model("taggit", "Tag")
    used = Tagged.objects.values("tag_id")
    Category.objects.bulk_create(
        Category(id=tag.id, name=tag.name, slug=tag.slug)
        for tag in Tag.objects.filter(id__in=used)
    )
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Category]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0007_remove_sitedetails_address"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=100, unique=True, verbose_name="name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        max_length=100,
                        unique=True,
                        verbose_name="slug",
                    ),
                ),
                (
                    "name_da",
                    models.CharField(
                        blank=True,
                        help_text="Shown on the Danish pages. Leave empty to show the name as it is.",
                        max_length=100,
                        verbose_name="name in Danish",
                    ),
                ),
            ],
            options={
                "verbose_name": "activity category",
                "verbose_name_plural": "activity categories",
                "ordering": ["name"],
            },
        ),
        migrations.RunPython(copy_tags, migrations.RunPython.noop),
    ]
