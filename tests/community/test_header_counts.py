"""The frame of every member page: the header badges counted in one query
(community/selectors/notices.py) and the signed-in user loaded with their
profile (community/auth_backends.py)."""

import re

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import authenticate, get_backends
from django.db import connection
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from community.auth_backends import ProfileAuthenticationBackend, ProfileModelBackend
from community.models import MatchRequest, Message, Profile
from community.selectors.messaging import badge_counts
from community.selectors.notices import _header_counts_sql, header_counts
from community.selectors.requests import ANSWERED_STATUSES
from community.services.messaging import conversation_mark_read
from community.services.profiles import account_delete, profile_get_or_create_for
from community.services.requests import request_answers_mark_seen
from config.prepared import _statement_name
from tests.factories import (
    PASSWORD,
    make_account,
    make_match,
    make_member,
    make_message,
)

pytestmark = pytest.mark.django_db

Status = MatchRequest.Status


def _request(sender, recipient, status=Status.PENDING, **fields) -> MatchRequest:
    return MatchRequest.objects.create(
        sender=sender,
        recipient=recipient,
        message="Shall we meet?",
        expectations_version=1,
        status=status,
        **fields,
    )


def member_notice_counts(*, user) -> dict[str, int]:
    """The request counts as the header read them before ``header_counts``
    (through the ORM, joined through the user): the oracle."""
    waiting = Q(recipient__user=user, status=MatchRequest.Status.PENDING)
    answered = Q(sender__user=user, sender_seen_at=None, status__in=ANSWERED_STATUSES)
    counts = MatchRequest.objects.filter(waiting | answered).aggregate(
        pending=Count("pk", filter=waiting), answers=Count("pk", filter=answered)
    )
    counts["requests"] = counts["pending"] + counts["answers"]
    return counts


def unread_total(*, profile_id: int) -> int:
    """Unread messages as the header counted them before ``header_counts``
    (through the ORM): the oracle."""
    return (
        Message.objects.filter(
            conversation__participants__profile_id=profile_id,
            id__gt=F("conversation__participants__last_read_id"),
        )
        .exclude(sender_id=profile_id)
        .count()
    )


def _counts(profile: Profile, django_assert_num_queries) -> dict[str, int]:
    """``header_counts`` in one query, checked against the two older counts."""
    with django_assert_num_queries(1):
        counts = header_counts(profile_id=profile.pk)
    older = member_notice_counts(user=profile.user)
    assert counts == {**older, "unread_messages": unread_total(profile_id=profile.pk)}
    return counts


def test_header_counts_requests_waiting_for_me_and_unseen_answers_to_mine(
    django_assert_num_queries,
):
    me = make_member(role="newcomer")
    others = [make_member(role="host", capacity=3) for _ in range(8)]
    assert _counts(me, django_assert_num_queries) == {
        "pending": 0,
        "answers": 0,
        "requests": 0,
        "unread_messages": 0,
    }

    _request(others[0], me)  # waiting for my answer
    _request(others[1], me, Status.DECLINED)  # I answered it: nothing to show
    _request(me, others[2])  # mine, still waiting: not an answer yet
    _request(others[3], others[4])  # between two others
    counts = _counts(me, django_assert_num_queries)
    assert (counts["pending"], counts["answers"], counts["requests"]) == (1, 0, 1)

    for other, status in zip(
        others[4:],
        [Status.ACCEPTED, Status.DECLINED, Status.CANCELLED, Status.EXPIRED],
        strict=True,
    ):
        _request(me, other, status)
    # Withdrawn by me: not an answer, even if never marked seen.
    _request(me, others[0], Status.WITHDRAWN)
    counts = _counts(me, django_assert_num_queries)
    assert (counts["pending"], counts["answers"], counts["requests"]) == (1, 4, 5)

    request_answers_mark_seen(profile=me)
    _request(me, others[1], Status.ACCEPTED, sender_seen_at=timezone.now())
    counts = _counts(me, django_assert_num_queries)
    assert (counts["pending"], counts["answers"], counts["requests"]) == (1, 0, 1)


def test_header_counts_unread_messages_from_the_other_member_only(
    django_assert_num_queries,
):
    me = make_member(role="newcomer")
    host = make_member(role="host", capacity=2)
    match = make_match(host, me)
    first = make_message(match, host, "One")
    make_message(match, host, "Two")
    make_message(match, me, "Mine are never unread")
    assert _counts(me, django_assert_num_queries)["unread_messages"] == 2
    assert _counts(host, django_assert_num_queries)["unread_messages"] == 1

    conversation_mark_read(
        conversation_id=match.conversation.pk, profile=me, up_to=first.pk
    )
    assert _counts(me, django_assert_num_queries)["unread_messages"] == 1

    # In a second conversation too.
    other = make_member(role="host", capacity=2)
    make_message(make_match(me, other), other)
    assert _counts(me, django_assert_num_queries)["unread_messages"] == 2

    # A member who left keeps their (emptied) messages in my history, unread.
    # Message.sender cannot be NULL, so there is no sender-less message to count.
    account_delete(user=host.user)
    assert _counts(me, django_assert_num_queries)["unread_messages"] == 2


def test_badge_counts_for_the_socket_use_the_header_keys(newcomer, host):
    _request(host, newcomer)
    match = make_match(make_member(role="host"), newcomer)
    make_message(match, match.host)
    make_message(match, newcomer)
    assert badge_counts(user_id=newcomer.user_id) == {
        "unread_messages": 1,
        "requests": 1,
        "pending": 1,
        "answers": 0,
    }
    assert badge_counts(user_id=make_account().pk) == {
        "unread_messages": 0,
        "requests": 0,
        "pending": 0,
        "answers": 0,
    }


def _badges(html: str) -> dict[str, str | None]:
    """The number each header badge shows, or None when it is hidden."""
    found = {}
    for name in ("requests", "unread_messages"):
        tag = re.search(rf'<span class="notice-badge" data-badge="{name}"[^>]*>', html)
        count = re.search(r"data-badge-count>(\d+)<", html[tag.end() :] if tag else "")
        found[name] = None if tag is None or "hidden" in tag.group(0) else count[1]
    return found


@pytest.mark.parametrize("url", ["/me/blocked/", "/"])
def test_the_header_shows_the_members_badges_with_one_query(
    url, home_page, login, newcomer, host
):
    """On a member page (the view sets ``request.profile``) and on a CMS page
    (the profile comes with the user)."""
    client = login(newcomer)
    assert _badges(client.get(url).content.decode()) == {
        "requests": None,
        "unread_messages": None,
    }

    _request(host, newcomer)
    asked = make_member(role="host")
    _request(newcomer, asked, Status.DECLINED)
    match = make_match(newcomer, make_member(role="host"))
    request_answers_mark_seen(profile=newcomer)  # the answers so far: seen
    _request(newcomer, make_member(role="host"), Status.EXPIRED)
    make_message(match, match.host, "One")
    make_message(match, match.host, "Two")
    make_message(match, newcomer, "Mine")

    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert _badges(html) == {"requests": "2", "unread_messages": "2"}
    # On PostgreSQL the count runs as a prepared statement (config.prepared).
    prepared = f"EXECUTE {_statement_name(_header_counts_sql())}("
    counting = [
        q["sql"]
        for q in captured
        if "community_matchrequest" in q["sql"] or q["sql"].startswith(prepared)
    ]
    assert len(counting) == 1
    assert counting[0].startswith(prepared) or "community_message" in counting[0]


# --- The user and their profile in one query ------------------------------------


def test_the_backends_load_the_user_with_profile_and_municipality(
    newcomer, django_assert_num_queries
):
    for backend in (ProfileModelBackend(), ProfileAuthenticationBackend()):
        with django_assert_num_queries(1):
            user = SimpleLazyObject(lambda b=backend: b.get_user(newcomer.user_id))
            assert user.is_authenticated
        with django_assert_num_queries(0):
            profile = profile_get_or_create_for(user)
            assert profile == newcomer
            assert profile.municipality.name == "Aarhus"
        with django_assert_num_queries(1):  # as request.auser() loads it
            user = async_to_sync(backend.aget_user)(newcomer.user_id)
            assert user.profile.municipality.name == "Aarhus"


def test_the_session_records_the_new_backend_on_sign_in(client, home_page, newcomer):
    response = client.post(
        reverse("account_login"),
        {"login": newcomer.user.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == (
        "community.auth_backends.ProfileAuthenticationBackend"
    )
    assert client.get(reverse("community:directory")).status_code == 200


def test_an_account_without_a_profile_signs_in_and_the_set_up_makes_one(
    client, home_page, django_assert_num_queries
):
    user = make_account(email="admin@example.org")  # as createsuperuser leaves it
    backend = ProfileModelBackend()
    loaded = backend.get_user(user.pk)
    # The absence came with the user: asking costs nothing.
    with django_assert_num_queries(0), pytest.raises(Profile.DoesNotExist):
        _ = loaded.profile

    response = client.post(
        reverse("account_login"), {"login": "admin@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    # Signed in, without a profile: the header counts nothing.
    assert _badges(client.get("/").content.decode()) == {
        "requests": None,
        "unread_messages": None,
    }
    response = client.get(reverse("community:profile_setup"), follow=True)
    assert response.status_code == 200
    assert Profile.objects.filter(user=user).count() == 1
    # A page for complete profiles sends the new member to the set-up.
    response = client.get(reverse("community:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("community:profile_setup"))

    created = profile_get_or_create_for(loaded)
    with django_assert_num_queries(0):  # the new profile is now on the user
        assert profile_get_or_create_for(loaded) == created


def test_an_inactive_user_is_not_authenticated_by_the_backends(client, newcomer):
    user = newcomer.user
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    for backend in get_backends():
        assert isinstance(backend, ProfileModelBackend | ProfileAuthenticationBackend)
        assert backend.get_user(user.pk) is None
    assert authenticate(email=user.email, password=PASSWORD) is None
    assert authenticate(username=user.username, password=PASSWORD) is None
    response = client.get(reverse("community:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
