"""Which active pairs need a coordinator, and why: pure, no database.

A pair is flagged when either member asks for a new match or is unsatisfied
(2 or less of 5) in their latest check-in, when no message was written in the
first week, when no meeting was agreed in the first three weeks, or when a
check-in waits unanswered for more than a week (the days and weeks are
settings).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import CheckIn, Match, Meeting


@dataclass(frozen=True)
class Flag:
    code: str  # new_match, unsatisfied, silent, no_meeting, overdue
    text: str


def match_flags(
    match: Match,
    *,
    checkins: list[CheckIn],
    has_messages: bool,
    now,
    first_meeting: Meeting | None = None,
):
    """Why a coordinator should look at this active pair (empty: all well).
    Pure: the caller passes the pair's check-ins, whether they have written and
    their first agreed meeting (None: none agreed)."""
    flags = []
    latest: dict[int, CheckIn] = {}
    for checkin in checkins:
        if checkin.answered_at and (
            checkin.profile_id not in latest
            or checkin.number > latest[checkin.profile_id].number
        ):
            latest[checkin.profile_id] = checkin
    for checkin in latest.values():
        name = match.host if checkin.profile_id == match.host_id else match.newcomer
        if checkin.wish == CheckIn.Wish.NEW_MATCH:
            flags.append(
                Flag(
                    "new_match",
                    _("%(name)s asks for a new match") % {"name": name.public_name},
                )
            )
        if checkin.satisfaction is not None and checkin.satisfaction <= 2:
            flags.append(
                Flag(
                    "unsatisfied",
                    _("%(name)s is not satisfied (%(score)d of 5)")
                    % {"name": name.public_name, "score": checkin.satisfaction},
                )
            )
    silent_after = match.created_at + timedelta(days=settings.VELKOMST_SILENT_PAIR_DAYS)
    if not has_messages and now >= silent_after:
        flags.append(
            Flag(
                "silent",
                _("No message in the first %(days)d days")
                % {"days": settings.VELKOMST_SILENT_PAIR_DAYS},
            )
        )
    weeks = settings.VELKOMST_FIRST_MEETING_WEEKS
    if first_meeting is None and now >= match.created_at + timedelta(weeks=weeks):
        flags.append(
            Flag(
                "no_meeting",
                ngettext(
                    "No meeting agreed %(weeks)d week after matching",
                    "No meeting agreed %(weeks)d weeks after matching",
                    weeks,
                )
                % {"weeks": weeks},
            )
        )
    overdue = timedelta(days=settings.VELKOMST_CHECKIN_OVERDUE_DAYS)
    if any(not c.answered_at and c.asked_at + overdue <= now for c in checkins):
        flags.append(Flag("overdue", _("A check-in is overdue")))
    return flags
