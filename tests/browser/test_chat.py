"""Two matched members chat in two browsers against a live daphne server: both
ways, live; the other's unread badge changes on another page; a reload shows the
whole history once; and the chat survives its socket dropping."""

import re

from playwright.sync_api import expect

from tests.factories import make_match, make_member


class Tunnel:
    """Routes the page's chat socket through Playwright, so a test can drop it
    and, while "in the tunnel", let the page reconnect to nothing (the page
    thinks it is connected, the server never hears it)."""

    def __init__(self, tab):
        self.inside = False
        self.sockets = []
        tab.route_web_socket(re.compile(r"/ws/conversations/"), self._route)

    def _route(self, socket):
        if not self.inside:
            socket.connect_to_server()
        self.sockets.append(socket)

    def _drop(self):
        self.sockets[-1].close(code=4000, reason="dropped")

    def enter(self):
        self.inside = True
        self._drop()

    def leave(self):
        self.inside = False
        self._drop()


def live(tab):
    expect(tab.locator("[data-chat-status]")).to_have_attribute("data-state", "live")


def write(tab, text: str) -> None:
    tab.get_by_label(re.compile("^Write to")).fill(text)
    tab.get_by_role("button", name="Send").click()


def messages(tab):
    return tab.locator(".chat__messages .chat-message__body")


def test_matched_members_chat_live_both_ways(browser_for):
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    match = make_match(newcomer, host)
    chat = f"/messages/{match.conversation.pk}/"

    hanne = browser_for(host)
    nadia = browser_for(newcomer)
    tunnel = Tunnel(nadia)
    hanne.goto(chat)
    nadia.goto("/members/")
    live(hanne)
    expect(nadia.locator('[data-badge="unread_messages"]')).to_be_hidden()

    # Hanne writes while Nadia is on another page: Nadia's badge counts it.
    write(hanne, "Hej Nadia! Welcome to Aarhus <3 https://www.visitaarhus.com")
    badge = nadia.locator('[data-badge="unread_messages"]')
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("1")

    # Nadia opens the chat from the menu: the message is there, the link is safe.
    nadia.get_by_role("link", name=re.compile("^Messages")).click()
    nadia.get_by_role("link", name="Hanne").click()
    live(nadia)
    expect(messages(nadia)).to_have_count(1)
    expect(messages(nadia).first).to_contain_text("Welcome to Aarhus <3")
    link = messages(nadia).first.get_by_role("link")
    expect(link).to_have_attribute("rel", "nofollow noopener")
    expect(nadia.locator('[data-badge="unread_messages"]')).to_be_hidden()
    # Hanne sees that Nadia has read it.
    expect(hanne.locator("[data-chat-seen]")).to_be_visible()

    # Both ways, live, with Enter to send.
    nadia.get_by_label(re.compile("^Write to")).fill("Tak! Coffee on Saturday?")
    nadia.keyboard.press("Enter")
    expect(messages(hanne).last).to_have_text("Tak! Coffee on Saturday?")
    write(hanne, "Saturday at 14, by the harbour.")
    expect(messages(nadia).last).to_have_text("Saturday at 14, by the harbour.")

    # The connection drops and comes back without the server (a train in a
    # tunnel): a message written then waits, unacknowledged, and is sent once
    # a real connection is back, once.
    tunnel.enter()
    write(nadia, "Written on the train")
    expect(nadia.locator(".chat-message--pending")).to_contain_text("Sending")
    tunnel.leave()
    expect(messages(hanne).last).to_have_text("Written on the train")
    expect(nadia.locator(".chat-message--pending")).to_have_count(0)

    # A reload shows the whole history, each message once.
    for tab in (hanne, nadia):
        tab.reload()
        live(tab)
        expect(messages(tab)).to_have_text(
            [
                re.compile("Welcome to Aarhus"),
                "Tak! Coffee on Saturday?",
                "Saturday at 14, by the harbour.",
                "Written on the train",
            ]
        )
