"""Blocking and reporting members.

A block hides the two members from each other everywhere (see
``community.selectors.visibility``), cancels the requests waiting
between them and ends their match if they have one: a member who blocks the
person they are matched with does not want to stay matched. A report goes to
the coordinators by e-mail and into the Wagtail admin.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.models import Block, Match, MatchRequest, Profile, Report
from community.services.emails import email_send, one_line, site_url
from community.services.errors import RuleBroken, text_length_check
from community.services.matches import match_close

MIN_REPORT_REASON = 10
MAX_REPORT_REASON = 2000
COORDINATORS_GROUP = "Coordinators"


@dataclass(frozen=True)
class BlockOutcome:
    block: Block
    created: bool
    requests_cancelled: int
    match_ended: Match | None


def member_block(*, blocker: Profile, blocked: Profile) -> BlockOutcome:
    """``blocker`` blocks ``blocked``. Idempotent: blocking twice changes nothing."""
    if blocker.pk == blocked.pk:
        raise RuleBroken(_("You cannot block yourself."))
    with transaction.atomic():
        # The two profiles are locked in the order accepting a request locks
        # them, so a block and an accept between the same two cannot both pass.
        list(
            Profile.objects.select_for_update()
            .filter(pk__in=[blocker.pk, blocked.pk])
            .order_by("pk")
        )
        try:
            with transaction.atomic():
                block, created = Block.objects.get_or_create(
                    blocker=blocker, blocked=blocked
                )
        except IntegrityError:
            # The same block was made a moment ago by another request.
            block, created = Block.objects.get(blocker=blocker, blocked=blocked), False
        now = timezone.now()
        low, high = sorted([blocker.pk, blocked.pk])
        pending = MatchRequest.objects.filter(
            pair_low=low, pair_high=high, status=MatchRequest.Status.PENDING
        )
        # The blocker's own request is not news to them; the other side's
        # request simply shows as cancelled.
        cancelled = pending.filter(sender=blocker).update(
            status=MatchRequest.Status.CANCELLED, responded_at=now, sender_seen_at=now
        )
        cancelled += pending.update(
            status=MatchRequest.Status.CANCELLED, responded_at=now
        )
        active = Match.objects.filter(
            Q(host=blocker, newcomer=blocked) | Q(host=blocked, newcomer=blocker),
            status=Match.Status.ACTIVE,
        ).first()
        ended = None
        if active is not None:
            with translation.override("en"):
                reason = _("Blocked")
            ended = match_close(match=active, by=blocker, reason=reason)
    return BlockOutcome(
        block=block, created=created, requests_cancelled=cancelled, match_ended=ended
    )


def member_unblock(*, blocker: Profile, blocked: Profile) -> bool:
    """Lift a block ``blocker`` made. Returns whether there was one. Cancelled
    requests and ended matches stay as they are."""
    deleted, _detail = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)


def member_report(*, reporter: Profile, reported: Profile, reason: str) -> Report:
    """Tell the coordinators about a member. E-mails them after commit."""
    if reporter.pk == reported.pk:
        raise RuleBroken(_("You cannot report yourself."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REPORT_REASON:
        raise RuleBroken(
            _(
                "Please tell the coordinators what happened, in at least %(min)d "
                "characters."
            )
            % {"min": MIN_REPORT_REASON},
            field="reason",
        )
    text_length_check(
        reason,
        limit=MAX_REPORT_REASON,
        message=_(
            "Please keep your report to at most %(max)s characters (it has %(count)s)."
        ),
        field="reason",
    )
    with transaction.atomic():
        report = Report.objects.create(
            reporter=reporter, reported=reported, reason=reason
        )
        report_coordinators_tell(report)
    return report


def report_coordinators_tell(report: Report) -> None:
    """E-mail the coordinators about ``report`` once the caller's transaction
    commits."""
    transaction.on_commit(lambda: _email_coordinators(report.pk))


def coordinator_emails(*, programme_ids=()) -> list[str]:
    """Addresses of the "Coordinators" group (or of the superusers if the group
    does not exist or has nobody in it), and of the coordinators of the
    programmes ``programme_ids``."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    addresses = list(
        users.filter(groups__name=COORDINATORS_GROUP)
        .values_list("email", flat=True)
        .distinct()
    )
    if not addresses:
        addresses = list(
            users.filter(is_superuser=True).values_list("email", flat=True)
        )
    ids = [pk for pk in programme_ids if pk]
    if ids:
        addresses += [
            address
            for address in users.filter(groups__programme__in=ids)
            .values_list("email", flat=True)
            .distinct()
            if address not in addresses
        ]
    return addresses


def _report_admin_path(report_id: int) -> str:
    try:
        return reverse("member_reports:edit", args=[report_id])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


def _email_coordinators(report_id: int) -> None:
    report = Report.objects.select_related("reporter", "reported").get(pk=report_id)
    with translation.override("en"):  # coordinators read English
        subject = _("A member reported %(name)s") % {
            "name": one_line(report.reported.public_name)
        }
        email_send(
            to=coordinator_emails(
                programme_ids=(
                    report.reporter.programme_id,
                    report.reported.programme_id,
                )
            ),
            template="report_received",
            subject=subject,
            context={
                "report": report,
                "admin_url": site_url(_report_admin_path(report.pk)),
            },
        )
