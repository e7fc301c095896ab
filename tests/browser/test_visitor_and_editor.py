"""A visitor finds their way around the demo site, and an editor publishes a page,
in a real browser against a live daphne server."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_follows_the_menu_searches_and_downloads_the_welcome_manual(page):
    call_command("seed_demo", verbosity=0)

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()

    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="New in Denmark").click()
    expect(page.get_by_role("heading", level=1, name="New in Denmark")).to_be_visible()
    expect(menu.get_by_role("link", name="New in Denmark")).to_have_attribute(
        "aria-current", "page"
    )
    # The authorities' real addresses are on the page.
    expect(
        page.locator('a[href^="https://lifeindenmark.borger.dk"]').first
    ).to_be_visible()

    page.get_by_label("Search the site").fill("sailing")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=sailing"))
    expect(
        page.get_by_role("heading", name=re.compile(r"results? for"))
    ).to_be_visible()
    main = page.get_by_role("main")
    main.get_by_role("link", name=re.compile("sail", re.IGNORECASE)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("sail", re.IGNORECASE)
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the welcome manual (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as manual:
        assert manual.read(5) == b"%PDF-"


def test_visitor_filters_activity_ideas_and_adds_an_event_to_the_calendar(page):
    call_command("seed_demo", verbosity=0)

    page.goto("/")
    page.get_by_role("link", name="See all ideas").click()
    page.get_by_label("Suits families with children").check()
    page.get_by_role("button", name="Show ideas").click()
    expect(page).to_have_url(re.compile(r"children=1"))
    cards = (
        page.get_by_role("main")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading"))
    )
    expect(cards.first).to_be_visible()
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("Suits children")

    page.goto("/")
    page.get_by_role("link", name="See all events").click()
    page.get_by_role(
        "link", name=re.compile("welcome meeting", re.IGNORECASE)
    ).first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    with open(download_info.value.path(), encoding="utf-8") as calendar:
        text = calendar.read()
    assert "BEGIN:VEVENT" in text
    assert "welcome meeting" in text.lower()


def test_editor_publishes_a_page_that_visitors_then_see(page, chromium):
    call_command("seed_demo", verbosity=0)
    from cms_pages.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")  # not the Danish one

    # The admin sends people to the one log-in page (allauth's) and back.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    page.get_by_label("Email").fill("editor@velkomst.localhost")
    page.get_by_label("Password").fill("velkomst-editor")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/pages/add/cms_pages/informationpage/{home.pk}/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(
        "Winter swimming for beginners"
    )
    page.get_by_role("textbox", name=re.compile(r"^Introduction")).fill(
        "Where to take your first cold dip in Aarhus, and with whom."
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("created and published"))).to_be_visible()

    visitor = chromium.new_context(base_url=page.url.split("/admin/")[0])
    visitor_tab = visitor.new_page()
    response = visitor_tab.goto("/winter-swimming-for-beginners/")
    assert response.status == 200
    expect(
        visitor_tab.get_by_role(
            "heading", level=1, name="Winter swimming for beginners"
        )
    ).to_be_visible()
    expect(visitor_tab.get_by_text("first cold dip")).to_be_visible()
    visitor.close()
