"""The chat page through faults, in two browsers against a daphne process of
its own with a Redis of its own (tests/chaos.py): a message written while Redis
is down is stored and reaches the other member, and a message still waiting
when its writer reloads the page is sent after the reload, once.

Needs PostgreSQL and Redis (CI's second pass) and ``redis-server``.
"""

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import expect

from tests import chaos
from tests.browser.services import signed_in_tab
from tests.browser.test_chat import Tunnel, live, messages, write
from tests.community.test_chat_faults import database_dsn
from tests.factories import make_match, make_member
from tests.live import close_database_connections

pytestmark = pytest.mark.skipif(
    "RedisPubSub" not in settings.CHANNEL_LAYERS["default"]["BACKEND"],
    reason="needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL)",
)

# The page pings every 25 s and catches up from the database then.
CAUGHT_UP_WITHIN = 40_000  # ms


@pytest.fixture
def own_server(tmp_path, transactional_db):
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL (DATABASE_URL)")
    redis = chaos.RedisServer(tmp_path).start()
    close_database_connections()
    server = chaos.DaphneServer(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_dsn(),
            "REDIS_URL": redis.url,
        },
        tmp_path,
        "browser",
    )
    server.start()
    yield redis, server
    server.stop()
    redis.stop()
    close_database_connections()


@pytest.fixture
def open_as(chromium, own_server):
    _redis, server = own_server
    url = f"http://{chaos.HOST}:{server.port}"
    contexts, problems = [], []

    def open_page(profile):
        tab = signed_in_tab(chromium, url, profile, problems)
        contexts.append(tab.context)
        return tab

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, problems
    assert server.crashes() == []


def test_a_message_written_while_redis_is_down_reaches_both_sides(open_as, own_server):
    redis, _server = own_server
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    chat = f"/messages/{make_match(newcomer, host).conversation.pk}/"
    hanne, nadia = open_as(host), open_as(newcomer)
    for tab in (hanne, nadia):
        tab.goto(chat)
        live(tab)

    redis.kill()
    write(hanne, "Redis is down, but this still arrives")
    # Stored and acknowledged: Hanne sees it as sent, not failed.
    expect(hanne.locator(".chat-message__state").last).to_have_text("Sent")
    redis.start()
    expect(messages(nadia).last).to_have_text(
        "Redis is down, but this still arrives", timeout=CAUGHT_UP_WITHIN
    )
    # Once Redis is back the chat is live again both ways.
    write(nadia, "Got it!")
    expect(messages(hanne).last).to_have_text("Got it!", timeout=CAUGHT_UP_WITHIN)
    expect(messages(hanne)).to_have_count(2)
    expect(messages(nadia)).to_have_count(2)


def test_a_message_waiting_during_a_reload_is_sent_after_it_once(open_as):
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    chat = f"/messages/{make_match(newcomer, host).conversation.pk}/"
    hanne, nadia = open_as(host), open_as(newcomer)
    tunnel = Tunnel(nadia)
    for tab in (hanne, nadia):
        tab.goto(chat)
        live(tab)

    tunnel.enter()  # Nadia's connection goes nowhere; the page does not know
    write(nadia, "Written just before the reload")
    expect(nadia.locator(".chat-message--pending")).to_contain_text("Sending")
    nadia.reload()
    # The outbox survived the reload: the message waits, shown as sending.
    expect(nadia.locator(".chat-message--pending")).to_contain_text(
        "Written just before the reload"
    )
    tunnel.leave()
    expect(messages(hanne).last).to_have_text("Written just before the reload")
    expect(nadia.locator(".chat-message--pending")).to_have_count(0)
    nadia.reload()
    live(nadia)
    expect(messages(nadia)).to_have_text(["Written just before the reload"])
    expect(messages(hanne)).to_have_count(1)
