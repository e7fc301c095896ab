"""Coordinator approval: who must talk with a coordinator before they are
matched, and where a member stands.

A programme chooses whom it asks (``Programme.approval``: nobody, hosts or
everyone); members of no programme follow the site's
``VELKOMST_APPROVAL_WITHOUT_PROGRAMME``. A member's ``Profile.approval`` is
one of ``ApprovalStatus``; only "not needed" and "approved" members are listed
(``Profile.is_listed``), so every list, page and request that follows the
visibility rule leaves the others out. The rules of how the status changes are
in community/services/approvals.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApprovalPolicy(models.TextChoices):
    NOBODY = (
        "nobody",
        _("Nobody: members are shown to others once their profile is complete"),
    )
    HOSTS = "hosts", _("Hosts: a coordinator talks with each new host first")
    EVERYONE = "everyone", _("Everyone: a coordinator talks with each new member first")

    def asks(self, role: str) -> bool:
        """Whether a member of ``role`` must be approved under this policy."""
        if self == ApprovalPolicy.EVERYONE:
            return bool(role)
        return self == ApprovalPolicy.HOSTS and role == "host"


class ApprovalStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    WAITING = "waiting", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


# Members who may be listed, as far as approval goes.
CLEARED = (ApprovalStatus.NOT_NEEDED, ApprovalStatus.APPROVED)
# A decision a coordinator took (or the migration, for the members already there).
DECIDED = (ApprovalStatus.APPROVED, ApprovalStatus.DECLINED)


def approval_policy(programme) -> ApprovalPolicy:
    """Whom ``programme`` asks to wait for approval (None: the site's setting
    for members of no programme)."""
    if programme is not None:
        return ApprovalPolicy(programme.approval)
    return ApprovalPolicy(settings.VELKOMST_APPROVAL_WITHOUT_PROGRAMME)
