"""Two people sign up, build their profiles, find each other and become a pair,
in a real browser against a live daphne server. (A coordinator approves the
new host in between, as tests/browser/test_approval.py does in the admin.)"""

import email
import re
from email import policy

from playwright.sync_api import expect

from tests.browser.services import outside_the_event_loop

PASSWORD = "a-long-and-unusual-passphrase-42"


def confirmation_link(outbox_dir, address: str) -> str:
    for path in sorted(outbox_dir.glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in message["To"]:
            body = message.get_body(preferencelist=("plain",)).get_content()
            return re.search(r"https?://\S+/accounts/confirm-email/\S+/", body)[0]
    raise AssertionError(f"No e-mail to {address} in {outbox_dir}")


def sign_up(page, outbox_dir, *, address: str, name: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Your first name or nickname").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I have read and accept the").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("e-mail", re.IGNORECASE)
    )

    page.goto(confirmation_link(outbox_dir, address))
    page.get_by_role("button", name="Confirm my e-mail address").click()


def build_profile(page, *, role: str, languages, interests, household: str) -> None:
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    page.get_by_label(role).check()
    page.get_by_label(household).check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Municipality").select_option(label="Aarhus")
    for number, (language, level) in enumerate(languages, start=1):
        page.get_by_label(f"Language {number}").select_option(label=language)
        page.get_by_label("Level").nth(number - 1).select_option(label=level)
    page.get_by_role("button", name="Save and continue").click()

    for interest in interests:
        page.get_by_label(interest, exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    if role.startswith("Host"):
        page.get_by_label("1–2 meetings a month").check()
    page.get_by_label("About me").fill(
        "We like long walks by the bay and cooking for friends on Sundays."
    )
    page.get_by_role("button", name="Save and finish").click()


def host_signs_up(page, outbox_dir, address: str) -> None:
    """Hanne signs up and sets up her profile as a host with a family, who
    speaks Danish and English and likes sailing, cooking and hiking."""
    sign_up(page, outbox_dir, address=address, name="Hanne")
    build_profile(
        page,
        role="Host (local volunteer)",
        languages=[("Danish", "Native"), ("English", "Fluent")],
        interests=["Sailing", "Cooking", "Hiking"],
        household="Family with children",
    )


def approve(address: str) -> None:
    """A coordinator talked with the new host and approves her."""
    from community.models import Profile
    from community.services.approvals import member_approve
    from tests.factories import UserFactory

    member = Profile.objects.get(user__email=address)
    member_approve(member=member, coordinator=UserFactory())


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def log_in(page, address: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|Sign in")).click()


def test_two_members_sign_up_find_each_other_and_become_a_pair(page, outbox_dir):
    host_signs_up(page, outbox_dir, "hanne@example.org")
    expect(page.get_by_text("A coordinator will contact you").first).to_be_visible()
    log_out(page)
    outside_the_event_loop(approve, "hanne@example.org")

    sign_up(page, outbox_dir, address="priya@example.org", name="Priya")
    build_profile(
        page,
        role="Newcomer (new in Denmark)",
        languages=[("English", "Native"), ("Danish", "Learning")],
        interests=["Sailing", "Running", "Cooking"],
        household="Couple",
    )

    # Priya looks for hosts who like sailing.
    page.get_by_role("link", name="Members").first.click()
    page.get_by_label("Sailing", exact=True).check()
    page.get_by_role("button", name="Show members").click()
    expect(page).to_have_url(re.compile(r"interests=sailing"))
    card = page.get_by_role("main").get_by_role("listitem").filter(has_text="Hanne")
    expect(card).to_contain_text("You both like")
    card.get_by_role("link", name="Hanne").first.click()

    page.get_by_role("link", name="Ask to match").click()
    page.get_by_label("Your message").fill(
        "Hej Hanne! We just moved to Aarhus and would love to learn to sail."
    )
    page.get_by_label("I have read and accept the programme's expectations").check()
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text(re.compile("request", re.IGNORECASE)).first).to_be_visible()
    log_out(page)

    # Hanne answers.
    log_in(page, "hanne@example.org")
    page.get_by_role("link", name=re.compile("^Requests")).click()
    page.get_by_label("I have read and accept the programme's expectations").check()
    page.get_by_role("button", name="Accept Priya").click()
    page.get_by_role("link", name=re.compile("^Matches")).first.click()
    expect(page.get_by_role("main")).to_contain_text("Priya")
    log_out(page)

    log_in(page, "priya@example.org")
    page.get_by_role("link", name=re.compile("^Matches")).first.click()
    expect(page.get_by_role("main")).to_contain_text("Hanne")
