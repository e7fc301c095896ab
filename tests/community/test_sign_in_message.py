"""The banner after signing in greets a member by the name they chose, never by
the username allauth generated for them ("empty1796404207")."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, make_account, make_member

pytestmark = pytest.mark.django_db


def _banner(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_confirming_the_address_greets_the_member_by_their_display_name(
    client, home_page
):
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Mette Holm",
            "email": "mette@example.org",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
            "accept_guidelines": "on",
        },
    )
    link = re.search(
        r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body
    ).group(0)

    response = client.post(link, follow=True)

    assert client.session["_auth_user_id"]
    banner = _banner(response)
    assert banner[-2:] == [
        "You have confirmed mette@example.org.",
        "Hello Mette Holm, you are signed in.",
    ]
    assert "Successfully signed in" not in response.text


def test_logging_in_greets_a_member_by_name_in_their_language(client, home_page):
    member = make_member(role="host", display_name="Anne & Mikkel")
    response = client.post(
        "/da" + reverse("account_login"),
        {"login": member.user.email, "password": PASSWORD},
        follow=True,
    )
    assert _banner(response) == ["Hej Anne & Mikkel, du er logget ind."]


def test_someone_without_a_member_name_is_told_only_that_they_are_signed_in(
    client, home_page
):
    user = make_account(email="editor@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "editor@example.org", "password": PASSWORD},
        follow=True,
    )
    assert _banner(response) == ["You are signed in."]
    assert user.username not in response.text
