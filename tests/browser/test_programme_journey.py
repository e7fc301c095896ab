"""The programme from end to end, in real browsers against a live daphne server:
a new host signs up and waits for a coordinator, unseen by newcomers; the
coordinator approves her in the admin's queue; a newcomer 40 km away finds her,
with the distance on the card, and asks; she accepts; the newcomer suggests
their first meeting from the pair page and the host accepts it on her home
page; both see it on /me/, the .ics reaches both, and the scheduled job
reminds both the day before."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.services import mails_to, outside_the_event_loop
from tests.browser.test_approval import COORDINATOR
from tests.browser.test_first_meeting import calendars_to
from tests.browser.test_members_match import PASSWORD, host_signs_up, log_in

HOST = "hanne@example.org"
NEWCOMER = "priya@example.org"
PLACE = "Dokk1, the café on the ground floor"


def _newcomer_and_coordinator() -> None:
    from django.contrib.auth.models import Group, Permission

    from tests.factories import make_account, make_member

    make_member(
        role="newcomer",
        display_name="Priya",
        email=NEWCOMER,
        password=PASSWORD,
        municipality="Horsens",
        languages={"en": "native", "da": "learning"},
        interests=("Sailing", "Cooking", "Running"),
    )
    coordinator = make_account(email=COORDINATOR, password=PASSWORD)
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    coordinator.groups.add(group)


def _hanne_in_the_directory(tab):
    tab.goto("/members/?role=all")
    return tab.get_by_role("main").get_by_role("listitem").filter(has_text="Hanne")


def _two_days_later() -> int:
    """The agreed meeting is now tomorrow (it was agreed two days ago); the
    scheduled jobs run once. Returns how many reminders went out."""
    from community.jobs import jobs_run
    from community.models import Meeting

    meeting = Meeting.objects.get(status=Meeting.Status.CONFIRMED)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(hours=20),
        responded_at=timezone.now() - timedelta(days=2),
    )
    mail.outbox.clear()
    return jobs_run(["meeting-reminders"])["meeting-reminders"]


def test_a_new_host_is_approved_found_matched_and_meets_her_newcomer(
    page, chromium, live_server_url, outbox_dir
):
    outside_the_event_loop(_newcomer_and_coordinator)

    # Hanne signs up as a host in Aarhus: she waits for a coordinator.
    host_signs_up(page, outbox_dir, HOST)
    expect(
        page.get_by_role("heading", name="A coordinator will contact you")
    ).to_be_visible()

    priya_context = chromium.new_context(base_url=live_server_url)
    priya = priya_context.new_page()
    log_in(priya, NEWCOMER)
    expect(_hanne_in_the_directory(priya)).to_have_count(0)

    # The coordinator approves her from the queue.
    admin_context = chromium.new_context(base_url=live_server_url)
    admin = admin_context.new_page()
    admin.goto("/accounts/login/?next=/admin/community/approvals/")
    admin.get_by_label("Email").fill(COORDINATOR)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_role("link", name=re.compile("Read the profile and decide")).click()
    admin.get_by_label("Private note").fill("Called Hanne: ready to host.")
    admin.get_by_label("Message to the member").fill("Welcome aboard, Hanne!")
    admin.get_by_role("button", name="Approve Hanne").click()
    expect(admin.get_by_text("Hanne is approved")).to_be_visible()
    admin_context.close()
    assert "Welcome to the host programme" in mails_to(outbox_dir, HOST)[-1]["Subject"]

    # Priya, in Horsens, finds her now, about 40 km away, and asks.
    card = _hanne_in_the_directory(priya)
    expect(card).to_contain_text(re.compile(r"About \d\d km away"))
    expect(card).to_contain_text(re.compile(r"\d+ of 100 points"))
    card.get_by_role("link", name="Hanne").first.click()
    expect(priya.get_by_role("main")).to_contain_text(re.compile(r"About \d\d km away"))
    priya.get_by_role("link", name="Ask to match").click()
    priya.get_by_label("Your message").fill(
        "Hej Hanne! We just moved to Horsens and would love to learn to sail."
    )
    priya.get_by_label("I have read and accept the programme's expectations").check()
    priya.get_by_role("button", name="Send request").click()

    # Hanne accepts.
    page.goto("/requests/")
    page.get_by_label("I have read and accept the programme's expectations").check()
    page.get_by_role("button", name="Accept Priya").click()
    page.goto("/me/")
    expect(page.get_by_role("main")).to_contain_text("Priya")

    # Priya suggests their first meeting from the pair page.
    day = timezone.localdate() + timedelta(days=3)
    priya.goto("/matches/")
    priya.get_by_role("main").get_by_role(
        "link", name=re.compile("Hanne")
    ).first.click()
    priya.get_by_role("link", name="Suggest a meeting").first.click()
    priya.get_by_label("Day").fill(day.isoformat())
    priya.get_by_label("Time").fill("14:30")
    priya.get_by_label("Where").fill(PLACE)
    priya.get_by_role("button", name="Send the suggestion").click()
    expect(priya.get_by_text("Waiting for Hanne's answer.")).to_be_visible()

    # Hanne accepts on her home page; both see it agreed there.
    page.goto("/me/")
    expect(page.get_by_text("Priya suggests meeting")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The meeting is agreed.")).to_be_visible()
    for tab in (page, priya):
        tab.goto("/me/")
        agreed = tab.locator(".meeting--agreed")
        expect(agreed.get_by_text("Meeting agreed")).to_be_visible()
        expect(agreed.get_by_text(PLACE)).to_be_visible()
        expect(agreed.locator("time")).to_have_attribute(
            "datetime", re.compile(rf"^{day.isoformat()}T14:30:00\+0[12]:00$")
        )
    priya.wait_for_load_state("networkidle")
    priya_context.close()

    # The .ics reached both; the day before, the job reminds both.
    for address in (HOST, NEWCOMER):
        (calendar,) = calendars_to(outbox_dir, address)
        (event,) = calendar.walk("VEVENT")
        assert str(event["LOCATION"]) == PLACE
    assert outside_the_event_loop(_two_days_later) == 1
    reminders = {message.to[0]: message.subject for message in mail.outbox}
    assert reminders == {
        HOST: "[Velkomst] Tomorrow: your meeting with Priya",
        NEWCOMER: "[Velkomst] Tomorrow: your meeting with Hanne",
    }
