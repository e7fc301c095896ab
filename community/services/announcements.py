"""Announcements: a coordinator writes to a segment of the members, tries it on
themselves, then sends; and members unsubscribe with one click.

Sending is queued: ``announcement_queue`` only marks the announcement as
sending. The scheduled job (``announcements_send``, community/jobs.py) then
turns the segment into one pending delivery per member, and sends the pending
ones in batches, each claimed under a row lock and marked sent in the same
transaction (community/services/claims.py): running it twice, or in two
processes, sends nothing twice, and a crash part-way leaves the rest for the
next run. The first batch also goes out right after the coordinator presses
"Send", so a small announcement does not wait for the job.

Every e-mail is personal (greeting, and a signed unsubscribe link in the body
and in the ``List-Unsubscribe`` header, RFC 8058), so each member gets their
own message and nobody sees another's address.
"""

from __future__ import annotations

import logging
import smtplib
from typing import TYPE_CHECKING

from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.models import Announcement, AnnouncementDelivery, Profile
from community.models.announcements import MAX_BODY, MAX_SUBJECT
from community.selectors.announcements import (
    announcement_recipient_count,
    announcement_recipients,
    reachable_members,
)
from community.services.claims import claim_each
from community.services.emails import email_send, member_url, one_line, site_url
from community.services.errors import RuleBroken

if TYPE_CHECKING:
    from community.coordination.scope import Scope

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.announcements.unsubscribe"
# What a test e-mail's unsubscribe link carries instead of a member.
TEST_TOKEN_VALUE = "test"
FIRST_BATCH = 50
BATCH = 500


# --- Unsubscribing -----------------------------------------------------------


def unsubscribe_token(profile: Profile | None) -> str:
    """A signed token naming the member (or, for a test e-mail, nobody)."""
    value = str(profile.pk) if profile is not None else TEST_TOKEN_VALUE
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(value)


def unsubscribe_url(profile: Profile | None) -> str:
    return site_url(reverse("community:unsubscribe", args=[unsubscribe_token(profile)]))


class BadToken(Exception):
    """The unsubscribe link was cut short, changed, or names nobody."""


def unsubscribe_token_read(token: str) -> Profile | None:
    """The member a token names; None for a test e-mail's token. Raises
    ``BadToken`` for anything else."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise BadToken from None
    if value == TEST_TOKEN_VALUE:
        return None
    try:
        pk = int(value)
    except ValueError:
        raise BadToken from None
    profile = Profile.objects.filter(pk=pk, is_deleted=False).first()
    if profile is None:
        raise BadToken
    return profile


def announcement_emails_set(*, profile: Profile, enabled: bool) -> Profile:
    """Switch the programme's announcements off (unsubscribe) or back on."""
    Profile.objects.filter(pk=profile.pk).update(announcement_emails=enabled)
    profile.announcement_emails = enabled
    return profile


# --- Writing -----------------------------------------------------------------


def _check_scope(announcement: Announcement, scope: Scope) -> None:
    if scope.everything:
        return
    if announcement.programme_id not in scope.programme_ids:
        raise RuleBroken(
            _("Choose one of your programmes: you can write to its members only."),
            field="programme",
        )


def announcement_save(*, announcement: Announcement, by, scope: Scope) -> Announcement:
    """Save a draft (new or edited). Only drafts can change; a programme
    coordinator's announcement must name one of their programmes."""
    announcement.subject = one_line(announcement.subject)
    announcement.body = (announcement.body or "").strip()
    if not announcement.subject or not announcement.body:
        raise RuleBroken(_("Write a subject and a message."))
    if len(announcement.subject) > MAX_SUBJECT or len(announcement.body) > MAX_BODY:
        raise RuleBroken(_("The subject or the message is too long."))
    _check_scope(announcement, scope)
    if announcement.event_id:
        announcement.event_title = announcement.event.title
    else:
        announcement.event_status = announcement.event_title = ""
    with transaction.atomic():
        if announcement.pk:
            status = (
                Announcement.objects.select_for_update()
                .filter(pk=announcement.pk)
                .values_list("status", flat=True)
                .first()
            )
            if status != Announcement.Status.DRAFT:
                raise RuleBroken(_("This announcement was sent: it cannot change."))
        else:
            announcement.created_by = by
            announcement.status = Announcement.Status.DRAFT
        announcement.save()
    return announcement


def announcement_test_send(*, announcement: Announcement, by) -> str:
    """Send the announcement to the coordinator ``by`` only, marked as a test.
    Not logged as a delivery. Returns the address it went to.

    Sent at once rather than on commit: nothing is stored but the time, and
    the coordinator should hear now if the mail server refuses it."""
    address = (by.email or "").strip()
    if not address:
        raise RuleBroken(_("Your account has no e-mail address to send a test to."))
    profile = Profile.objects.filter(user=by).first()
    name = by.first_name or (profile.display_name if profile else "")
    try:
        _send_one(
            announcement,
            to=address,
            name=name,
            unsubscribe=unsubscribe_url(None),
            test=True,
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("test e-mail for announcement %s failed", announcement.pk)
        raise RuleBroken(
            _("The mail server did not take the test e-mail. Try again later.")
        ) from None
    now = timezone.now()
    Announcement.objects.filter(pk=announcement.pk).update(test_sent_at=now)
    announcement.test_sent_at = now
    return address


def announcement_queue(*, announcement: Announcement, by, scope: Scope) -> Announcement:
    """ "Send": the draft becomes sending, for the scheduled job to deliver (and
    the first batch goes out as soon as this commits). Who it reaches is
    decided when the job starts on it."""
    with transaction.atomic():
        locked = (
            Announcement.objects.select_for_update().filter(pk=announcement.pk).first()
        )
        if locked is None or locked.status != Announcement.Status.DRAFT:
            raise RuleBroken(_("This announcement has already been sent."))
        _check_scope(locked, scope)
        count = announcement_recipient_count(announcement=locked, scope=scope)
        if not count:
            raise RuleBroken(
                _("Nobody is in this segment: there is no one to send to.")
            )
        locked.status = Announcement.Status.SENDING
        locked.queued_at = timezone.now()
        locked.recipient_count = count
        locked.save(update_fields=["status", "queued_at", "recipient_count"])
        transaction.on_commit(
            lambda: announcements_send(batch=FIRST_BATCH), robust=True
        )
    logger.info(
        "announcement %s queued by user %s for %d members", locked.pk, by.pk, count
    )
    return locked


# --- Sending (the scheduled job) ---------------------------------------------


def announcements_send(*, batch: int = BATCH) -> int:
    """The job: resolve the segments of announcements being sent into pending
    deliveries, send up to ``batch`` of those, and mark announcements with
    nothing left as sent. Returns how many e-mails went out."""
    claim_each(
        Announcement.objects.filter(
            status=Announcement.Status.SENDING, resolved_at=None
        ),
        _resolve,
    )

    pending = AnnouncementDelivery.objects.filter(
        status=AnnouncementDelivery.Status.PENDING,
        announcement__status=Announcement.Status.SENDING,
    )
    pks = list(pending.order_by("pk").values_list("pk", flat=True)[:batch])
    sent = 0
    if pks:
        with get_connection() as connection:
            sent = claim_each(
                pending.filter(pk__in=pks).select_related(
                    "announcement", "profile__user"
                ),
                lambda delivery: _deliver(delivery, connection),
            )

    claim_each(
        Announcement.objects.filter(
            status=Announcement.Status.SENDING, resolved_at__isnull=False
        ).exclude(
            Exists(
                AnnouncementDelivery.objects.filter(
                    announcement_id=OuterRef("pk"),
                    status=AnnouncementDelivery.Status.PENDING,
                )
            )
        ),
        _finish,
    )
    return sent


def _resolve(announcement: Announcement) -> None:
    """Runs under the announcement's lock: one pending delivery per member the
    segment reaches now."""
    members = announcement_recipients(announcement=announcement).values_list(
        "pk", flat=True
    )
    AnnouncementDelivery.objects.bulk_create(
        [
            AnnouncementDelivery(announcement=announcement, profile_id=pk)
            for pk in members.iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    announcement.resolved_at = timezone.now()
    announcement.recipient_count = AnnouncementDelivery.objects.filter(
        announcement=announcement
    ).count()
    announcement.save(update_fields=["resolved_at", "recipient_count"])


def _deliver(delivery: AnnouncementDelivery, connection) -> bool:
    """Runs under the delivery's lock. Members who unsubscribed or left since
    the segment was resolved are skipped."""
    profile = delivery.profile
    if not reachable_members().filter(pk=profile.pk).exists():
        delivery.status = AnnouncementDelivery.Status.SKIPPED
        delivery.save(update_fields=["status"])
        return False
    address = profile.user.email
    try:
        _send_one(
            delivery.announcement,
            to=address,
            name=profile.public_name,
            unsubscribe=unsubscribe_url(profile),
            connection=connection,
            language=profile.preferred_language,
        )
    except smtplib.SMTPRecipientsRefused:
        # This address will never work; the others must not wait for it.
        logger.warning("announcement delivery %s refused", delivery.pk)
        delivery.status = AnnouncementDelivery.Status.REFUSED
        delivery.email = address
        delivery.save(update_fields=["status", "email"])
        return False
    delivery.status = AnnouncementDelivery.Status.SENT
    delivery.email = address
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "email", "sent_at"])
    return True


def _finish(announcement: Announcement) -> None:
    announcement.status = Announcement.Status.SENT
    announcement.sent_at = timezone.now()
    announcement.save(update_fields=["status", "sent_at"])


def _send_one(
    announcement: Announcement,
    *,
    to: str,
    name: str,
    unsubscribe: str,
    test: bool = False,
    connection=None,
    language: str = "en",
) -> int:
    """One member's e-mail, in their language: the Danish version when there
    is one, and the greeting and the unsubscribe lines around it."""
    subject, body = announcement.in_language(language)
    with translation.override(language):
        subject = one_line(subject)
        if test:
            subject = _("[TEST] %(subject)s") % {"subject": subject}
        return email_send(
            to=[to],
            template="announcement",
            subject=subject,
            context=announcement_email_context(
                announcement,
                name=name,
                unsubscribe=unsubscribe,
                test=test,
                body=body,
            ),
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            connection=connection,
        )


def announcement_email_context(
    announcement: Announcement,
    *,
    name: str,
    unsubscribe: str,
    test: bool = False,
    body: str | None = None,
) -> dict:
    """What the e-mail templates get (also used by the admin preview)."""
    return {
        "announcement": announcement,
        "body": announcement.body if body is None else body,
        "name": name,
        "unsubscribe_url": unsubscribe,
        "settings_url": member_url("profile_edit"),
        "test": test,
    }
