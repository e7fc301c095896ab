"""A member's language: chosen with the header's link (remembered on the
profile), taken from the language they signed up in, and used for every e-mail
we send them (subject, text and links)."""

import pytest
from django.core import mail
from django.utils import translation

from community.models import Profile
from community.services.profiles import profile_create_at_signup
from tests.factories import make_member, make_request

pytestmark = pytest.mark.django_db


def test_the_language_link_goes_to_the_same_page_and_remembers_the_choice(
    client, newcomer, login
):
    login(newcomer)
    response = client.get("/i18n/choose/da/", {"next": "/members/?languages=en"})
    assert response.status_code == 302
    assert response["Location"] == "/da/members/?languages=en"
    newcomer.refresh_from_db()
    assert newcomer.preferred_language == "da"

    response = client.get("/i18n/choose/en/", {"next": "/da/members/"})
    assert response["Location"] == "/members/"
    newcomer.refresh_from_db()
    assert newcomer.preferred_language == "en"


@pytest.mark.parametrize(
    ("code", "next_url", "expected"),
    [
        ("da", "https://evil.example/", "/da/"),
        ("da", "//evil.example/da/", "/da/"),
        ("xx", "/members/", "/members/"),
        ("da", "", "/da/"),
        ("da", "javascript:alert(1)", "/da/"),
    ],
)
def test_the_language_link_never_leaves_the_site(client, code, next_url, expected):
    response = client.get(f"/i18n/choose/{code}/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_visitor_choosing_a_language_changes_no_profile(client, newcomer):
    client.get("/i18n/choose/da/", {"next": "/"})
    newcomer.refresh_from_db()
    assert newcomer.preferred_language == "en"


def test_the_language_a_member_signs_up_in_is_their_language(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("dansk", "dansk@example.org", "x")
    with translation.override("da"):
        profile = profile_create_at_signup(
            user=user, display_name="Dorthe", request=None
        )
    assert Profile.objects.get(pk=profile.pk).preferred_language == "da"


def test_e_mail_to_a_member_is_in_their_language_with_links_in_it(
    django_capture_on_commit_callbacks,
):
    host = make_member(role="host", display_name="Hanne", preferred_language="da")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    with django_capture_on_commit_callbacks(execute=True):
        make_request(newcomer, host)

    (message,) = [m for m in mail.outbox if host.user.email in m.to]
    assert message.subject == "[Velkomst] Nadia vil gerne møde dig"
    assert "/da/requests/" in message.body
    assert "would like" not in message.body
    html = message.alternatives[0][0]
    assert '<html lang="da">' in html and "Hej" in html


def test_e_mail_to_an_english_member_stays_english(django_capture_on_commit_callbacks):
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(role="newcomer", display_name="Nadia")
    with translation.override("da"), django_capture_on_commit_callbacks(execute=True):
        make_request(newcomer, host)  # Nadia writes from the Danish pages

    (message,) = [m for m in mail.outbox if host.user.email in m.to]
    assert message.subject == "[Velkomst] Nadia would like to meet you"
    assert "/da/" not in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
