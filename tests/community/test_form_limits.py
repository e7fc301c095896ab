"""The request form and the chat box say their limits before anything is sent:
in the help text (without JavaScript) and with the words and attributes their
scripts (static/js/char-count.js, chat.js) count and refuse by, in English and
Danish."""

import json
import re

import pytest
from django.urls import reverse

from community.models import MAX_MESSAGE_LENGTH
from community.models.matches import MIN_REQUEST_MESSAGE
from community.services.requests import MAX_REQUEST_MESSAGE
from tests.factories import make_match

pytestmark = pytest.mark.django_db


def _json_script(html: str, element_id: str) -> dict:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1))


def _textarea(html: str, name: str) -> str:
    return re.search(rf'<textarea name="{name}"[^>]*>', html).group(0)


def test_the_request_form_states_its_rules_before_the_first_submit(
    login, newcomer, host
):
    html = login(newcomer).get(reverse("community:request_create", args=[host.pk])).text

    assert "at least 30 characters, at most 2,000." in html
    box = _textarea(html, "message")
    assert f'minlength="{MIN_REQUEST_MESSAGE}"' in box
    assert f'maxlength="{MAX_REQUEST_MESSAGE}"' in box
    assert "data-char-count" in box
    assert 'aria-describedby="id_message_helptext"' in box
    assert '<script src="/static/js/char-count.js" defer></script>' in html
    assert _json_script(html, "char-count-text") == {
        "atLeast": "%(count)s of at least %(min)s characters",
        "atMost": "%(count)s of at most %(max)s characters",
    }


def test_the_request_form_counter_speaks_danish(login, newcomer, host):
    html = (
        login(newcomer)
        .get("/da" + reverse("community:request_create", args=[host.pk]))
        .text
    )
    assert "mindst 30 og højst 2.000 tegn." in html
    assert _json_script(html, "char-count-text") == {
        "atLeast": "%(count)s af mindst %(min)s tegn",
        "atMost": "%(count)s af højst %(max)s tegn",
    }


def test_the_chat_box_shows_its_limit_and_has_a_place_for_its_message(
    login, newcomer, host
):
    match = make_match(newcomer, host)
    url = reverse("community:conversation", args=[match.conversation.pk])
    html = login(newcomer).get(url).text

    assert "At most 4,000 characters." in html
    box = _textarea(html, "body")
    assert f'maxlength="{MAX_MESSAGE_LENGTH}"' in box
    assert 'aria-describedby="chat-body-help"' in box
    assert (
        '<p class="form-error" id="chat-body-error" role="alert" '
        "data-chat-error hidden></p>" in html
    )
    text = _json_script(html, "chat-text")
    assert text["empty"] == "Write something before you send."
    assert text["tooLong"] == "A message can have at most 4,000 characters."

    danish = login(newcomer).get("/da" + url).text
    assert "Højst 4.000 tegn." in danish
    assert _json_script(danish, "chat-text")["empty"] == "Skriv noget, før du sender."


def test_an_empty_send_without_javascript_shows_the_message_by_the_box(
    login, newcomer, host
):
    match = make_match(newcomer, host)
    url = reverse("community:conversation", args=[match.conversation.pk])
    response = login(newcomer).post(url, {"body": "   "})

    assert response.status_code == 400
    assert re.search(
        r'<p class="form-error" id="chat-body-error" role="alert" data-chat-error>'
        r"Write something before you send.</p>",
        response.text,
    )
    assert not match.conversation.messages.exists()
