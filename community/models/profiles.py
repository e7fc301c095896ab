from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from community.models.approvals import CLEARED, ApprovalStatus
from community.models.tags import (
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
)

MIN_INTERESTS = 3


class Role(models.TextChoices):
    HOST = "host", _("Host (local volunteer)")
    NEWCOMER = "newcomer", _("Newcomer (new in Denmark)")


class AgeGroup(models.IntegerChoices):
    """Ordinal bands, so 'adjacent age group' is a difference of one."""

    AGE_18_29 = 1, _("18–29")
    AGE_30_39 = 2, _("30–39")
    AGE_40_49 = 3, _("40–49")
    AGE_50_59 = 4, _("50–59")
    AGE_60_69 = 5, _("60–69")
    AGE_70_PLUS = 6, _("70 or older")


class Household(models.TextChoices):
    SINGLE = "single", _("Single")
    COUPLE = "couple", _("Couple")
    FAMILY = "family", _("Family with children")


class TimePerMonth(models.TextChoices):
    ONE = "1", _("About one meeting a month")
    ONE_TWO = "1-2", _("1–2 meetings a month")
    TWO_FOUR = "2-4", _("2–4 meetings a month")


def profile_photo_path(instance: "Profile", filename: str) -> str:
    return f"profile-photos/{instance.user_id}/{filename}"


class Profile(models.Model):
    """A member: a host or a newcomer, what they bring and what they hope for.

    The tag facets are the source of truth; the ``*_mask`` columns mirror them for
    ranking in the database and are kept in step by ``services.profile_update``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    display_name = models.CharField(_("display name"), max_length=80)
    photo = models.ImageField(_("photo"), upload_to=profile_photo_path, blank=True)
    about = models.TextField(_("about me"), max_length=2000, blank=True)
    age_group = models.PositiveSmallIntegerField(
        _("age group"), choices=AgeGroup.choices, null=True, blank=True
    )
    household = models.CharField(
        _("household"), max_length=10, choices=Household.choices, blank=True
    )
    children_0_5 = models.BooleanField(_("children aged 0–5"), default=False)
    children_6_12 = models.BooleanField(_("children aged 6–12"), default=False)
    children_13_17 = models.BooleanField(_("children aged 13–17"), default=False)
    municipality = models.ForeignKey(
        "community.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="profiles",
    )
    employer = models.CharField(
        _("employer or organisation"), max_length=160, blank=True
    )
    partner_organisation = models.ForeignKey(
        "cms_pages.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    programme = models.ForeignKey(
        "community.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    # Who may find whom: 0 is the open pool; a programme that matches within
    # itself is a pool of its own (its id). Kept in step by
    # services.programmes; the directory and suggestions compare it to the
    # viewer's, so the ranking index stays one equality.
    match_pool = models.PositiveIntegerField(default=0, editable=False)

    languages = TaggableManager(
        through=ProfileLanguage, related_name="profiles", blank=True
    )
    professions = TaggableManager(
        through=ProfileProfession, related_name="profiles", blank=True
    )
    interests = TaggableManager(
        through=ProfileInterest, related_name="profiles", blank=True
    )
    hopes = TaggableManager(through=ProfileHope, related_name="profiles", blank=True)

    # Expectations, as the guide asks: both sides say what they can give.
    time_per_month = models.CharField(
        _("time I can give"), max_length=4, choices=TimePerMonth.choices, blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many newcomers I can host"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    arrival_date = models.DateField(_("arrival date in Denmark"), null=True, blank=True)
    expectations = models.TextField(_("what I expect"), max_length=1000, blank=True)

    # What other members may see.
    show_age_group = models.BooleanField(_("show my age group"), default=True)
    show_household = models.BooleanField(_("show my household"), default=True)
    show_employer = models.BooleanField(_("show my employer"), default=False)
    show_photo = models.BooleanField(_("show my photo"), default=True)
    is_available = models.BooleanField(
        _("available for matching"),
        default=True,
        help_text=_("Pause to hide your profile from search and suggestions."),
    )

    email_on_unread = models.BooleanField(
        _("e-mail me about unread messages"),
        default=True,
        help_text=_(
            "One e-mail per conversation when a message has waited 15 minutes."
        ),
    )
    announcement_emails = models.BooleanField(
        _("e-mail me the programme's announcements"),
        default=True,
        help_text=_(
            "News and invitations from the coordinators. Every announcement has "
            "an unsubscribe link."
        ),
    )
    preferred_language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the site and of the e-mails we send you."),
    )

    guidelines_version = models.PositiveIntegerField(null=True, blank=True)
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    expectations_version = models.PositiveIntegerField(null=True, blank=True)
    expectations_confirmed_at = models.DateTimeField(null=True, blank=True)

    # Mirrors of the tag facets for ranking (see community/matching/sql.py).
    spoken_mask = models.BigIntegerField(default=0, editable=False)
    learning_mask = models.BigIntegerField(default=0, editable=False)
    profession_mask = models.BigIntegerField(default=0, editable=False)
    interest_mask = models.BigIntegerField(default=0, editable=False)
    hope_mask = models.BigIntegerField(default=0, editable=False)
    active_match_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # True once the profile is complete (see missing_for_browsing); kept in step
    # by services.tags.profile_masks_refresh so the directory filters on a column.
    is_listed = models.BooleanField(default=False, editable=False)
    # Coordinator approval (community/models/approvals.py): whether this member
    # must wait for a coordinator before others see them, and the decision.
    # Kept by services.approvals; is_listed is false unless it is cleared.
    approval = models.CharField(
        _("approval"),
        max_length=12,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.NOT_NEEDED,
        editable=False,
    )
    approval_waiting_since = models.DateTimeField(
        _("waiting for approval since"), null=True, blank=True, editable=False
    )
    approval_decided_at = models.DateTimeField(
        _("approval decided"), null=True, blank=True, editable=False
    )
    approval_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approval_note = models.TextField(
        _("coordinator's note"),
        max_length=2000,
        blank=True,
        editable=False,
        help_text=_("For the coordinators only: the member never sees it."),
    )
    approval_message = models.TextField(
        _("message to the member"), max_length=2000, blank=True, editable=False
    )

    is_deleted = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_active_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["role", "is_listed", "is_available", "is_deleted"],
                name="profile_directory",
            ),
            # The candidates' matching columns, so ranking 100,000 profiles on
            # PostgreSQL is an index-only scan of a narrow index, not the table.
            # The municipality is a key column: a place, region or distance
            # filter then reads only the candidates living there.
            models.Index(
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
                    # Suggestions take in members approved since they were
                    # worked out (selectors.suggestions.suggested_profiles).
                    "approval_decided_at",
                ],
                condition=Q(is_listed=True, is_available=True, is_deleted=False),
                name="profile_candidates",
            ),
            models.Index(fields=["-created_at"], name="profile_newest"),
            models.Index(fields=["-last_active_at"], name="profile_recently_active"),
            # The coordinators' approval queue, oldest first.
            models.Index(
                fields=["approval_waiting_since"],
                condition=Q(approval="waiting"),
                name="profile_approval_queue",
            ),
            models.Index(
                fields=["approval_decided_at"],
                condition=Q(approval_decided_at__isnull=False),
                name="profile_approval_decided",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=3),
                name="host_capacity_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["", "host", "newcomer"]),
                name="profile_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    approval__in=["not_needed", "waiting", "approved", "declined"]
                ),
                name="profile_approval_valid",
            ),
            models.CheckConstraint(
                condition=~Q(approval="waiting")
                | Q(approval_waiting_since__isnull=False),
                name="profile_waiting_since_when",
            ),
            models.CheckConstraint(
                condition=Q(
                    approval__in=["approved", "declined"],
                    approval_decided_at__isnull=False,
                )
                | Q(
                    approval__in=["not_needed", "waiting"],
                    approval_decided_at__isnull=True,
                ),
                name="profile_approval_decided_when",
            ),
            # A member who is declined is told why (until they delete their
            # account, which erases the message).
            models.CheckConstraint(
                condition=~Q(approval="declined")
                | ~Q(approval_message="")
                | Q(is_deleted=True),
                name="profile_decline_has_message",
            ),
        ]

    def __str__(self) -> str:
        return str(self.public_name)  # "Former member" is a lazy translation

    @property
    def public_name(self) -> str:
        return _("Former member") if self.is_deleted else self.display_name

    @property
    def is_host(self) -> bool:
        return self.role == Role.HOST

    @property
    def free_places(self) -> int:
        if not self.is_host:
            return 0
        return max(0, self.capacity - self.active_match_count)

    @property
    def has_children(self) -> bool:
        return self.children_0_5 or self.children_6_12 or self.children_13_17

    def missing_for_browsing(self) -> list[str]:
        """What the member must still add before they may browse others."""
        missing = []
        if not self.role:
            missing.append(str(_("your role (host or newcomer)")))
        if not self.municipality_id:
            missing.append(str(_("your municipality")))
        if not self.language_items.exists():
            missing.append(str(_("at least one language")))
        if self.interest_items.count() < MIN_INTERESTS:
            missing.append(str(_("at least three interests")))
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.missing_for_browsing()

    def listing_due(self, *, complete: bool | None = None) -> bool:
        """Whether others may find this member: not deleted, an active account,
        cleared as far as approval goes, and a complete profile (``complete``
        if the caller knows, else read last: it reads the tags).
        ``services.tags.profile_masks_refresh`` stores it as ``is_listed``."""
        return (
            self.approval in CLEARED
            and not self.is_deleted
            and self.user.is_active
            and (self.is_complete if complete is None else complete)
        )

    @property
    def awaits_coordinator(self) -> bool:
        """Waiting for a coordinator's approval, or declined by one."""
        return self.approval in (ApprovalStatus.WAITING, ApprovalStatus.DECLINED)
