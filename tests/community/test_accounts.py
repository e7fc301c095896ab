"""Sign-up, e-mail verification, log-in and password reset through allauth, and
the one log-in page the Wagtail admin uses too."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from community.models import Profile, ProgrammeTexts
from tests.factories import PASSWORD, make_account

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "  Mette   Holm ",
    "email": "mette@example.org",
    "password1": "a-long-test-password-1",
    "password2": "a-long-test-password-1",
    "accept_guidelines": "on",
}


def _signup(client, **changes):
    return client.post(reverse("account_signup"), {**SIGNUP, **changes})


def _confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_sign_up_creates_a_profile_with_the_accepted_guidelines_version(
    client, home_page
):
    texts = ProgrammeTexts.for_site(home_page.get_site())
    texts.community_guidelines = "<p>Be kind. Always.</p>"
    texts.save()
    assert texts.guidelines_version == 2

    response = _signup(client)

    assert response.status_code == 302
    profile = Profile.objects.get(user__email="mette@example.org")
    assert profile.display_name == "Mette Holm"
    assert profile.guidelines_version == 2
    assert profile.guidelines_accepted_at is not None


def test_sign_up_page_shows_the_guidelines_the_checkbox_links_to(client, home_page):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert 'id="community-guidelines"' in html
    assert 'href="#community-guidelines"' in html
    assert "Never ask for money" in html


def test_sign_up_without_accepting_the_guidelines_is_refused(client, home_page):
    data = {**SIGNUP}
    del data["accept_guidelines"]
    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    assert "Please read and accept the community guidelines" in response.text
    assert not get_user_model().objects.filter(email="mette@example.org").exists()


@pytest.mark.parametrize("name", ["   ", "x" * 10_000])
def test_sign_up_refuses_an_empty_or_endless_display_name(client, home_page, name):
    response = _signup(client, display_name=name)
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    assert not Profile.objects.exists()


def test_log_in_is_refused_until_the_e_mail_is_verified_and_the_link_works(
    client, home_page
):
    _signup(client)
    client.logout()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mette@example.org"]
    assert "confirm your e-mail address" in message.subject.lower()

    response = client.post(
        reverse("account_login"),
        {"login": "mette@example.org", "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(mail.outbox[-1])
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my e-mail address" in page.text
    response = client.post(link)
    # Confirming logs the member in and sends them to the set-up.
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    assert client.get(reverse("community:home")).url == reverse(
        "community:profile_setup"
    )


def test_verification_e_mail_reads_well(client, home_page):
    _signup(client)
    body = mail.outbox[0].body
    assert body.startswith("Hello,")
    assert "Thank you for joining" in body
    assert "the Velkomst host programme" in body
    assert "{%" not in body and "{{" not in body


def test_password_reset_does_not_reveal_whether_an_address_has_an_account(
    client, home_page
):
    make_account(email="known@example.org")
    known = client.post(
        reverse("account_reset_password"), {"email": "known@example.org"}
    )
    unknown = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}
    )

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    # Both get an e-mail; only the account holder's has a reset link.
    assert len(mail.outbox) == 2
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "no account with this address" in mail.outbox[1].body


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,3/5m/key"})
def test_repeated_failed_log_ins_are_stopped_by_the_rate_limit(client, home_page):
    make_account(email="target@example.org")
    for _attempt in range(3):
        response = client.post(
            reverse("account_login"),
            {"login": "target@example.org", "password": "wrong-guess"},
        )
        assert response.status_code == 200

    response = client.post(
        reverse("account_login"),
        {"login": "target@example.org", "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.text


def test_the_wagtail_admin_sends_people_to_the_one_log_in_page_and_back(
    client, home_page, editor
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=editor, email=editor.email, verified=True, primary=True
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/"

    response = client.post(response.url, {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_log_in_and_account_pages_use_the_site_layout(client, home_page):
    for name in ("account_login", "account_signup", "account_reset_password"):
        html = client.get(reverse(name)).text
        assert 'class="site-header"' in html
        assert "css/base.css" in html and "css/members.css" in html
        assert "<script>" not in html  # the CSP allows no inline script


def test_header_shows_log_in_links_to_visitors_and_the_member_bar_to_members(
    client, home_page, newcomer, host
):
    from tests.factories import make_request

    html = client.get("/").text
    assert reverse("account_login") in html and reverse("account_signup") in html
    assert "member-nav" not in html

    make_request(host, newcomer)
    client.force_login(newcomer.user)
    html = client.get("/").text
    assert "member-nav" in html
    assert reverse("community:requests") in html
    assert "(1 new)" in html
    assert f'action="{reverse("account_logout")}"' in html


def test_log_out_is_a_post_form(client, home_page, newcomer):
    client.force_login(newcomer.user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logging_out_of_a_danish_page_lands_on_the_danish_home_page(
    client, home_page, newcomer
):
    client.force_login(newcomer.user)
    assert client.post("/da/accounts/logout/").url == "/da/"
    client.force_login(newcomer.user)
    assert client.post("/accounts/logout/").url == "/"
