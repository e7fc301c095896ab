"""The request form counts what is typed against its limits, and the chat box
refuses an empty or too-long send next to the box, in words, sending nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from community.models import Message
from tests.factories import PASSWORD, make_match, make_member


@pytest.fixture
def signed_in(page, live_server_url):
    """``signed_in(profile)``: the test's page with that member's session."""

    def sign_in(profile):
        client = Client()
        assert client.login(username=profile.user.username, password=PASSWORD)
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server_url,
                }
            ]
        )
        return page

    return sign_in


def test_the_request_form_counts_characters_as_they_are_typed(signed_in):
    newcomer = make_member(role="newcomer", display_name="Nadia")
    host = make_member(role="host", display_name="Hanne")
    page = signed_in(newcomer)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(reverse("community:request_create", args=[host.pk]))

    box = page.get_by_label("Your message")
    expect(page.get_by_text("0 of at least 30 characters")).to_be_visible()
    box.fill("  Hello Hanne! 👋 ")  # counted trimmed, the emoji as one
    expect(page.get_by_text("14 of at least 30 characters")).to_be_visible()
    box.fill("Hello Hanne, I would love to meet your family.")
    expect(page.get_by_text("46 of at most 2,000 characters")).to_be_visible()
    expect(box).to_have_accessible_description(
        "Say hello and why you'd like to meet: at least 30 characters, at most "
        "2,000. 46 of at most 2,000 characters"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.goto("/da" + reverse("community:request_create", args=[host.pk]))
    page.get_by_label("Din besked").fill("Hej Hanne, kan vi mødes?")
    expect(page.get_by_text("24 af mindst 30 tegn")).to_be_visible()


def test_an_empty_or_too_long_chat_message_is_refused_by_the_box(signed_in):
    newcomer = make_member(role="newcomer", display_name="Nadia")
    host = make_member(role="host", display_name="Hanne")
    match = make_match(newcomer, host)
    page = signed_in(newcomer)
    page.goto(reverse("community:conversation", args=[match.conversation.pk]))
    expect(page.get_by_text("Live", exact=True)).to_be_visible()
    expect(page.get_by_text("At most 4,000 characters.")).to_be_visible()

    box = page.get_by_label("Write to Hanne")
    box.fill("   ")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Write something before you send.")).to_be_visible()
    expect(box).to_have_attribute("aria-invalid", "true")
    box.fill("Hi")
    expect(page.get_by_text("Write something before you send.")).to_be_hidden()

    # Browsers stop typing at maxlength; a page that lost it (or a pasted
    # script) still gets the rule in words.
    box.evaluate(
        "el => { el.removeAttribute('maxlength'); el.value = 'x'.repeat(4001); }"
    )
    page.get_by_role("button", name="Send").click()
    expect(
        page.get_by_text("A message can have at most 4,000 characters.")
    ).to_be_visible()
    expect(box).to_have_value("x" * 4001)  # kept, to shorten
    page.wait_for_timeout(300)
    assert not Message.objects.exists()
