"""Check-ins: asking both members of every active pair how it is going
(community/pair_flags.py turns the answers into flags for coordinators).

``checkins_send`` is a scheduled job (community/jobs.py): for each active match
it asks the check-in that is due now (the latest one, so a pair matched long
ago is not asked three times at once). A check-in row is created, and its
e-mail sent, in one transaction; the unique (match, profile, number) makes a
second run, or a second process, ask nothing twice.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import CheckIn, Match, Profile
from community.services.emails import member_email_send, member_url
from community.services.errors import RuleBroken


def _due_number(match: Match, now) -> int:
    """Which check-in is due for ``match`` now (0: none yet)."""
    number = 0
    for position, days in enumerate(settings.VELKOMST_CHECKIN_AFTER_DAYS, start=1):
        if match.created_at + timedelta(days=days) <= now:
            number = position
    return number


def checkins_send(*, now=None) -> int:
    """Ask both members of every active pair the check-in that is due. Returns
    how many were asked."""
    now = now or timezone.now()
    first = min(settings.VELKOMST_CHECKIN_AFTER_DAYS)
    matches = Match.objects.filter(
        status=Match.Status.ACTIVE,
        created_at__lte=now - timedelta(days=first),
    ).select_related("host__user", "newcomer__user")
    asked = 0
    for match in matches:
        number = _due_number(match, now)
        days = settings.VELKOMST_CHECKIN_AFTER_DAYS[number - 1]
        for profile in (match.host, match.newcomer):
            if profile.is_deleted:
                continue
            try:
                with transaction.atomic():
                    checkin = CheckIn.objects.create(
                        match=match,
                        profile=profile,
                        number=number,
                        due_at=match.created_at + timedelta(days=days),
                    )
                    _email_checkin(checkin, match.other(profile))
            except IntegrityError:
                continue  # asked already
            asked += 1
    return asked


def _email_checkin(checkin: CheckIn, other: Profile) -> None:
    member_email_send(
        member=checkin.profile,
        other=other,
        template="checkin",
        subject=gettext_lazy("How is it going with %(name)s?"),
        context=lambda: {"checkin_url": member_url("checkin", checkin.pk)},
    )


def checkin_answer(
    *,
    checkin: CheckIn,
    by: Profile,
    have_met: bool,
    satisfaction: int,
    wish: str,
    note: str = "",
) -> CheckIn:
    """Store the member's answers (they may change them until the next one)."""
    if checkin.profile_id != by.pk:
        raise RuleBroken(_("This check-in is not yours."))
    if satisfaction not in range(1, 6):
        raise RuleBroken(_("Choose from 1 to 5."), field="satisfaction")
    if wish not in CheckIn.Wish.values:
        raise RuleBroken(_("Choose what you would like now."), field="wish")
    note = (note or "").strip()
    if len(note) > 2000:
        raise RuleBroken(
            _("Please keep the note under 2,000 characters."), field="note"
        )
    checkin.have_met = bool(have_met)
    checkin.satisfaction = satisfaction
    checkin.wish = wish
    checkin.note = note
    checkin.answered_at = timezone.now()
    checkin.save(
        update_fields=["have_met", "satisfaction", "wish", "note", "answered_at"]
    )
    return checkin
