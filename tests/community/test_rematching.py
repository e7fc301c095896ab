"""Re-matching from a flagged pair: the coordinator reads the answers, ends the
match with a reason and introduces a member to a new candidate, who is ranked
as the member's own suggestions are."""

import pytest
from django.urls import reverse

from community.matching import sql
from community.models import CheckIn, Match, MatchRequest
from community.selectors.visibility import findable_by
from community.services.requests import match_request_accept
from community.services.safety import member_block
from tests.factories import (
    UserFactory,
    make_match,
    make_member,
    make_programme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    host = make_member(role="host", display_name="Henrik", capacity=1)
    newcomer = make_member(
        display_name="Nadia", interests=("Sailing", "Cooking", "Board games")
    )
    match = make_match(newcomer, host)
    CheckIn.objects.create(
        match=match,
        profile=newcomer,
        number=1,
        due_at=match.created_at,
        asked_at=match.created_at,
        answered_at=match.created_at,
        have_met=False,
        satisfaction=2,
        wish=CheckIn.Wish.NEW_MATCH,
        note="We never found a time to meet.",
    )
    return match


@pytest.fixture
def hosts():
    return [
        make_member(
            role="host",
            display_name="Sailing Sofie",
            interests=("Sailing", "Cooking", "Board games"),
        ),
        make_member(
            role="host",
            display_name="Plain Peter",
            interests=("Chess", "Running", "Gardening"),
        ),
        make_member(role="host", display_name="Paused Pia", is_available=False),
    ]


def pair_url(match):
    return reverse("community_flagged_pairs:pair", args=[match.pk])


def test_the_flagged_pair_leads_to_its_page_with_answers_and_ranked_candidates(
    coordinator_client, pair, hosts
):
    listing = coordinator_client.get(reverse("community_flagged_pairs:index"))
    assert pair_url(pair) in listing.content.decode()

    page = coordinator_client.get(pair_url(pair)).content.decode()
    assert "Nadia asks for a new match" in page
    assert "We never found a time to meet." in page
    newcomer_part = page.split("New candidates for Nadia")[1].split("New candidates")[0]
    assert newcomer_part.index("Sailing Sofie") < newcomer_part.index("Plain Peter")
    assert "Paused Pia" not in page
    assert "You both like" in newcomer_part
    # The order is the member's own suggestions' order.
    expected = list(
        sql.ranked(pair.newcomer, findable_by(pair.newcomer, busy=True)).values_list(
            "display_name", flat=True
        )[:5]
    )
    shown = [name for name in expected if name in newcomer_part]
    assert shown == [n for n in expected if n != "Henrik"]


def test_ending_a_pair_needs_a_reason_and_tells_both(
    coordinator_client, pair, mailoutbox, django_capture_on_commit_callbacks
):
    response = coordinator_client.post(pair_url(pair), {"action": "end", "reason": " "})
    assert response.status_code == 200
    pair.refresh_from_db()
    assert pair.status == Match.Status.ACTIVE

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            pair_url(pair), {"action": "end", "reason": "They never met."}
        )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == Match.Status.ENDED
    assert pair.end_reason == "They never met."
    assert pair.ended_by_coordinator is not None and pair.ended_by is None
    pair.host.refresh_from_db()
    assert pair.host.active_match_count == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [pair.host.user.email, pair.newcomer.user.email]
    )
    assert all("has ended" in m.subject for m in mailoutbox)
    assert all("They never met" not in m.body for m in mailoutbox)


def test_introducing_a_candidate_asks_the_member_and_tells_the_candidate(
    coordinator_client,
    client,
    pair,
    hosts,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sofie = hosts[0]
    message = "Nadia, meet Sofie: you both love sailing and cooking. Coffee soon?"
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            pair_url(pair),
            {
                "action": "introduce",
                "member": pair.newcomer.pk,
                "candidate": sofie.pk,
                "message": message,
            },
        )
    assert response.status_code == 302
    request = MatchRequest.objects.get(sender=sofie, recipient=pair.newcomer)
    assert request.introduced_by is not None and request.message == message
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert "suggests you meet Sailing Sofie" in subjects[pair.newcomer.user.email]
    assert "introduced you to Nadia" in subjects[sofie.user.email]

    client.force_login(pair.newcomer.user)
    page = client.get(reverse("community:requests")).content.decode()
    assert "suggested by your coordinator" in page and "meet Sofie" in page
    match = match_request_accept(
        request=request, by=pair.newcomer, confirm_expectations=True
    )
    assert match.host == sofie and match.newcomer == pair.newcomer


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"message": "Too short"}, "at least 30 characters"),
        ({"candidate": 0}, "Choose one of the candidates shown"),
        ({"member": 0}, "Choose one of the candidates shown"),
        ({"candidate": "x"}, "Enter a whole number"),
    ],
)
def test_a_bad_introduction_is_refused_with_a_message_and_changes_nothing(
    coordinator_client, pair, hosts, change, expected
):
    data = {
        "action": "introduce",
        "member": pair.newcomer.pk,
        "candidate": hosts[0].pk,
        "message": "A long enough introduction for the two of you to meet.",
    } | change
    response = coordinator_client.post(pair_url(pair), data)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not MatchRequest.objects.filter(introduced_by__isnull=False).exists()


def test_an_introduction_follows_the_rules_of_any_request(
    coordinator_client, pair, hosts
):
    sofie = hosts[0]
    member_block(blocker=sofie, blocked=pair.newcomer)
    response = coordinator_client.post(
        pair_url(pair),
        {
            "action": "introduce",
            "member": pair.newcomer.pk,
            "candidate": sofie.pk,
            "message": "A long enough introduction for the two of you to meet.",
        },
    )
    assert response.status_code == 200
    assert "Sailing Sofie cannot be introduced to Nadia" in response.content.decode()
    assert not MatchRequest.objects.filter(sender=sofie).exists()


def test_a_programme_coordinator_works_only_on_their_own_pairs(client, pair, hosts):
    coordinator = UserFactory()
    mine = make_programme("Programme A", coordinators=[coordinator])
    client.force_login(coordinator)
    assert client.get(pair_url(pair)).status_code == 404

    host = make_member(role="host", display_name="Hanne A", programme=mine)
    newcomer = make_member(display_name="Nora A", programme=mine)
    own = make_match(host, newcomer)
    page = client.get(pair_url(own)).content.decode()
    assert "Sailing Sofie" not in page  # not in my programme: not offered
    response = client.post(
        pair_url(own),
        {
            "action": "introduce",
            "member": newcomer.pk,
            "candidate": hosts[0].pk,
            "message": "A long enough introduction for the two of you to meet.",
        },
    )
    assert "Choose one of the candidates shown" in response.content.decode()
