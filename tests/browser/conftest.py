"""Browser tests: Playwright drives Debian's chromium against a live daphne server.

The server is one daphne process per test session, forked after the test database
exists, so it serves exactly what a test committed. Tests that use it are
transactional (``live_server_url`` requests ``transactional_db``) and restore the
migrations' data (Wagtail's root page and default site) afterwards.
"""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.db import connections
from django.test import override_settings

from tests.live import daphne_start, daphne_stop

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in
# the test body are still plain synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def outbox_dir(tmp_path_factory):
    """Where the live server keeps the e-mails it sends, one .eml file each."""
    return tmp_path_factory.mktemp("outbox")


@pytest.fixture(scope="session")
def daphne_url(
    django_db_setup, django_db_blocker, outbox_dir, tmp_path_factory
) -> Iterator[str]:
    # Playwright's sync API runs the tests in another context, where Django hands
    # out fresh connection objects without the snapshot serialized_rollback
    # restores from (Wagtail's root page, collection, site and groups). Make the
    # snapshot visible to every connection of this backend.
    connection = connections["default"]
    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot is not None:
        type(connection)._test_serialized_contents = snapshot

    def mail_to_files() -> None:
        # The server sends e-mail to files the tests can read, as on a
        # developer's machine.
        from django.conf import settings

        settings.EMAIL_BACKEND = "config.mail.ConsoleAndOutboxBackend"
        settings.EMAIL_OUTBOX_DIR = outbox_dir

    # The server and the tests share one cache, as several processes share
    # Redis in production: what a test changes (and the cache clearing between
    # tests) reaches the server's cached site frame and Wagtail's caches too.
    shared_cache = override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path_factory.mktemp("cache")),
            }
        }
    )
    shared_cache.enable()
    process = daphne_start(django_db_blocker, setup=mail_to_files)
    yield f"http://127.0.0.1:{process.port.value}"
    daphne_stop(process)
    shared_cache.disable()


@pytest.fixture(scope="session")
def chromium(daphne_url):
    """Debian's chromium, launched once (after daphne forked, so the server
    process does not inherit the browser's threads)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("chromium is not installed: 'make test' installs it as root")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server_url(daphne_url, transactional_db) -> str:
    return daphne_url


@pytest.fixture
def page(chromium, live_server_url):
    """A fresh browser context per test; fails the test on CSP violations or
    JavaScript errors the visitor would hit."""
    context = chromium.new_context(base_url=live_server_url, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "/admin/" not in tab.url
            else None
        ),
    )
    tab.problems = problems
    yield tab
    # Let every request of the last page finish before the database is emptied
    # for the next test; a late request would write into the emptied tables.
    tab.wait_for_load_state("networkidle")
    tab.goto("about:blank")
    context.close()
    assert not problems, problems


@pytest.fixture
def browser_for(chromium, live_server_url):
    """``browser_for(profile)``: a signed-in page in a new browser context.
    Fails the test on JavaScript errors."""
    from tests.browser.services import signed_in_tab

    contexts = []
    problems: list[str] = []

    def open_as(profile):
        tab = signed_in_tab(chromium, live_server_url, profile, problems)
        contexts.append(tab.context)
        return tab

    yield open_as
    for context in contexts:
        for tab in context.pages:
            tab.goto("about:blank")
        context.close()
    assert not problems, problems
