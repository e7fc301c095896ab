"""Match requests: the state machine and every rule, each with its message, and
the e-mails that go out once the change is stored."""

import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from wagtail.models import Site

from community.models import Block, Match, MatchRequest, ProgrammeTexts
from community.selectors.notices import header_counts
from community.services import requests as request_services
from community.services.errors import RuleBroken
from community.services.requests import (
    match_request_accept,
    match_request_create,
    match_request_decline,
    match_request_withdraw,
    request_answers_mark_seen,
    requests_mark_seen,
)
from community.services.safety import member_block
from tests.factories import REQUEST_MESSAGE, make_match, make_member, make_request

pytestmark = pytest.mark.django_db


def ask(sender, recipient, message=REQUEST_MESSAGE, confirm=True):
    return match_request_create(
        sender=sender,
        recipient=recipient,
        message=message,
        confirm_expectations=confirm,
    )


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(RuleBroken) as caught:
        call(*args, **kwargs)
    return caught.value.message


# --- Asking ----------------------------------------------------------------------


def test_request_is_pending_and_records_the_confirmed_expectations(newcomer, host):
    request = ask(newcomer, host)

    assert request.status == MatchRequest.Status.PENDING
    assert (request.pair_low, request.pair_high) == tuple(
        sorted([newcomer.pk, host.pk])
    )
    assert request.expectations_version == 1
    newcomer.refresh_from_db()
    assert newcomer.expectations_version == 1
    assert newcomer.expectations_confirmed_at is not None


def test_request_stores_the_current_version_of_the_expectation_statement(
    newcomer, host
):
    texts = ProgrammeTexts.for_site(Site.objects.get(is_default_site=True))
    texts.expectation_statement = "<p>Meet twice a month for a year.</p>"
    texts.save()

    request = ask(newcomer, host)

    assert request.expectations_version == 2
    newcomer.refresh_from_db()
    assert newcomer.expectations_version == 2


def test_request_message_is_stored_trimmed(newcomer, host):
    request = ask(newcomer, host, message=f"   {REQUEST_MESSAGE}  \n")
    assert request.message == REQUEST_MESSAGE


def test_match_request_to_self_is_refused(host):
    assert refused(ask, host, host) == "You cannot send a match request to yourself."


@pytest.mark.parametrize("role", ["host", "newcomer"])
def test_request_between_two_members_of_the_same_role_is_refused(role):
    one, other = make_member(role=role), make_member(role=role)
    message = refused(ask, one, other)
    assert "between a host and a newcomer" in message
    assert not MatchRequest.objects.exists()


def test_request_to_a_paused_member_is_refused(newcomer):
    paused = make_member(role="host", display_name="Paula", is_available=False)
    assert refused(ask, newcomer, paused) == (
        "Paula is not available for matching right now."
    )


def test_request_from_a_paused_member_is_refused(host):
    paused = make_member(role="newcomer", is_available=False)
    assert "Your profile is paused" in refused(ask, paused, host)


def test_request_to_a_member_who_left_is_refused(newcomer):
    gone = make_member(role="host", is_deleted=True)
    assert refused(ask, newcomer, gone) == "This member has left the programme."


def test_request_to_a_member_who_blocked_me_is_refused_without_saying_so(
    newcomer, host
):
    Block.objects.create(blocker=host, blocked=newcomer)
    # The same words as for a paused member: nobody learns they were blocked.
    assert refused(ask, newcomer, host) == (
        "Hanne Host is not available for matching right now."
    )


def test_request_to_a_member_i_blocked_is_refused(newcomer, host):
    Block.objects.create(blocker=newcomer, blocked=host)
    assert refused(ask, newcomer, host) == (
        "You have blocked Hanne Host. Unblock them first if you want to ask them."
    )


def test_second_pending_request_for_the_same_pair_is_refused_both_ways(newcomer, host):
    ask(newcomer, host)
    expected = (
        "There is already a request waiting for an answer between you and "
        "Hanne Host. You can see it on your requests page."
    )
    assert refused(ask, newcomer, host) == expected
    assert "between you and Nadia Newcomer" in refused(ask, host, newcomer)
    assert MatchRequest.objects.count() == 1


def test_one_pending_request_per_pair_holds_in_the_database_without_the_service(
    newcomer, host
):
    ask(newcomer, host)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRequest.objects.create(
            sender=host, recipient=newcomer, message=REQUEST_MESSAGE,
            expectations_version=1,
        )  # fmt: skip


def test_a_race_caught_by_the_constraint_becomes_the_same_friendly_message(
    newcomer, host, monkeypatch
):
    ask(newcomer, host)
    # As if a second request had passed the checks at the same moment.
    monkeypatch.setattr(
        request_services, "match_request_refusal", lambda **kwargs: None
    )
    message = refused(ask, host, newcomer)
    assert message.startswith("There is already a request waiting for an answer")
    assert MatchRequest.objects.count() == 1


def test_a_sixth_open_request_is_refused_until_one_is_answered(newcomer):
    hosts = [make_member(role="host") for _ in range(6)]
    requests = [ask(newcomer, host) for host in hosts[:5]]

    assert refused(ask, newcomer, hosts[5]) == (
        "You already have 5 requests waiting for an answer. Withdraw one, or wait "
        "for an answer, before you ask someone else."
    )

    match_request_withdraw(request=requests[0], by=newcomer)
    assert ask(newcomer, hosts[5]).status == MatchRequest.Status.PENDING


def test_request_to_a_member_i_am_already_matched_with_is_refused(newcomer):
    host = make_member(role="host", display_name="Hanne Host", capacity=2)
    make_match(newcomer, host)
    assert refused(ask, newcomer, host) == "You and Hanne Host are already matched."


def test_request_to_a_host_without_free_places_is_refused(newcomer, host):
    make_match(make_member(role="newcomer"), host)
    assert "Hanne Host has no free places right now" in refused(ask, newcomer, host)


def test_a_host_without_free_places_cannot_ask_either(newcomer, host):
    make_match(make_member(role="newcomer"), host)
    assert "You have no free places" in refused(ask, host, newcomer)


def test_message_shorter_than_30_characters_after_trimming_is_refused(newcomer, host):
    too_short = "  " + "x" * 29 + "          "
    assert refused(ask, newcomer, host, message=too_short) == (
        "Please write a little more: your message needs at least 30 characters "
        "(it has 29)."
    )
    assert ask(newcomer, host, message="x" * 30).message == "x" * 30


def test_message_over_2000_characters_is_refused(newcomer, host):
    assert refused(ask, newcomer, host, message="y" * 2001) == (
        "Your message is too long: at most 2,000 characters (it has 2,001)."
    )
    assert "10,000" in refused(ask, newcomer, host, message="z" * 10_000)
    assert not MatchRequest.objects.exists()


def test_request_without_confirming_the_expectations_is_refused(newcomer, host):
    assert refused(ask, newcomer, host, confirm=False) == (
        "Please read the programme's expectations and confirm that you accept them."
    )
    assert not MatchRequest.objects.exists()


# --- Answering ---------------------------------------------------------------------


def test_accepting_a_newcomers_request_makes_a_match_and_takes_a_place(newcomer, host):
    request = make_request(newcomer, host)

    match = match_request_accept(request=request, by=host, confirm_expectations=True)

    assert (match.host, match.newcomer, match.status) == (host, newcomer, "active")
    assert match.request == request
    request.refresh_from_db()
    assert request.status == MatchRequest.Status.ACCEPTED
    assert request.responded_at is not None
    host.refresh_from_db()
    assert host.active_match_count == 1
    assert host.free_places == 0
    assert host.expectations_confirmed_at is not None


def test_accepting_a_hosts_request_puts_the_roles_the_right_way_round(newcomer, host):
    match = match_request_accept(
        request=make_request(host, newcomer), by=newcomer, confirm_expectations=True
    )
    assert (match.host, match.newcomer) == (host, newcomer)
    host.refresh_from_db()
    assert host.active_match_count == 1


def test_accepting_without_confirming_the_expectations_is_refused(newcomer, host):
    request = make_request(newcomer, host)
    message = refused(
        match_request_accept, request=request, by=host, confirm_expectations=False
    )
    assert "confirm that you accept them" in message
    assert not Match.objects.exists()


def test_a_host_at_capacity_cannot_accept(host):
    first, second = make_member(role="newcomer"), make_member(role="newcomer")
    waiting = make_request(second, host)
    make_match(first, host)

    message = refused(
        match_request_accept, request=waiting, by=host, confirm_expectations=True
    )
    assert message.startswith("You have no free places")
    waiting.refresh_from_db()
    assert waiting.status == MatchRequest.Status.PENDING
    host.refresh_from_db()
    assert host.active_match_count == 1


def test_a_newcomer_cannot_accept_a_request_from_a_host_at_capacity(newcomer, host):
    waiting = make_request(host, newcomer)
    make_match(make_member(role="newcomer"), host)

    message = refused(
        match_request_accept, request=waiting, by=newcomer, confirm_expectations=True
    )
    assert message == (
        "Hanne Host has no free places right now, so the request cannot be accepted."
    )
    assert Match.objects.count() == 1


@pytest.mark.parametrize("who", ["sender", "stranger"])
def test_only_the_recipient_may_accept_or_decline(newcomer, host, who):
    request = make_request(newcomer, host)
    other = newcomer if who == "sender" else make_member(role="host")
    expected = "Only the member who was asked can answer this request."
    assert (
        refused(
            match_request_accept, request=request, by=other, confirm_expectations=True
        )
        == expected
    )
    assert refused(match_request_decline, request=request, by=other) == expected
    request.refresh_from_db()
    assert request.status == MatchRequest.Status.PENDING


def test_only_the_sender_may_withdraw(newcomer, host):
    request = make_request(newcomer, host)
    assert refused(match_request_withdraw, request=request, by=host) == (
        "Only the member who sent this request can withdraw it."
    )


@pytest.mark.parametrize("first", ["accept", "decline", "withdraw"])
def test_a_request_is_answered_only_while_it_is_pending(newcomer, host, first):
    request = make_request(newcomer, host)
    actions = {
        "accept": lambda: match_request_accept(
            request=request, by=host, confirm_expectations=True
        ),
        "decline": lambda: match_request_decline(request=request, by=host),
        "withdraw": lambda: match_request_withdraw(request=request, by=newcomer),
    }
    actions[first]()
    for action in actions.values():
        message = refused(action)
        assert message.startswith("This request is no longer waiting for an answer")
    assert Match.objects.count() == (1 if first == "accept" else 0)


def test_decline_keeps_the_private_reason(newcomer, host):
    request = make_request(newcomer, host)
    declined = match_request_decline(
        request=request, by=host, reason="  We live too far apart.  "
    )
    assert declined.status == MatchRequest.Status.DECLINED
    assert declined.decline_reason == "We live too far apart."


def test_decline_reason_over_1000_characters_is_refused(newcomer, host):
    request = make_request(newcomer, host)
    message = refused(
        match_request_decline, request=request, by=host, reason="r" * 1001
    )
    assert message == (
        "Please keep the reason to at most 1,000 characters (it has 1,001)."
    )


def test_a_request_can_be_sent_again_after_a_decline(newcomer, host):
    match_request_decline(request=make_request(newcomer, host), by=host)
    assert ask(newcomer, host).status == MatchRequest.Status.PENDING


# --- Notices ---------------------------------------------------------------------


def test_header_notices_count_requests_waiting_and_unseen_answers(newcomer):
    hosts = [make_member(role="host") for _ in range(4)]
    accepted, declined, withdrawn, pending = (
        make_request(newcomer, host) for host in hosts
    )
    make_request(make_member(role="host"), newcomer)  # waiting for my answer
    match_request_accept(request=accepted, by=hosts[0], confirm_expectations=True)
    match_request_decline(request=declined, by=hosts[1])
    match_request_withdraw(request=withdrawn, by=newcomer)
    member_block(blocker=hosts[3], blocked=newcomer)  # cancels `pending`
    pending.refresh_from_db()
    assert pending.status == MatchRequest.Status.CANCELLED

    counts = header_counts(profile_id=newcomer.pk)
    # accepted + declined + cancelled; my own withdrawal is not news to me.
    assert counts == {"pending": 1, "answers": 3, "requests": 4, "unread_messages": 0}

    request_answers_mark_seen(profile=newcomer)
    requests_mark_seen(profile=newcomer)
    counts = header_counts(profile_id=newcomer.pk)
    assert counts == {"pending": 1, "answers": 0, "requests": 1, "unread_messages": 0}


# --- E-mail -------------------------------------------------------------------------


def test_the_recipient_is_emailed_only_after_the_request_is_stored(
    newcomer, host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ask(newcomer, host)
    # The e-mail and the recipient's live badge, both waiting for the commit.
    assert len(callbacks) == 2
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        ask(make_member(role="newcomer", display_name="Omar"), host)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [host.user.email]
    assert message.subject == "[Velkomst] Omar would like to meet you"
    assert "/requests/" in message.body
    assert REQUEST_MESSAGE in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/requests/" in html


def test_no_email_when_a_request_is_refused(
    newcomer, host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused(ask, newcomer, host, message="too short")
    assert mail.outbox == []


def test_request_emails_never_contain_the_other_members_email_address(
    django_capture_on_commit_callbacks,
):
    newcomer = make_member(role="newcomer", email="nadia.private@example.org")
    host = make_member(role="host", email="hanne.private@example.org")
    other_host = make_member(role="host", email="hugo.private@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = ask(newcomer, host)
    with django_capture_on_commit_callbacks(execute=True):
        declined = ask(newcomer, other_host)
    with django_capture_on_commit_callbacks(execute=True):
        match_request_accept(request=accepted, by=host, confirm_expectations=True)
    with django_capture_on_commit_callbacks(execute=True):
        match_request_decline(request=declined, by=other_host, reason="Not now.")

    assert [m.to for m in mail.outbox] == [
        [host.user.email],
        [other_host.user.email],
        [newcomer.user.email],
        [newcomer.user.email],
    ]
    for message in mail.outbox:
        recipient = message.to[0]
        everything = message.subject + message.body + message.alternatives[0][0]
        for address in (
            "nadia.private@example.org",
            "hanne.private@example.org",
            "hugo.private@example.org",
        ):
            if address != recipient:
                assert address not in everything


def test_the_sender_is_told_about_an_acceptance_with_a_link_to_the_match(
    newcomer, host, django_capture_on_commit_callbacks
):
    request = make_request(newcomer, host)
    with django_capture_on_commit_callbacks(execute=True):
        match = match_request_accept(
            request=request, by=host, confirm_expectations=True
        )
    (message,) = mail.outbox
    assert message.to == [newcomer.user.email]
    assert message.subject == "[Velkomst] Hanne Host accepted your request"
    assert f"/matches/{match.pk}/" in message.body


def test_the_sender_is_told_about_a_decline_without_the_private_reason(
    newcomer, host, django_capture_on_commit_callbacks
):
    request = make_request(newcomer, host)
    with django_capture_on_commit_callbacks(execute=True):
        match_request_decline(
            request=request, by=host, reason="Secret: they seemed pushy."
        )
    (message,) = mail.outbox
    assert message.to == [newcomer.user.email]
    assert "cannot accept your request" in message.body
    assert "pushy" not in message.body
    assert "pushy" not in message.alternatives[0][0]


def test_withdrawing_sends_no_email(newcomer, host, django_capture_on_commit_callbacks):
    request = make_request(newcomer, host)
    with django_capture_on_commit_callbacks(execute=True):
        match_request_withdraw(request=request, by=newcomer)
    assert mail.outbox == []


def test_names_with_markup_are_escaped_in_html_emails(
    host, django_capture_on_commit_callbacks
):
    sender = make_member(role="newcomer", display_name="<b>Bold</b> Bo")
    with django_capture_on_commit_callbacks(execute=True):
        ask(sender, host, message="<script>alert('hi')</script> " + REQUEST_MESSAGE)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; Bo" in html


# Serialized like every transactional test here: the data the migrations
# loaded comes back afterwards, for the next test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
def test_two_members_asking_each_other_at_the_same_moment_make_one_request():
    newcomer, host = make_member(role="newcomer"), make_member(role="host")
    barrier = threading.Barrier(2)
    outcomes = []

    def send(sender, recipient):
        try:
            barrier.wait()
            ask(sender, recipient)
            outcomes.append("sent")
        except RuleBroken as broken:
            outcomes.append(broken.message.split(" between")[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=pair)
        for pair in ((newcomer, host), (host, newcomer))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [
        "There is already a request waiting for an answer",
        "sent",
    ]
    assert MatchRequest.objects.count() == 1
