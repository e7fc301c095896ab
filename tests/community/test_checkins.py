"""Following up pairs: check-ins at 2 weeks, 6 weeks and 3 months (each asked
once, the latest due only), answers only coordinators see, and the flags."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import CheckIn, Match
from community.pair_flags import match_flags
from community.selectors.pairs import flagged_pairs
from community.services.checkins import checkin_answer, checkins_send
from community.services.messaging import message_send
from tests.factories import make_match, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(newcomer, host):
    return make_match(newcomer, host)


def matched_days_ago(match, days: float) -> None:
    Match.objects.filter(pk=match.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    match.refresh_from_db()


def test_both_members_are_asked_once_when_a_check_in_is_due(match, host, newcomer):
    matched_days_ago(match, 13)
    assert checkins_send() == 0
    matched_days_ago(match, 15)
    assert checkins_send() == 2
    assert checkins_send() == 0
    assert sorted(mail.outbox[i].to[0] for i in range(2)) == sorted(
        [host.user.email, newcomer.user.email]
    )
    assert "/checkins/" in mail.outbox[0].body
    # Three months on, only the latest is asked (not the 6-week one as well).
    matched_days_ago(match, 95)
    assert checkins_send() == 2
    assert sorted(CheckIn.objects.values_list("number", flat=True)) == [1, 1, 3, 3]


def test_ended_matches_are_not_asked(match, host):
    matched_days_ago(match, 20)
    match.status = Match.Status.ENDED
    match.save(update_fields=["status"])
    assert checkins_send() == 0


def test_a_member_answers_on_the_site_and_nobody_else_can(match, newcomer, login):
    matched_days_ago(match, 15)
    checkins_send()
    mine = CheckIn.objects.get(profile=newcomer)
    client = login(newcomer)
    assert (
        "How is it going with"
        in client.get(reverse("community:matches")).content.decode()
    )
    url = reverse("community:checkin", args=[mine.pk])
    bad = client.post(url, {"have_met": "yes", "satisfaction": "9", "wish": "x"})
    assert bad.status_code == 400
    response = client.post(
        url,
        {"have_met": "yes", "satisfaction": "2", "wish": "new_match", "note": "Quiet."},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.have_met, mine.satisfaction, mine.wish) == (True, 2, "new_match")
    other = CheckIn.objects.exclude(pk=mine.pk).get()
    assert client.get(reverse("community:checkin", args=[other.pk])).status_code == 404


def test_flags_say_why_a_pair_needs_a_coordinator(match, host, newcomer):
    now = timezone.now()
    matched_days_ago(match, 15)
    checkins_send()
    host_checkin = CheckIn.objects.get(profile=host)
    checkin_answer(
        checkin=host_checkin, by=host, have_met=True, satisfaction=2, wish="new_match"
    )
    flags = match_flags(
        match,
        checkins=list(CheckIn.objects.all()),
        has_messages=False,
        now=now + timedelta(days=8),
    )
    assert [flag.code for flag in flags] == [
        "new_match",
        "unsatisfied",
        "silent",
        "no_meeting",
        "overdue",
    ]
    assert flags[0].text == "Hanne Host asks for a new match"


def test_a_happy_talkative_pair_is_not_flagged(match, host, newcomer):
    import uuid

    message_send(
        conversation_id=match.conversation.pk,
        sender=host,
        body="Welcome!",
        client_id=uuid.uuid4(),
    )
    matched_days_ago(match, 15)
    checkins_send()
    for profile in (host, newcomer):
        checkin_answer(
            checkin=CheckIn.objects.get(profile=profile),
            by=profile,
            have_met=True,
            satisfaction=5,
            wish="continue",
        )
    quiet = make_match(make_member(role="newcomer"), make_member(role="host"))
    matched_days_ago(quiet, 10)
    assert [(m.pk, [f.code for f in flags]) for m, flags in flagged_pairs()] == [
        (quiet.pk, ["silent"])
    ]


def test_coordinators_see_flagged_pairs_and_answers(match, coordinator_client):
    matched_days_ago(match, 10)
    page = coordinator_client.get("/admin/community/flagged-pairs/")
    assert page.status_code == 200
    assert "No message in the first 7 days" in page.content.decode()
    assert coordinator_client.get("/admin/checkins/").status_code == 200
