"""A programme coordinator finds a pair that does not work, ends it and
introduces the newcomer to someone new, who then accepts: in a real browser
against a live daphne server, on the demo data."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from community.demo.members import DEMO_PASSWORD, email_for
from community.demo.operations import COORDINATOR_PASSWORD, PROGRAMME_COORDINATOR
from community.models import Match, MatchRequest


def log_in(page, address: str, password: str, *, next_url: str = "") -> None:
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_coordinator_finds_a_flagged_pair_and_rematches_the_newcomer(page, chromium):
    call_command("seed_demo", verbosity=0)

    log_in(page, PROGRAMME_COORDINATOR, COORDINATOR_PASSWORD, next_url="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.get_by_role("button", name="Community").click()
    page.get_by_role("link", name="Pairs to follow up").click()

    # Only the coordinator's own programme: the silent pair of members outside
    # it is not listed.
    row = page.get_by_role("row").filter(has_text="asks for a new match")
    expect(row).to_contain_text("Linh Nguyen")
    expect(page.get_by_text("Mohammed Al-Sayed")).to_have_count(0)
    row.get_by_role("link", name=re.compile("Follow up")).click()

    expect(page.get_by_text("Our weekends never fit.")).to_be_visible()
    page.get_by_label("Why it ends").fill("Linh asked for a new match twice.")
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_text("The match has ended")).to_be_visible()

    candidates = page.get_by_role("table").filter(has_text="Introduce").first
    first = candidates.get_by_role("row").nth(1)
    candidate_name = first.get_by_role("cell").first.inner_text().split("\n")[0]
    first.get_by_role("textbox").fill(
        "Linh, meet a host who also loves the things you wrote about. "
        "Have a coffee together soon!"
    )
    first.get_by_role("button", name=re.compile("^Introduce")).click()
    expect(page.get_by_text("was asked whether they would like")).to_be_visible()
    assert (
        Match.objects.get(
            host__display_name__startswith="Mette", newcomer__display_name="Linh Nguyen"
        ).status
        == Match.Status.ENDED
    )
    request = MatchRequest.objects.get(
        recipient__display_name="Linh Nguyen", introduced_by__isnull=False
    )
    assert request.sender.display_name == candidate_name

    # Linh finds the suggestion on her requests page and accepts it.
    linh = chromium.new_context(base_url=page.url.split("/admin/")[0])
    tab = linh.new_page()
    log_in(tab, email_for("nguyen.linh"), DEMO_PASSWORD, next_url="/requests/")
    card = tab.locator(f"#request-{request.pk}")
    expect(card).to_contain_text("suggested by your coordinator")
    card.get_by_label(re.compile("I have read")).check()
    card.get_by_role("button", name=re.compile("^Accept")).click()
    expect(
        tab.get_by_text(re.compile(f"You and {re.escape(candidate_name)} are now"))
    ).to_be_visible()
    assert Match.objects.filter(
        newcomer__display_name="Linh Nguyen",
        host__display_name=candidate_name,
        status=Match.Status.ACTIVE,
    ).exists()
    tab.wait_for_load_state("networkidle")
    linh.close()
