"""Every kind of page passes axe-core's checks (axe-playwright-python): the pages
editors publish, search, logging in and signing up, and a member's own pages,
in English at / and in Danish at /da/, on a desktop (1280 px) and a phone
(390 px) wide. A failure lists each violation with its rule, impact, element
and page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.bilingual_site import make_site_with_members
from tests.browser.services import outside_the_event_loop

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
AXE = Axe()


@pytest.fixture
def site(live_server_url):
    return outside_the_event_loop(make_site_with_members)


def violations_on(tab, name: str) -> list[str]:
    """axe-core's violations on the page in ``tab`` at each width, as lines."""
    found = []
    for width_name, (width, height) in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": height})
        results = AXE.run(tab)
        for violation in results.response["violations"]:
            for node in violation["nodes"]:
                found.append(
                    f"{violation['id']} ({violation['impact']}) on {name} "
                    f"{tab.url} at {width_name} {width} px: "
                    f"{' '.join(map(str, node['target']))} — {violation['help']}\n"
                    f"    {node['html'][:160]}"
                )
    return found


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_page_type_has_no_accessibility_violations(
    chromium, live_server_url, site, language
):
    found: list[str] = []
    for name, tab in site.visit_every_page(chromium, live_server_url, language):
        assert tab.locator("html").get_attribute("lang") == language, tab.url
        found += violations_on(tab, name)
    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)
