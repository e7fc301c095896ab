"""Calling the site's services from a browser test."""

import threading

from django.db import connections


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
