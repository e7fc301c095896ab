"""Every kind of page passes axe-core's checks (axe-playwright-python): the pages
editors publish, search, logging in and signing up, and a member's own pages,
in English at / and in Danish at /da/, on a desktop (1280 px) and a phone
(390 px) wide. A failure lists each violation with its rule, impact, element
and page."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse
from django.utils import translation

from community.services.events import event_signup
from community.services.messaging import message_send
from community.services.safety import member_block
from tests.browser.bilingual_site import make_bilingual_site
from tests.browser.services import outside_the_event_loop
from tests.factories import PASSWORD, make_match, make_member, make_request

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
AXE = Axe()


def member_pages(me, match, asking) -> dict[str, tuple[str, tuple]]:
    """A member's pages: name → (URL name, arguments)."""
    return {
        "member directory": ("community:directory", ()),
        "suggestions": ("community:suggested", ()),
        "a profile": ("community:profile_detail", (asking.pk,)),
        "requests": ("community:requests", ()),
        "matches": ("community:matches", ()),
        "a match": ("community:match_detail", (match.pk,)),
        "conversations": ("community:conversations", ()),
        "a conversation": ("community:conversation", (match.conversation.pk,)),
        "profile edit": ("community:profile_edit", ()),
        "my events": ("community:my_events", ()),
        "blocked members": ("community:blocked_list", ()),
    }


@pytest.fixture
def site_and_members(live_server_url):
    """The bilingual site, and a host with something on every page of hers: a
    match with a conversation, a request waiting, an event she signed up
    for, a member she blocked."""
    return outside_the_event_loop(_site_and_members)


def _site_and_members():
    english, danish = make_bilingual_site()
    me = make_member(
        role="host",
        display_name="Hanne",
        languages={"da": "native", "en": "fluent"},
        interests=("Sailing", "Cooking", "Hiking"),
        household="family",
        capacity=2,
    )
    nadia = make_member(role="newcomer", display_name="Nadia")
    match = make_match(nadia, me)
    for sender, body in ((nadia, "Hej Hanne!"), (me, "Hej Nadia, velkommen!")):
        message_send(
            conversation_id=match.conversation.pk,
            sender=sender,
            body=body,
            client_id=uuid.uuid4(),
        )
    asking = make_member(
        role="newcomer",
        display_name="Omar",
        interests=("Sailing", "Cooking", "Running"),
    )
    make_request(asking, me)
    make_member(
        role="newcomer",
        display_name="Priya",
        interests=("Hiking", "Cooking", "Museums"),
    )
    member_block(blocker=me, blocked=make_member(role="newcomer", display_name="Bo"))
    event_signup(profile=me, event_id=english.event.pk, party_size=2)
    return english, danish, me, match, asking


def page_urls(site, me, match, asking, language: str) -> dict[str, dict[str, str]]:
    """The pages to check, visitors' first then members': name → URL."""
    with translation.override(language):
        visitors = {
            "home": site.home.url,
            "information page": site.information.url,
            "activity idea index": site.idea_index.url,
            "activity idea": site.idea.url,
            "event index": site.event_index.url,
            "event": site.event.url,
            "partners": site.partners.url,
            "search results": reverse("search") + "?q=picnic",
            "log in": reverse("account_login"),
            "sign up": reverse("account_signup"),
        }
        members = {
            name: reverse(url_name, args=args)
            for name, (url_name, args) in member_pages(me, match, asking).items()
        }
    return {"visitor": visitors, "member": members}


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
    chromium, live_server_url, site_and_members, language
):
    english, danish, me, match, asking = site_and_members
    site = english if language == "en" else danish
    urls = page_urls(site, me, match, asking, language)
    context = chromium.new_context(base_url=live_server_url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    found: list[str] = []
    try:
        for kind in ("visitor", "member"):
            if kind == "member":
                client = Client()
                assert client.login(username=me.user.username, password=PASSWORD)
                context.add_cookies(
                    [
                        {
                            "name": "sessionid",
                            "value": client.cookies["sessionid"].value,
                            "url": live_server_url,
                        }
                    ]
                )
            for name, url in urls[kind].items():
                response = tab.goto(url)
                assert response.status == 200, f"{name} {url}: {response.status}"
                assert tab.locator("html").get_attribute("lang") == language, url
                found += violations_on(tab, name)
    finally:
        tab.goto("about:blank")
        context.close()
    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)
