import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.approvals import ApprovalPolicy


def new_invite_code() -> str:
    return secrets.token_urlsafe(12)


class Programme(models.Model):
    """A partner programme: a company's host families, a sailing club's hosts, a
    university's researchers. Members belong to at most one; its coordinators
    (the users in ``coordinator_group``) see only its members and their pairs.

    History belongs to the programme, not to the coordinators: handing it over
    is changing who is in the group."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    partner_organisation = models.ForeignKey(
        "cms_pages.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    active_from = models.DateField(_("active from"), default=timezone.localdate)
    active_to = models.DateField(
        _("active to"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the programme runs."),
    )
    within_programme_only = models.BooleanField(
        _("match within the programme only"),
        default=False,
        help_text=_(
            "Members see and are suggested only members of this programme, and "
            "only they see them. Otherwise the members are open to everyone "
            "outside closed programmes."
        ),
    )
    listed_at_signup = models.BooleanField(
        _("listed at sign-up"),
        default=True,
        help_text=_(
            "Anyone can choose it when setting up their profile. Unlisted "
            "programmes are joined only through the invitation link."
        ),
    )
    approval = models.CharField(
        _("who talks with a coordinator first"),
        max_length=10,
        choices=ApprovalPolicy.choices,
        default=ApprovalPolicy.HOSTS,
        help_text=_(
            "New members who must be approved by a coordinator before they are "
            "shown to others and can be matched. Members already shown stay "
            "shown when you change this; members waiting are shown at once "
            "when they no longer need approval."
        ),
    )
    invite_code = models.CharField(
        max_length=32, unique=True, default=new_invite_code, editable=False
    )
    coordinator_group = models.OneToOneField(
        Group,
        verbose_name=_("coordinators"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="programme_active_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(approval__in=["nobody", "hosts", "everyone"]),
                name="programme_approval_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def match_pool(self) -> int:
        """What its members' ``Profile.match_pool`` is: the programme's id when
        it keeps matching inside, else 0 (the open pool)."""
        return self.pk if self.within_programme_only else 0

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.active_from <= on and (
            self.active_to is None or on <= self.active_to
        )

    @property
    def invite_link(self) -> str:
        """The link that makes whoever signs up through it a member."""
        from django.urls import reverse

        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "community:programme_join", args=[self.invite_code]
        )
