import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0002_footer_link_validation"),
        ("community", "0012_suggestions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="announcement_emails",
            field=models.BooleanField(
                default=True,
                help_text="News and invitations from the coordinators. Every announcement has an unsubscribe link.",
                verbose_name="e-mail me the programme's announcements",
            ),
        ),
        migrations.CreateModel(
            name="Announcement",
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
                ("subject", models.CharField(max_length=150, verbose_name="subject")),
                (
                    "body",
                    models.TextField(
                        help_text="Plain text. Each member is greeted by name above it; links are made clickable, and an unsubscribe link is added below it.",
                        max_length=10000,
                        verbose_name="message",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("host", "Host (local volunteer)"),
                            ("newcomer", "Newcomer (new in Denmark)"),
                        ],
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "region",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("hovedstaden", "Capital Region of Denmark"),
                            ("sjaelland", "Region Zealand"),
                            ("syddanmark", "Region of Southern Denmark"),
                            ("midtjylland", "Central Denmark Region"),
                            ("nordjylland", "North Denmark Region"),
                        ],
                        max_length=20,
                        verbose_name="region",
                    ),
                ),
                (
                    "arrived_within_days",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Newcomers whose arrival date is at most this many days ago.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(3650),
                        ],
                        verbose_name="arrived within (days)",
                    ),
                ),
                (
                    "families_only",
                    models.BooleanField(
                        default=False,
                        help_text="Members whose household is a family or who have children.",
                        verbose_name="families with children only",
                    ),
                ),
                (
                    "event_title",
                    models.CharField(blank=True, editable=False, max_length=255),
                ),
                (
                    "event_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Signed up or on the waiting list"),
                            ("confirmed", "Signed up"),
                            ("waiting", "On the waiting list"),
                        ],
                        help_text="Only used with an event.",
                        max_length=10,
                        verbose_name="sign-up status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("test_sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("sending", "Sending"),
                            ("sent", "Sent"),
                        ],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("queued_at", models.DateTimeField(blank=True, null=True)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("recipient_count", models.PositiveIntegerField(default=0)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="written by",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cms_pages.eventpage",
                        verbose_name="signed up for event",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="community.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="announcements",
                        to="community.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "announcement",
                "verbose_name_plural": "announcements",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="AnnouncementDelivery",
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
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("sent", "Sent"),
                            ("skipped", "Not sent (unsubscribed or left)"),
                            ("refused", "Refused by the mail server"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="e-mail address"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "announcement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="community.announcement",
                    ),
                ),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="announcement_deliveries",
                        to="community.profile",
                    ),
                ),
            ],
            options={
                "verbose_name": "announcement delivery",
                "verbose_name_plural": "announcement deliveries",
                "ordering": ["pk"],
            },
        ),
        migrations.AddIndex(
            model_name="announcement",
            index=models.Index(fields=["status"], name="announcement_status"),
        ),
        migrations.AddConstraint(
            model_name="announcement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"), ("queued_at__isnull", False), _connector="OR"
                ),
                name="announcement_queued_when_sending",
            ),
        ),
        migrations.AddConstraint(
            model_name="announcement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "sent"), _negated=True),
                    ("sent_at__isnull", False),
                    _connector="OR",
                ),
                name="announcement_sent_at_when_sent",
            ),
        ),
        migrations.AddIndex(
            model_name="announcementdelivery",
            index=models.Index(
                fields=["announcement", "status"], name="delivery_announcement"
            ),
        ),
        migrations.AddConstraint(
            model_name="announcementdelivery",
            constraint=models.UniqueConstraint(
                fields=("announcement", "profile"),
                name="one_delivery_per_member_and_announcement",
            ),
        ),
        migrations.AddConstraint(
            model_name="announcementdelivery",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "sent"), _negated=True),
                    ("sent_at__isnull", False),
                    _connector="OR",
                ),
                name="delivery_sent_at_when_sent",
            ),
        ),
    ]
