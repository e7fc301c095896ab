"""The site on a phone: no page scrolls sideways at 320, 390 or 1280 px (WCAG
1.4.10), in English and Danish, the coordinators' admin pages included; the
header folds into a Menu button that opens the member and page navigation
without JavaScript; a conversation fills the
screen with the newest message and the message box both in view."""

import pytest

from tests.browser.bilingual_site import make_site_with_members, sign_in
from tests.browser.services import outside_the_event_loop

WIDTHS = (320, 390, 1280)


@pytest.fixture
def site(live_server_url):
    return outside_the_event_loop(make_site_with_members)


def wider_than_the_screen(tab, width: int) -> list[str]:
    """The page's width if it is wider than ``width``, with the elements that
    stick out on the right."""
    return tab.evaluate(
        """(width) => {
          const wide = document.documentElement.scrollWidth;
          if (wide <= width) return [];
          const out = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > width + 1)
            .slice(0, 3)
            .map((e) => e.tagName.toLowerCase() + "." + e.className);
          return [`${wide} px wide: ${out.join(", ")}`];
        }""",
        width,
    )


@pytest.mark.parametrize("language", ["en", "da"])
def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(
    chromium, live_server_url, site, language
):
    found = []
    for name, tab in site.visit_every_page(chromium, live_server_url, language):
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            found += [
                f"{name} {tab.url} at {width} px: {line}"
                for line in wider_than_the_screen(tab, width)
            ]
    assert not found, "\n".join(found)


def test_the_phone_menu_opens_the_navigation_without_javascript(
    chromium, live_server_url, site
):
    context = chromium.new_context(
        base_url=live_server_url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    sign_in(context, live_server_url, site.host)
    tab = context.new_page()
    tab.goto("/members/")
    header = tab.locator("header.site-header")
    members = tab.get_by_role("navigation", name="Members")
    assert header.bounding_box()["height"] < 100
    assert not members.is_visible()
    # Menu, with what waits behind it: Omar's request and Nadia's message.
    menu = tab.locator("summary", has_text="Menu")
    assert "(2 new)" in menu.inner_text()
    menu.click()
    assert members.get_by_role("link", name="Messages").is_visible()
    assert tab.get_by_role("navigation", name="Main menu").is_visible()
    assert tab.get_by_role("searchbox", name="Search the site").is_visible()
    members.get_by_role("link", name="Matches").click()
    assert tab.url.endswith("/matches/")
    context.close()


def test_the_desktop_header_shows_everything_without_a_menu_button(
    page, live_server_url, site
):
    sign_in(page.context, live_server_url, site.host)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/members/")
    assert not page.locator("summary", has_text="Menu").is_visible()
    assert page.get_by_role("navigation", name="Members").is_visible()
    assert page.get_by_role("navigation", name="Main menu").is_visible()
    assert page.get_by_role("searchbox", name="Search the site").is_visible()


def in_view(tab, locator) -> bool:
    box = locator.bounding_box()
    height = tab.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_conversation_on_a_phone_shows_the_newest_message_and_the_message_box(
    page, live_server_url, site
):
    sign_in(page.context, live_server_url, site.host)
    page.set_viewport_size({"width": 390, "height": 844})
    for number in range(12):
        # Enough history to scroll: the box must stay in view all the same.
        page.goto(f"/messages/{site.match.conversation.pk}/")
        box = page.get_by_label("Write to Nadia")
        if number == 0:
            assert in_view(page, box), box.bounding_box()
            assert in_view(page, page.get_by_text("Hej Nadia, velkommen!"))
        box.fill(f"Message number {number}")
        page.get_by_role("button", name="Send").click()
        page.get_by_text(f"Message number {number}").wait_for()
    page.reload()
    newest = page.get_by_text("Message number 11")
    box = page.get_by_label("Write to Nadia")
    page.wait_for_function(
        "() => { const l = document.querySelector('[data-chat-messages]');"
        " return l.scrollHeight - l.scrollTop - l.clientHeight < 2; }"
    )
    assert in_view(page, box), box.bounding_box()
    assert in_view(page, newest), newest.bounding_box()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def coordinator_pages() -> dict[str, str]:
    """Every kind of page a coordinator uses, on the demo data: name → URL."""
    from community.models import CheckIn, Match, Profile, Programme
    from community.selectors.pairs import flagged_pairs

    flagged, _flags = flagged_pairs()[0]
    return {
        "admin home": "/admin/",
        "dashboard": "/admin/community/dashboard/",
        "waiting for approval": "/admin/community/approvals/",
        "a member waiting": "/admin/community/approvals/"
        f"{Profile.objects.filter(approval='waiting').first().pk}/",
        "pairs to follow up": "/admin/community/flagged-pairs/",
        "a pair": f"/admin/community/flagged-pairs/{flagged.pk}/",
        "announcements": "/admin/community/announcements/",
        "a new announcement": "/admin/community/announcements/new/",
        "events": "/admin/community/events/",
        "programmes": "/admin/community/programmes/",
        "a programme": "/admin/community/programmes/edit/"
        f"{Programme.objects.first().pk}/",
        "members": "/admin/community/members/",
        "a member": f"/admin/community/members/inspect/{Profile.objects.first().pk}/",
        "check-ins": "/admin/checkins/",
        "a check-in": f"/admin/checkins/inspect/{CheckIn.objects.first().pk}/",
        "matches": "/admin/matches/",
        "a match": f"/admin/matches/inspect/{Match.objects.first().pk}/",
        "requests": "/admin/match_requests/",
        "member reports": "/admin/member_reports/",
        "interests": "/admin/tags_interesttag/",
        "merge tags": "/admin/community/merge-tags/",
    }


def test_no_coordinator_page_scrolls_sideways(page, live_server_url):
    from django.core.management import call_command

    from community.demo.operations import COORDINATOR_PASSWORD, SITE_COORDINATOR

    outside_the_event_loop(call_command, "seed_demo", verbosity=0)
    pages = outside_the_event_loop(coordinator_pages)
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(SITE_COORDINATOR)
    page.get_by_label("Password").fill(COORDINATOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    found = []
    for name, url in pages.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(url)
            assert response.status == 200, f"{name} {url}: {response.status}"
            found += [
                f"{name} {url} at {width} px: {line}"
                for line in wider_than_the_screen(page, width)
            ]
    assert not found, "\n".join(found)
