"""Coordinator approval in a real browser against a live daphne server: a new
host finishes the set-up and waits, unseen by a newcomer; a coordinator reads
her profile in the admin's queue and approves her; the newcomer now finds her,
and she hears of it by e-mail."""

import re

from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from tests.browser.services import mails_to, outside_the_event_loop
from tests.browser.test_members_match import PASSWORD, host_signs_up, log_in
from tests.factories import make_account, make_member

NEWCOMER = "priya@example.org"
COORDINATOR = "mette@coordinators.example.org"
NOTE = "Called Hanne on Tuesday: lovely family, ready to host."
QUEUE_URL = "/admin/community/approvals/"


def _people():
    make_member(
        role="newcomer",
        display_name="Priya",
        email=NEWCOMER,
        password=PASSWORD,
        languages={"en": "native", "da": "learning"},
        interests=("Sailing", "Cooking", "Running"),
    )
    coordinator = make_account(email=COORDINATOR, password=PASSWORD)
    coordinator.first_name, coordinator.last_name = "Mette", "Holm"
    coordinator.save()
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    coordinator.groups.add(group)


def _hanne_in_the_directory(tab) -> None:
    tab.goto("/members/?role=all")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Find members")


def test_a_new_host_waits_until_a_coordinator_approves_her(
    page, chromium, live_server_url, outbox_dir
):
    outside_the_event_loop(_people)

    # Hanne signs up as a host and finishes her profile: she waits.
    host_signs_up(page, outbox_dir, "hanne@example.org")
    expect(page).to_have_url(re.compile(r"/me/$"))
    main = page.get_by_role("main")
    expect(
        main.get_by_role("heading", name="A coordinator will contact you")
    ).to_be_visible()
    expect(main).to_contain_text("Waiting since")
    expect(main).to_contain_text("other members do not see it")
    # Her header's Members link explains, rather than showing nobody.
    page.get_by_role("link", name="Members").first.click()
    expect(page.get_by_role("main")).to_contain_text(
        "You can meet other members once a coordinator has talked with you."
    )
    (told,) = mails_to(outbox_dir, COORDINATOR)
    assert "Hanne waits for your approval" in told["Subject"]

    # Priya, in a browser of her own, does not find her.
    priya_context = chromium.new_context(base_url=live_server_url)
    priya = priya_context.new_page()
    log_in(priya, NEWCOMER)
    _hanne_in_the_directory(priya)
    expect(priya.get_by_role("main").get_by_text("Hanne", exact=True)).to_have_count(0)

    # The coordinator finds Hanne in the queue, notes the call and approves.
    coordinator_context = chromium.new_context(base_url=live_server_url)
    admin = coordinator_context.new_page()
    admin.goto("/accounts/login/?next=/admin/")
    admin.get_by_label("Email").fill(COORDINATOR)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    admin.get_by_role("button", name="Community").click()
    admin.get_by_role("link", name="Waiting for approval (1)").click()
    card = admin.get_by_role("listitem").filter(has_text="Hanne")
    expect(card).to_contain_text("Host (local volunteer)")
    card.get_by_role("link", name=re.compile("Read the profile and decide")).click()
    expect(admin.get_by_role("main")).to_contain_text("Sailing")
    expect(admin.get_by_role("main")).to_contain_text("We like long walks by the bay")
    admin.get_by_label("Private note").fill(NOTE)
    admin.get_by_label("Message to the member").fill("Welcome aboard, Hanne!")
    admin.get_by_role("button", name="Approve Hanne").click()
    expect(admin.get_by_text("Hanne is approved")).to_be_visible()
    expect(admin.get_by_role("main")).to_contain_text("Nobody is waiting for approval.")
    admin.wait_for_load_state("networkidle")
    coordinator_context.close()

    # Priya now finds Hanne, and Hanne hears of it by e-mail.
    _hanne_in_the_directory(priya)
    card = priya.get_by_role("main").get_by_role("listitem").filter(has_text="Hanne")
    expect(card).to_contain_text("You both like")
    card.get_by_role("link", name="Hanne").first.click()
    expect(priya.get_by_role("link", name="Ask to match")).to_be_visible()
    priya.wait_for_load_state("networkidle")
    priya_context.close()

    (approved,) = mails_to(outbox_dir, "hanne@example.org")[-1:]
    assert "Welcome to the host programme, Hanne" in approved["Subject"]
    body = approved.get_body(preferencelist=("plain",)).get_content()
    assert "Welcome aboard, Hanne!" in body
    assert NOTE not in body
    page.goto("/me/")
    expect(page.get_by_role("main")).not_to_contain_text(
        "A coordinator will contact you"
    )


# --- The pages of approval on a phone and a desktop ----------------------------------


def _waiting_and_declined():
    from types import SimpleNamespace

    from community.services.approvals import member_decline
    from tests.browser.bilingual_site import make_bilingual_site
    from tests.factories import UserFactory

    make_bilingual_site()
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    coordinator = UserFactory(first_name="Mette", last_name="Holm")
    coordinator.groups.add(group)
    waiting = make_member(
        role="host", display_name="Wenche", approval="not_needed", capacity=2
    )
    declined = make_member(role="host", display_name="Dorte", approval="not_needed")
    member_decline(
        member=declined,
        coordinator=coordinator,
        message="We talked on the phone: the timing is not right. Write to us in May.",
    )
    return SimpleNamespace(
        waiting=waiting,
        declined=declined,
        coordinator=SimpleNamespace(user=coordinator),
    )


def test_the_pages_of_approval_fit_a_phone_and_pass_the_accessibility_checks(
    chromium, live_server_url
):
    from tests.browser.bilingual_site import sign_in
    from tests.browser.test_accessibility import violations_on
    from tests.browser.test_phone_layout import WIDTHS, wider_than_the_screen

    people = outside_the_event_loop(_waiting_and_declined)
    visits = [
        (people.waiting, "/me/", True),
        (people.waiting, "/da/me/", True),
        (people.waiting, "/members/", True),
        (people.waiting, "/da/members/suggested/", True),
        (people.declined, "/me/", True),
        (people.declined, "/da/me/", True),
        (people.coordinator, QUEUE_URL, False),
        (people.coordinator, f"{QUEUE_URL}{people.waiting.pk}/", False),
        (people.coordinator, f"{QUEUE_URL}{people.declined.pk}/", False),
        (people.coordinator, "/admin/community/dashboard/", False),
    ]
    found = []
    for who, url, check_axe in visits:
        context = chromium.new_context(base_url=live_server_url)
        sign_in(context, live_server_url, who)
        tab = context.new_page()
        assert tab.goto(url).status == 200, url
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            found += [
                f"{url} at {width} px: {line}"
                for line in wider_than_the_screen(tab, width)
            ]
        if check_axe:
            found += violations_on(tab, url)
        tab.goto("about:blank")
        context.close()
    assert not found, "\n".join(found)
