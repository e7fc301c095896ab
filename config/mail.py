"""E-mail backend for one machine: print to the console and keep a copy on disk.

Each message is written as an ``.eml`` file in ``settings.EMAIL_OUTBOX_DIR`` (named
by time and a random suffix) so that a developer, or a browser test, can open the
verification link a real member would click.
"""

import secrets
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend


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
