import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("community", "0011_programmes")]

    operations = [
        # profile_candidates gains the municipality as a key column.
        migrations.RemoveIndex(model_name="profile", name="profile_candidates"),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(
                condition=models.Q(
                    ("is_available", True), ("is_deleted", False), ("is_listed", True)
                ),
                fields=["role", "match_pool", "municipality"],
                include=[
                    "id",
                    "spoken_mask",
                    "learning_mask",
                    "interest_mask",
                    "profession_mask",
                    "hope_mask",
                    "age_group",
                    "household",
                    "children_0_5",
                    "children_6_12",
                    "children_13_17",
                    "capacity",
                    "active_match_count",
                    "show_age_group",
                    "show_household",
                    "created_at",
                    "last_active_at",
                ],
                name="profile_candidates",
            ),
        ),
        migrations.CreateModel(
            name="MemberSuggestions",
            fields=[
                (
                    "profile",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="community.profile",
                    ),
                ),
                ("candidates", models.JSONField(default=list)),
                ("has_more", models.BooleanField(default=False)),
                ("basis", models.CharField(max_length=64)),
                ("computed_at", models.DateTimeField(db_index=True)),
            ],
            options={
                "verbose_name": "member suggestions",
                "verbose_name_plural": "member suggestions",
            },
        ),
    ]
