"""Download my data, and delete my account: what I take with me, what is erased,
and what the other member keeps ("Former member")."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from community.models import Block, Match, MatchRequest, Profile, Report
from tests.factories import PASSWORD, make_match, make_member, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(home_page):
    return make_member(
        role="newcomer",
        display_name="Lucía",
        email="lucia@example.org",
        about="We moved from Madrid.",
        languages={"es": "native", "da": "learning"},
        interests=("Cooking", "Hiking", "Sailing"),
    )


@pytest.fixture
def other_host(home_page):
    return make_member(
        role="host",
        display_name="Hanne",
        email="hanne.private@example.org",
        about="Hanne's private about text",
        capacity=2,
    )


def _export(client, profile) -> dict:
    client.force_login(profile.user)
    response = client.get(reverse("community:export_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_export_contains_my_account_profile_tags_and_requests(client, me, other_host):
    request = make_request(me, other_host)
    data = _export(client, me)

    assert data["account"]["email"] == "lucia@example.org"
    assert data["account"]["email_addresses"] == [
        {"email": "lucia@example.org", "verified": True, "primary": True}
    ]
    assert data["profile"]["display_name"] == "Lucía"
    assert data["profile"]["about"] == "We moved from Madrid."
    assert {"name": "Spanish", "code": "es", "level": "native"} in data["languages"]
    danish = next(row for row in data["languages"] if row["code"] == "da")
    assert danish["level"] == "learning"
    assert sorted(data["interests"]) == ["Cooking", "Hiking", "Sailing"]
    (sent,) = data["requests_sent"]
    assert sent["message"] == request.message
    assert sent["sender"] == "me" and sent["recipient"] == "Hanne"


def test_export_holds_nobody_elses_private_data(client, me, other_host):
    from community.services.requests import match_request_decline

    request = make_request(me, other_host)
    match_request_decline(request=request, by=other_host, reason="Secret reason")
    Report.objects.create(reporter=other_host, reported=me, reason="About Lucía")
    Block.objects.create(blocker=other_host, blocked=me)

    raw = json.dumps(_export(client, me))

    for private in (
        "hanne.private@example.org",
        "Hanne's private about text",
        "Secret reason",
        "About Lucía",
    ):
        assert private not in raw
    assert other_host.user.username not in raw


def test_export_shows_the_matches_reports_and_blocks_i_made(client, me, other_host):
    make_match(me, other_host)
    third = make_member(role="host", display_name="Troels")
    Block.objects.create(blocker=me, blocked=third)
    Report.objects.create(reporter=me, reported=third, reason="Rude messages")

    data = _export(client, me)

    (match,) = data["matches"]
    assert match["host"] == "Hanne" and match["newcomer"] == "me"
    assert data["blocks_made"][0]["blocked"] == "Troels"
    assert data["reports_made"][0]["reason"] == "Rude messages"
    assert "coordinator_note" not in data["reports_made"][0]


# --- Deleting ----------------------------------------------------------------------


def test_delete_needs_the_password(client, me):
    client.force_login(me.user)
    assert client.get(reverse("community:delete_account")).status_code == 200
    response = client.post(reverse("community:delete_account"), {"password": "nope"})
    assert response.status_code == 200
    assert "That is not your password" in response.text
    me.refresh_from_db()
    assert not me.is_deleted


def test_delete_erases_personal_data_and_closes_the_account(client, me, other_host):
    pending_to_me = make_request(make_member(role="host"), me)
    client.force_login(me.user)

    response = client.post(
        reverse("community:delete_account"), {"password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/"
    assert any("Goodbye" in str(m) for m in response.context["messages"])
    assert "_auth_user_id" not in client.session

    me.refresh_from_db()
    user = me.user
    assert me.is_deleted and str(me.public_name) == "Former member"
    assert me.display_name == me.about == me.employer == me.expectations == ""
    assert me.municipality is None and not me.photo
    assert not me.is_available and not me.is_listed
    assert not me.language_items.exists() and not me.interest_items.exists()
    assert me.spoken_mask == me.interest_mask == me.learning_mask == 0
    assert not user.is_active and not user.has_usable_password()
    assert "lucia" not in user.username and "lucia" not in user.email
    assert not EmailAddress.objects.filter(user=user).exists()
    pending_to_me.refresh_from_db()
    assert pending_to_me.status == MatchRequest.Status.CANCELLED

    response = client.post(
        reverse("account_login"), {"login": "lucia@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_the_other_member_keeps_the_match_with_a_former_member(client, me, other_host):
    match = make_match(me, other_host)
    other_host.refresh_from_db()
    assert other_host.active_match_count == 1

    client.force_login(me.user)
    client.post(reverse("community:delete_account"), {"password": PASSWORD})

    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert match.end_reason == "Member left"
    assert str(match.other(other_host).public_name) == "Former member"
    other_host.refresh_from_db()
    assert other_host.active_match_count == 0

    client.force_login(other_host.user)
    page = client.get(reverse("community:matches"))
    assert page.status_code == 200
    assert "Former member" in page.text
    assert "Lucía" not in page.text


def test_deleted_member_disappears_from_the_directory(client, me, other_host):
    client.force_login(me.user)
    client.post(reverse("community:delete_account"), {"password": PASSWORD})
    assert not Profile.objects.get(pk=me.pk).is_listed
    client.force_login(other_host.user)
    assert "Lucía" not in client.get(reverse("community:directory")).text
