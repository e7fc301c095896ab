"""E-mail: the one-machine backend, and the queue that sends e-mail outside the
request.

``ConsoleAndOutboxBackend`` prints each message and keeps it as an ``.eml`` file
in ``settings.EMAIL_OUTBOX_DIR`` (named by time and a random suffix) so that a
developer, or a browser test, can open the verification link a real member would
click.

``message_enqueue`` hands a rendered message to the ``message_send`` task on the
``"email"`` task backend (``settings.TASKS``). The site's is ``ThreadBackend``: one
worker thread in each web process sends what that process's requests queued,
once their transaction commits. It needs no set-up on one machine or on many,
and nothing is sent twice, because only the process that queued a message knows
of it. The queue lives in memory: a normal stop sends what is left first, a
killed process loses it (allauth lets a member ask for the e-mail again). The
tests run tasks at once (``ImmediateBackend``), so ``mail.outbox`` fills as before.
"""

import logging
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.db import close_old_connections, transaction
from django_tasks import TaskResult, task
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

# Seconds to wait before each new try when the mail server fails.
SEND_RETRY_DELAYS = (2, 10)


class ConsoleAndOutboxBackend(BaseEmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.console = ConsoleBackend(*args, **kwargs)
        self.outbox = Path(settings.EMAIL_OUTBOX_DIR)

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        self.outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = self.outbox / f"{stamp}-{secrets.token_hex(3)}.eml"
            path.write_bytes(message.message().as_bytes())
        return self.console.send_messages(email_messages)


# --- The worker thread -------------------------------------------------------------

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _executor_get() -> ThreadPoolExecutor:
    """This process's one worker thread, started on first use. One thread keeps
    the order of sending and the load small: a slow mail server delays e-mail,
    never a request. At exit Python lets it finish what is queued."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks")
        return _executor


def _executor_forget() -> None:
    """A forked child has no worker thread; it starts its own when needed."""
    global _executor, _executor_lock
    _executor = None
    _executor_lock = threading.Lock()


os.register_at_fork(after_in_child=_executor_forget)


class ThreadBackend(ImmediateBackend):
    """A django-tasks backend that runs each task in this process's worker thread
    after the enqueuing transaction commits (at once outside a transaction), so
    the request neither waits for it nor announces what was rolled back."""

    def _execute_task(self, task_result: TaskResult) -> None:
        transaction.on_commit(
            lambda: _executor_get().submit(self._execute_in_worker, task_result)
        )

    def _execute_in_worker(self, task_result: TaskResult) -> None:
        try:
            # ImmediateBackend's: runs the task, records the outcome, logs a failure.
            super()._execute_task(task_result)
        finally:
            close_old_connections()


# --- Queued e-mail -------------------------------------------------------------------


def message_as_data(message: EmailMessage) -> dict:
    """A rendered message as JSON-able data, as a task's arguments must be."""
    if message.attachments:
        raise ValueError("A queued e-mail cannot carry attachments.")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "content_subtype": message.content_subtype,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    return message


@task(backend="email")
def message_send(data: dict) -> int:
    """Send one queued message, trying again twice if the mail server fails."""
    message = message_from_data(data)
    for delay in SEND_RETRY_DELAYS:
        try:
            return message.send()
        except OSError:  # smtplib's errors and refused connections alike
            logger.warning(
                "Mail server failed; trying again in %s s.", delay, exc_info=True
            )
            time.sleep(delay)
    return message.send()  # the last try; a failure is logged with the task


def message_enqueue(message: EmailMessage) -> None:
    """Send ``message`` outside the request (see the module's docstring)."""
    message_send.enqueue(message_as_data(message))
