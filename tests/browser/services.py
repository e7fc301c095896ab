"""Calling the site's services from a browser test, and a tab signed in as a
member."""

import email
import threading
from email import policy

from django.db import connections
from django.test import Client

from tests.factories import PASSWORD


def outside_the_event_loop(function, *args, **kwargs):
    """``function(*args, **kwargs)`` in a thread of its own: Playwright's event
    loop runs in the test's thread, where the services' announcements on the
    channel layer (``async_to_sync``) refuse to run."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as error:  # handed back to the test's thread
            outcome["error"] = error
        finally:
            # This thread's own connections: none may outlive it (PostgreSQL
            # will not drop the test database while one is open).
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def signed_in_tab(chromium, base_url: str, profile, problems: list[str]):
    """A page in a new browser context at ``base_url``, signed in as the member
    (the session cookie of a real log-in); JavaScript errors go to
    ``problems``."""
    client = Client()
    assert client.login(username=profile.user.username, password=PASSWORD)
    context = chromium.new_context(base_url=base_url)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": base_url,
            }
        ]
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    return tab


def mails_to(outbox_dir, address: str) -> list:
    """The e-mails in the outbox folder addressed to ``address``, oldest first."""
    found = []
    for path in sorted(outbox_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in message["To"]:
            found.append(message)
    return found
