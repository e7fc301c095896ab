"""Writes for coordinator approval (community/models/approvals.py): when a
member starts waiting for a coordinator, and the coordinator's decision.

How a member's ``Profile.approval`` changes:

- When a member finishes the set-up (their profile becomes complete, or
  complete again), changes role, or joins or leaves a programme, their
  programme's setting (with none, ``VELKOMST_APPROVAL_WITHOUT_PROGRAMME``) is
  asked again: if it names their role they wait for a coordinator, unless they
  already deal with members (a request or match, in any state): those count as
  approved, so nobody loses sight of someone they know. If it no longer names
  their role, a waiting member stops waiting and is listed.
- Any other edit changes nothing: a change of the site-wide setting reaches a
  listed member only at one of the moments above.
- Approved and declined are a coordinator's decisions: they stay whatever the
  member changes later (role, programme).
- When a programme starts asking more of its members (``approvals_follow_
  programme``), those already listed count as approved; when it asks less,
  those waiting are listed. Nobody who is shown disappears, as when approval
  came (migration 0019 approved every complete profile).

Waiting and declined members are not listed (``Profile.listing_due``), which
keeps them out of every list, profile page and request (selectors/
visibility.py). The coordinators hear by e-mail when someone starts waiting;
the member hears of the decision by e-mail, in their language.
"""

from datetime import datetime
from functools import partial

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import (
    ApprovalPolicy,
    ApprovalStatus,
    Match,
    MatchRequest,
    MemberSuggestions,
    Profile,
    Programme,
)
from community.models.approvals import approval_policy
from community.selectors.approvals import approval_contact
from community.services.emails import (
    email_send,
    member_email_send,
    member_url,
    one_line,
    site_url,
)
from community.services.errors import RuleBroken, text_length_check
from community.services.safety import coordinator_emails

MAX_APPROVAL_TEXT = 2000
# The fields ``approval_update`` may change, for ``save(update_fields=...)``.
APPROVAL_FIELDS = ("approval", "approval_waiting_since", "approval_decided_at")


def _in_touch(profile: Profile) -> bool:
    """Whether the member has dealt with anyone: a request or a match, in any
    state."""
    asked = MatchRequest.objects.filter(Q(sender=profile) | Q(recipient=profile))
    matched = Match.objects.filter(Q(host=profile) | Q(newcomer=profile))
    return asked.exists() or matched.exists()


def approval_update(
    profile: Profile,
    *,
    complete: bool,
    reconsider: bool,
    now: datetime | None = None,
) -> bool:
    """Bring ``profile.approval`` in step with its programme's setting, in
    memory (the caller saves ``APPROVAL_FIELDS``; ``services.tags.
    profile_masks_refresh`` does). ``complete``: the profile is complete;
    ``reconsider``: it just became listable or changed role or programme (see
    the module's docstring). Returns whether the member started waiting now,
    so the caller calls ``approval_waiting_started`` once it is stored."""
    if profile.is_deleted or not complete:
        return False
    if profile.approval not in (ApprovalStatus.NOT_NEEDED, ApprovalStatus.WAITING):
        return False  # a decision stays
    needed = approval_policy(profile.programme).asks(profile.role)
    if profile.approval == ApprovalStatus.WAITING:
        if not needed:
            profile.approval = ApprovalStatus.NOT_NEEDED
            profile.approval_waiting_since = None
        return False
    if not needed or not reconsider:
        return False
    now = now or timezone.now()
    if _in_touch(profile):
        profile.approval = ApprovalStatus.APPROVED
        profile.approval_decided_at = now
        return False
    profile.approval = ApprovalStatus.WAITING
    profile.approval_waiting_since = now
    return True


def approval_waiting_started(profile: Profile) -> None:
    """After ``profile`` was stored waiting: their stored suggestions go (they
    are worked out afresh once approved), and the coordinators of their
    programme (and of the whole site) are e-mailed once the caller's
    transaction commits."""
    MemberSuggestions.objects.filter(profile=profile).delete()
    transaction.on_commit(partial(_email_coordinators_waiting, profile.pk))


def _queue_path(profile_id: int) -> str:
    try:
        return reverse("community_approvals:member", args=[profile_id])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


def _email_coordinators_waiting(profile_id: int) -> None:
    member = Profile.objects.select_related("programme", "municipality").get(
        pk=profile_id
    )
    if member.approval != ApprovalStatus.WAITING:
        return  # decided (or released) before this was sent
    with translation.override("en"):  # coordinators read English
        email_send(
            to=coordinator_emails(programme_ids=(member.programme_id,)),
            template="approval_waiting",
            subject=_("%(name)s waits for your approval")
            % {"name": one_line(member.public_name)},
            context={
                "member": member,
                "admin_url": site_url(_queue_path(member.pk)),
            },
        )


# --- The programme's setting -------------------------------------------------------


def approvals_follow_programme(
    programme: Programme, *, now: datetime | None = None
) -> None:
    """After ``programme``'s setting was saved: its members already listed
    whom it now asks count as approved; its waiting members whom it no longer
    asks are listed."""
    now = now or timezone.now()
    policy = ApprovalPolicy(programme.approval)
    asked = [role for role in ("host", "newcomer") if policy.asks(role)]
    members = Profile.objects.filter(programme=programme, is_deleted=False)
    members.filter(
        approval=ApprovalStatus.NOT_NEEDED, is_listed=True, role__in=asked
    ).update(approval=ApprovalStatus.APPROVED, approval_decided_at=now)
    released = members.filter(approval=ApprovalStatus.WAITING).exclude(role__in=asked)
    for member in released.select_related("user", "programme"):
        member.approval = ApprovalStatus.NOT_NEEDED
        member.approval_waiting_since = None
        member.is_listed = member.listing_due()
        member.save(update_fields=[*APPROVAL_FIELDS, "is_listed"])


# --- A coordinator's decision ------------------------------------------------------


def _text(value: str, *, field: str) -> str:
    value = (value or "").strip()
    text_length_check(
        value,
        limit=MAX_APPROVAL_TEXT,
        message=_("Please keep it to at most %(max)s characters (it has %(count)s)."),
        field=field,
    )
    return value


def _waiting_for_update(member: Profile) -> Profile:
    """The member's row, locked; refused clearly unless they still wait (a
    second coordinator, or a second click, finds the first decision)."""
    current = (
        Profile.objects.select_for_update(of=("self",))
        .select_related("user", "programme", "approval_decided_by")
        .get(pk=member.pk)
    )
    if current.approval == ApprovalStatus.WAITING and not current.is_deleted:
        return current
    if current.approval in (ApprovalStatus.APPROVED, ApprovalStatus.DECLINED):
        decided_by = current.approval_decided_by
        params = {
            "name": current.public_name,
            "date": formats.date_format(
                timezone.localtime(current.approval_decided_at), "DATE_FORMAT"
            ),
            "coordinator": (decided_by.get_full_name() or decided_by.email)
            if decided_by
            else _("a coordinator"),
        }
        if current.approval == ApprovalStatus.APPROVED:
            message = _(
                "%(name)s was already approved by %(coordinator)s on %(date)s. "
                "Nothing was changed."
            )
        else:
            message = _(
                "%(name)s was already declined by %(coordinator)s on %(date)s. "
                "Nothing was changed."
            )
        raise RuleBroken(message % params)
    raise RuleBroken(
        _("%(name)s is not waiting for approval. Nothing was changed.")
        % {"name": current.public_name}
    )


def approval_note_save(*, member: Profile, note: str) -> Profile:
    """Keep the coordinators' private note about ``member`` (never shown to
    the member, never in their data download)."""
    note = _text(note, field="note")
    Profile.objects.filter(pk=member.pk).update(approval_note=note)
    member.approval_note = note
    return member


def member_approve(
    *,
    member: Profile,
    coordinator: AbstractBaseUser,
    message: str = "",
    note: str | None = None,
) -> Profile:
    """A coordinator approves a waiting member, with an optional word to them:
    the member is listed at once (when their profile is complete) and told by
    e-mail, in their language."""
    return _decide(
        member=member,
        coordinator=coordinator,
        status=ApprovalStatus.APPROVED,
        message=_text(message, field="message"),
        note=note,
    )


def member_decline(
    *,
    member: Profile,
    coordinator: AbstractBaseUser,
    message: str,
    note: str | None = None,
) -> Profile:
    """A coordinator declines a waiting member, telling them why in
    ``message`` (required; e-mailed in their language, shown on their page).
    They stay unlisted."""
    message = _text(message, field="message")
    if not message:
        raise RuleBroken(
            _(
                "Please write the member a few words on why, and whom to "
                "contact: they read it on their page and by e-mail."
            ),
            field="message",
        )
    return _decide(
        member=member,
        coordinator=coordinator,
        status=ApprovalStatus.DECLINED,
        message=message,
        note=note,
    )


def _decide(
    *,
    member: Profile,
    coordinator: AbstractBaseUser,
    status: ApprovalStatus,
    message: str,
    note: str | None,
) -> Profile:
    note = None if note is None else _text(note, field="note")
    with transaction.atomic():
        current = _waiting_for_update(member)
        current.approval = status
        current.approval_decided_at = timezone.now()
        current.approval_decided_by = coordinator
        current.approval_message = message
        if note is not None:
            current.approval_note = note
        current.is_listed = current.listing_due()
        current.save(
            update_fields=[
                *APPROVAL_FIELDS,
                "approval_decided_by",
                "approval_message",
                "approval_note",
                "is_listed",
                "updated_at",
            ]
        )
        MemberSuggestions.objects.filter(profile=current).delete()
        transaction.on_commit(partial(_email_decision, current.pk))
    return current


APPROVED_SUBJECT = gettext_lazy("Welcome to the host programme, %(name)s")
DECLINED_SUBJECT = gettext_lazy("About your profile, %(name)s")


def _email_decision(profile_id: int) -> None:
    member = Profile.objects.select_related("user", "programme").get(pk=profile_id)
    if member.is_deleted:
        return
    approved = member.approval == ApprovalStatus.APPROVED
    member_email_send(
        member=member,
        other=member,
        template="approval_approved" if approved else "approval_declined",
        subject=APPROVED_SUBJECT if approved else DECLINED_SUBJECT,
        context=lambda: {
            "message": member.approval_message,
            "contact": approval_contact(member),
            "suggested_url": member_url("suggested"),
            "home_url": member_url("home"),
        },
    )
