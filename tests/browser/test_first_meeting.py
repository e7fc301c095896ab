"""Two matched members agree on their first meeting in two browsers against a
live daphne server: the newcomer suggests it from the pair page, the host sees
it arrive in the conversation he has open (no reload) and on his home page,
accepts there, and both see it agreed on /me/; the .ics reaches both."""

import email
import re
from datetime import timedelta
from email import policy

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.test_chat import live
from tests.factories import make_match, make_member


def calendars_to(outbox_dir, address: str) -> list[Calendar]:
    found = []
    for path in sorted(outbox_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address not in message["To"]:
            continue
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                found.append(Calendar.from_ical(part.get_content()))
    return found


def test_a_first_meeting_is_suggested_seen_live_and_agreed(browser_for, outbox_dir):
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    match = make_match(newcomer, host)
    day = timezone.localdate() + timedelta(days=5)

    hanne = browser_for(host)
    hanne.goto(f"/messages/{match.conversation.pk}/")
    live(hanne)
    expect(hanne.get_by_text("No meeting agreed yet.")).to_be_visible()

    nadia = browser_for(newcomer)
    nadia.goto(f"/matches/{match.pk}/")
    nadia.get_by_role("link", name="Suggest a meeting").click()
    expect(
        nadia.get_by_role("heading", name="Suggest a meeting to Hanne")
    ).to_be_visible()
    nadia.get_by_label("Day").fill(day.isoformat())
    nadia.get_by_label("Time").fill("14:30")
    nadia.get_by_label("Where").fill("Dokk1, the café on the ground floor")
    nadia.get_by_label("A note").fill("I will wear a red scarf.")
    nadia.get_by_role("button", name="Send the suggestion").click()
    expect(nadia.get_by_text("Waiting for Hanne's answer.")).to_be_visible()
    assert nadia.url.endswith(f"/matches/{match.pk}/")

    # It arrives in the conversation Hanne has open, without a reload.
    box = hanne.locator("[data-chat-meeting]")
    expect(box.get_by_text("Nadia suggests meeting")).to_be_visible()
    expect(box.get_by_text("Dokk1, the café on the ground floor")).to_be_visible()
    expect(box.get_by_role("button", name="Accept")).to_be_visible()
    live(hanne)

    hanne.goto("/me/")
    expect(hanne.get_by_text("Nadia suggests meeting")).to_be_visible()
    hanne.get_by_role("button", name="Accept").click()
    expect(hanne.get_by_text("The meeting is agreed.")).to_be_visible()
    assert hanne.url.endswith("/me/")

    for tab in (hanne, nadia):
        tab.goto("/me/")
        agreed = tab.locator(".meeting--agreed")
        expect(agreed.get_by_text("Meeting agreed")).to_be_visible()
        expect(agreed.locator("time")).to_have_attribute(
            "datetime", re.compile(rf"^{day.isoformat()}T14:30:00\+0[12]:00$")
        )
        expect(
            agreed.get_by_text("Dokk1, the café on the ground floor")
        ).to_be_visible()

    for member in (host, newcomer):
        (calendar,) = calendars_to(outbox_dir, member.user.email)
        (event,) = calendar.walk("VEVENT")
        assert str(event["LOCATION"]) == "Dokk1, the café on the ground floor"
        start = timezone.localtime(event.decoded("DTSTART"))
        assert (start.date(), start.strftime("%H:%M")) == (day, "14:30")
