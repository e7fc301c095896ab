"""The one way scheduled jobs take work: claim each due row under a row lock.

``claim_each(due, handle)`` runs ``handle(row)`` once per row of ``due``, each in
its own transaction that holds the row's lock (``SKIP LOCKED``: a row another
run holds is left to it). ``handle`` marks the row done in that transaction, so
two runs at once never do the same work, and a crash part-way leaves the rest
(and the row being worked on) for the next run.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Model, QuerySet


def claim_each(due: QuerySet, handle: Callable[[Model], bool | None]) -> int:
    """Returns how many rows ``handle`` did something for (it returns False to
    say it found nothing to do after all)."""
    done = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            row = (
                due.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk)
                .first()
            )
            if row is not None and handle(row) is not False:
                done += 1
    return done
