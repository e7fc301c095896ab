"""Scheduled work: what must happen without anyone clicking, run by
``manage.py run_jobs`` (once, or every N seconds with ``--every``; ``make run``
starts it beside daphne).

Every job is idempotent: it finds what is due from the database, claims each row
under a lock and records what it did in the same transaction, so running it
twice (or in two processes) does nothing twice, and a crash part-way leaves the
rest for the next run.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from community.services.announcements import announcements_send
from community.services.checkins import checkins_send
from community.services.events import event_reminders_send
from community.services.meetings import meeting_reminders_send
from community.services.messaging import unread_message_emails_send
from community.services.profiles import deleted_member_quotes_erase
from community.services.requests import (
    pending_requests_expire,
    pending_requests_remind,
)
from community.services.suggestions import member_suggestions_refresh

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], int]  # returns how many things it did
    description: str


JOBS: list[Job] = [
    Job(
        "unread-message-emails",
        lambda: unread_message_emails_send(),
        "One e-mail per conversation with a message unread for 15 minutes.",
    ),
    # Expiry first: a request past two weeks needs no reminder.
    Job(
        "request-expiry",
        lambda: pending_requests_expire(),
        "Expire requests unanswered for 14 days and tell the sender.",
    ),
    Job(
        "checkins",
        lambda: checkins_send(),
        "Ask both members of every pair how it goes (2 weeks, 6 weeks, 3 months).",
    ),
    Job(
        "event-reminders",
        lambda: event_reminders_send(),
        "Remind members signed up for an event, the day before.",
    ),
    Job(
        "meeting-reminders",
        lambda: meeting_reminders_send(),
        "Remind both members of a pair's agreed meeting, the day before.",
    ),
    Job(
        "request-reminders",
        lambda: pending_requests_remind(),
        "Remind the recipient, once, of a request waiting 7 days.",
    ),
    Job(
        "suggestions-refresh",
        lambda: member_suggestions_refresh(),
        "Work out again, every 6 hours, the best matches of members active lately.",
    ),
    Job(
        "announcements",
        lambda: announcements_send(),
        "Send coordinators' announcements, a batch of members per run.",
    ),
    Job(
        "deleted-member-quotes",
        lambda: deleted_member_quotes_erase(),
        "Erase deleted members' quoted messages from reports closed or 180 days old.",
    ),
]


def jobs_run(names: list[str] | None = None) -> dict[str, int]:
    """Run the jobs (all, or those named) once; a failing job is logged and does
    not stop the others. Returns what each did (-1: it failed)."""
    done: dict[str, int] = {}
    for job in JOBS:
        if names and job.name not in names:
            continue
        try:
            done[job.name] = job.run()
        except Exception:
            logger.exception("scheduled job %s failed", job.name)
            done[job.name] = -1
    return done
