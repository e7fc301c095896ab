"""Matches: ending one, the host's places, and what each member sees."""

import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction

from community.models import Match, Profile
from community.selectors.matches import match_for, matches_for
from community.services.errors import RuleBroken
from community.services.requests import match_end, match_request_accept
from tests.factories import make_match, make_member, make_request

pytestmark = pytest.mark.django_db


def test_either_member_can_end_a_match_with_a_reason(newcomer, host):
    match = make_match(newcomer, host)

    ended = match_end(match=match, by=newcomer, reason="  I am moving to Odense. ")

    assert ended.status == Match.Status.ENDED
    assert ended.ended_by == newcomer
    assert ended.ended_at is not None
    assert ended.end_reason == "I am moving to Odense."


def test_ending_a_match_frees_the_hosts_place(newcomer, host):
    match = make_match(newcomer, host)
    host.refresh_from_db()
    assert host.free_places == 0

    match_end(match=match, by=host, reason="We agreed to stop.")

    host.refresh_from_db()
    assert host.active_match_count == 0
    assert host.free_places == 1


def test_the_hosts_count_never_goes_below_zero(newcomer, host):
    match = make_match(newcomer, host)
    Profile.objects.filter(pk=host.pk).update(active_match_count=0)

    match_end(match=match, by=newcomer, reason="Out of sync on purpose.")

    host.refresh_from_db()
    assert host.active_match_count == 0


def test_ending_a_match_needs_a_reason(newcomer, host):
    match = make_match(newcomer, host)
    with pytest.raises(RuleBroken) as caught:
        match_end(match=match, by=newcomer, reason="   ")
    assert caught.value.message == "Please tell us briefly why."
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE


def test_a_reason_over_1000_characters_is_refused(newcomer, host):
    match = make_match(newcomer, host)
    with pytest.raises(RuleBroken, match="at most 1,000 characters"):
        match_end(match=match, by=newcomer, reason="x" * 1001)


def test_only_the_two_members_can_end_their_match(newcomer, host):
    match = make_match(newcomer, host)
    with pytest.raises(RuleBroken) as caught:
        match_end(match=match, by=make_member(role="host"), reason="Not mine.")
    assert caught.value.message == "Only the two members of a match can end it."


def test_a_match_ends_only_once(newcomer, host):
    match = make_match(newcomer, host)
    match_end(match=match, by=newcomer, reason="First time.")
    with pytest.raises(RuleBroken) as caught:
        match_end(match=match, by=host, reason="Second time.")
    assert caught.value.message == "This match has already ended."
    host.refresh_from_db()
    assert host.active_match_count == 0


def test_the_other_member_is_emailed_that_the_match_ended_but_not_why(
    django_capture_on_commit_callbacks,
):
    newcomer = make_member(role="newcomer", email="nadia.private@example.org")
    host = make_member(role="host", display_name="Hanne", email="hanne@example.org")
    match = make_match(newcomer, host)

    with django_capture_on_commit_callbacks(execute=True):
        match_end(match=match, by=host, reason="Private: too many cancellations.")

    (message,) = mail.outbox
    assert message.to == ["nadia.private@example.org"]
    assert message.subject == "[Velkomst] Your match with Hanne has ended"
    everything = message.body + message.alternatives[0][0]
    assert "cancellations" not in everything
    assert "hanne@example.org" not in everything
    assert "/matches/" in everything


def test_after_a_match_ends_the_pair_may_ask_again(newcomer, host):
    match_end(match=make_match(newcomer, host), by=host, reason="A break.")
    again = make_match(host, newcomer)
    assert again.status == Match.Status.ACTIVE
    assert Match.objects.count() == 2


def test_one_active_match_per_pair_holds_in_the_database(newcomer, host):
    make_match(newcomer, host)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(host=host, newcomer=newcomer)


def test_a_host_with_three_places_hosts_three_newcomers_and_no_fourth():
    host = make_member(role="host", capacity=3)
    newcomers = [make_member(role="newcomer") for _ in range(4)]
    waiting = make_request(newcomers[3], host)
    for newcomer in newcomers[:3]:
        make_match(newcomer, host)
    host.refresh_from_db()
    assert (host.active_match_count, host.free_places) == (3, 0)
    with pytest.raises(RuleBroken, match="no free places"):
        match_request_accept(request=waiting, by=host, confirm_expectations=True)


def test_my_matches_list_active_ones_first_with_the_other_member(newcomer):
    hosts = [make_member(role="host", display_name=f"Host {n}") for n in range(3)]
    first, second, third = (make_match(newcomer, host) for host in hosts)
    match_end(match=second, by=newcomer, reason="Moved away.")

    mine = matches_for(profile=newcomer)

    assert [m.pk for m in mine] == [third.pk, first.pk, second.pk]
    assert [m.other_member.display_name for m in mine] == [
        "Host 2",
        "Host 0",
        "Host 1",
    ]
    assert mine[2].ended_by_me is True


def test_a_match_is_found_only_for_its_members(newcomer, host):
    match = make_match(newcomer, host)
    assert match_for(profile=newcomer, pk=match.pk).other_member == host
    assert match_for(profile=make_member(role="host"), pk=match.pk) is None


# Serialized like every transactional test here: the data the migrations
# loaded comes back afterwards, for the next test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
def test_two_acceptances_at_the_same_moment_never_overfill_a_host():
    host = make_member(role="host", capacity=1)
    waiting = [make_request(make_member(role="newcomer"), host) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(request):
        try:
            barrier.wait()
            match_request_accept(request=request, by=host, confirm_expectations=True)
            outcomes.append("accepted")
        except RuleBroken:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r,)) for r in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted", "refused"]
    host.refresh_from_db()
    assert host.active_match_count == 1
    assert Match.objects.filter(host=host, status="active").count() == 1
