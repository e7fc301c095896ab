"""The request, match and safety pages as members use them: who may see and do
what, messages instead of errors, escaping, and query budgets."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Block, Match, MatchRequest, Report
from community.selectors.members import member_relation
from community.services.requests import match_end
from community.services.safety import member_block
from tests.factories import REQUEST_MESSAGE, make_match, make_member, make_request

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def url(name, *args):
    return reverse(f"community:{name}", args=args)


def ask_form(message=REQUEST_MESSAGE, confirm=True):
    data = {"message": message}
    if confirm:
        data["confirm_expectations"] = "on"
    return data


# --- Asking ----------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_log_in(client, host):
    for name, args in (
        ("request_create", [host.pk]),
        ("requests", []),
        ("matches", []),
        ("blocked_list", []),
        ("report", [host.pk]),
    ):
        response = client.get(url(name, *args))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_the_request_form_shows_the_message_field_and_the_expectations(
    login, newcomer, host
):
    page = login(newcomer).get(url("request_create", host.pk)).content.decode()
    assert "Ask Hanne Host to match" in page
    assert "Your message" in page
    assert (
        "Say hello and why you&#x27;d like to meet: at least 30 characters, "
        "at most 2,000." in page
    )
    assert "I have read and accept the programme&#x27;s expectations" in page
    assert "at least six months" in page  # the default expectation statement


def test_asking_creates_a_request_and_emails_the_recipient(
    login, newcomer, host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(newcomer).post(url("request_create", host.pk), ask_form())
    assert response.status_code == 302
    assert response.url == url("requests")
    request = MatchRequest.objects.get()
    assert (request.sender, request.recipient) == (newcomer, host)
    assert mail.outbox[0].to == [host.user.email]
    followed = login(newcomer).get(response.url).content.decode()
    assert "Your request has been sent to Hanne Host" in followed


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ask_form(message="Hi there!"), "at least 30 characters (it has 9)"),
        (ask_form(message="x" * 10_000), "at most 2,000 characters (it has 10,000)"),
        (ask_form(confirm=False), "confirm that you accept them"),
        ({}, "Please write a message: say hello and why you&#x27;d like to meet."),
    ],
)
def test_a_bad_request_form_is_shown_again_with_a_message(
    login, newcomer, host, data, expected
):
    response = login(newcomer).post(url("request_create", host.pk), data)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not MatchRequest.objects.exists()


def test_the_form_explains_why_when_asking_is_not_possible(login, newcomer, host):
    make_request(newcomer, host)
    response = login(newcomer).get(url("request_create", host.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is already a request waiting" in page
    assert "Send request" not in page


def test_paused_blocked_and_departed_members_cannot_be_asked_and_stay_hidden(
    login, newcomer
):
    paused = make_member(role="host", is_available=False)
    gone = make_member(role="host", is_deleted=True)
    blocked_me = make_member(role="host")
    i_blocked = make_member(role="host")
    Block.objects.create(blocker=blocked_me, blocked=newcomer)
    Block.objects.create(blocker=newcomer, blocked=i_blocked)
    client = login(newcomer)
    for other_pk in (paused.pk, gone.pk, blocked_me.pk, i_blocked.pk, 999_999):
        assert client.get(url("request_create", other_pk)).status_code == 404
        response = client.post(url("request_create", other_pk), ask_form())
        assert response.status_code == 404
    assert client.get(url("report", blocked_me.pk)).status_code == 404
    assert client.get(url("block", blocked_me.pk)).status_code == 404
    assert not MatchRequest.objects.exists()


# --- Answering ---------------------------------------------------------------------


def test_the_requests_page_lists_what_waits_for_me_and_what_i_sent(
    login, newcomer, host
):
    other_host = make_member(role="host", display_name="Henrik")
    make_request(newcomer, host)
    make_request(other_host, newcomer)

    page = login(newcomer).get(url("requests")).content.decode()

    assert "Waiting for your answer" in page
    assert "Requests you sent" in page
    assert "Henrik" in page
    assert "Hanne Host" in page
    assert "Reason (optional, only the coordinators see it)" in page
    assert "Withdraw request" in page


def test_accepting_from_the_requests_page_makes_a_match(login, newcomer, host):
    request = make_request(newcomer, host)
    response = login(host).post(
        url("request_accept", request.pk), {"confirm_expectations": "on"}
    )
    match = Match.objects.get()
    assert response.status_code == 302
    assert response.url == url("match_detail", match.pk)
    page = login(host).get(response.url).content.decode()
    assert "You and Nadia Newcomer are now a match" in page


def test_accepting_without_the_expectations_box_shows_a_message(login, newcomer, host):
    request = make_request(newcomer, host)
    client = login(host)
    response = client.post(url("request_accept", request.pk), {}, follow=True)
    assert "confirm that you accept them" in response.content.decode()
    assert not Match.objects.exists()


def test_declining_with_a_private_reason(login, newcomer, host):
    request = make_request(newcomer, host)
    response = login(host).post(
        url("request_decline", request.pk), {"reason": "Too far away."}, follow=True
    )
    assert "You declined the request from Nadia Newcomer" in response.content.decode()
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "Too far away.")
    # The sender sees that it was declined, never why.
    page = login(newcomer).get(url("requests")).content.decode()
    assert "Declined" in page
    assert "Too far away." not in page


def test_withdrawing_my_request(login, newcomer, host):
    request = make_request(newcomer, host)
    login(newcomer).post(url("request_withdraw", request.pk))
    request.refresh_from_db()
    assert request.status == MatchRequest.Status.WITHDRAWN


@pytest.mark.parametrize(
    "name", ["request_accept", "request_decline", "request_withdraw"]
)
def test_request_actions_refuse_get(login, newcomer, host, name):
    request = make_request(newcomer, host)
    assert login(host).get(url(name, request.pk)).status_code == 405


def test_nobody_can_answer_or_withdraw_anothers_request(login, newcomer, host):
    request = make_request(newcomer, host)
    stranger = make_member(role="host")
    client = login(stranger)
    for name in ("request_accept", "request_decline", "request_withdraw"):
        response = client.post(url(name, request.pk), {"confirm_expectations": "on"})
        assert response.status_code == 404, name
    # Nor the wrong side of the request.
    assert (
        login(newcomer)
        .post(url("request_accept", request.pk), {"confirm_expectations": "on"})
        .status_code
        == 404
    )
    assert login(host).post(url("request_withdraw", request.pk)).status_code == 404
    request.refresh_from_db()
    assert request.status == MatchRequest.Status.PENDING


def test_nobody_sees_anothers_requests(login, newcomer, host):
    make_request(newcomer, host, message="A very personal hello from me to you, Hanne.")
    page = login(make_member(role="host")).get(url("requests")).content.decode()
    assert "A very personal hello" not in page
    assert "Nobody is waiting for your answer" in page


def requests_badge_shown(html: str) -> bool:
    """The header's requests badge is there and not hidden (the notification
    script needs it in the page either way)."""
    found = re.search(r'<span class="notice-badge" data-badge="requests"[^>]*>', html)
    return bool(found) and " hidden" not in found.group(0)


def test_visiting_the_requests_page_clears_the_header_notice(login, newcomer, host):
    request = make_request(newcomer, host)
    client = login(host)
    home = client.get(url("matches")).content.decode()
    assert requests_badge_shown(home)
    client.get(url("requests"))
    # Still waiting for an answer: the notice stays until it is answered.
    assert requests_badge_shown(client.get(url("matches")).content.decode())
    client.post(url("request_decline", request.pk))
    assert not requests_badge_shown(client.get(url("matches")).content.decode())

    sender = login(newcomer)
    assert requests_badge_shown(sender.get(url("matches")).content.decode())
    sender.get(url("requests"))
    assert not requests_badge_shown(sender.get(url("matches")).content.decode())


def test_messages_and_names_with_markup_are_escaped(login, host):
    sender = make_member(role="newcomer", display_name=f"{SCRIPT}Sam")
    make_request(sender, host, message=f"{SCRIPT} {REQUEST_MESSAGE}")
    page = login(host).get(url("requests")).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_no_other_members_email_address_is_shown(login):
    newcomer = make_member(role="newcomer", email="nadia.secret@example.org")
    host = make_member(role="host", email="hanne.secret@example.org", capacity=2)
    make_match(newcomer, host)
    make_request(host, make_member(role="newcomer", email="nils.secret@example.org"))
    client = login(host)
    for page in (url("requests"), url("matches"), url("match_detail", 1)):
        content = client.get(page).content.decode()
        assert "nadia.secret@example.org" not in content
        assert "nils.secret@example.org" not in content


# --- Matches --------------------------------------------------------------------


def test_both_members_see_their_match(login, newcomer, host):
    match = make_match(newcomer, host)
    assert "Hanne Host" in login(newcomer).get(url("matches")).content.decode()
    page = login(host).get(url("matches")).content.decode()
    assert "Nadia Newcomer" in page
    assert "End this match" in page
    assert login(host).get(url("match_detail", match.pk)).status_code == 200


def test_nobody_else_sees_a_match(login, newcomer, host):
    match = make_match(newcomer, host)
    client = login(make_member(role="host"))
    assert client.get(url("match_detail", match.pk)).status_code == 404
    assert client.post(url("match_end", match.pk), {"reason": "x"}).status_code == 404
    assert "Nadia Newcomer" not in client.get(url("matches")).content.decode()


def test_a_departed_member_shows_as_former_member(login, newcomer, host):
    match = make_match(newcomer, host)
    match_end(match=match, by=host, reason="Leaving.")
    type(host).objects.filter(pk=host.pk).update(is_deleted=True)
    page = login(newcomer).get(url("matches")).content.decode()
    assert "Former member" in page
    assert "Hanne Host" not in page


def test_ending_a_match_asks_for_confirmation_first(
    login, newcomer, host, django_capture_on_commit_callbacks
):
    match = make_match(newcomer, host)
    client = login(newcomer)

    confirm = client.post(url("match_end", match.pk), {"reason": "Moving abroad."})
    assert confirm.status_code == 200
    assert "End your match with Hanne Host?" in confirm.content.decode()
    assert "Moving abroad." in confirm.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url("match_end", match.pk), {"reason": "Moving abroad.", "confirm": "True"}
        )
    assert done.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert mail.outbox[-1].to == [host.user.email]


def test_ending_a_match_without_a_reason_shows_a_message(login, newcomer, host):
    match = make_match(newcomer, host)
    response = login(newcomer).post(
        url("match_end", match.pk), {"reason": "  ", "confirm": "True"}
    )
    assert response.status_code == 200
    assert "Please tell us briefly why." in response.content.decode()


# --- Blocking and reporting ---------------------------------------------------------


def test_the_block_page_says_the_match_will_end_and_blocking_does_so(
    login, newcomer, host
):
    make_match(newcomer, host)
    client = login(host)
    page = client.get(url("block", newcomer.pk)).content.decode()
    assert "Your match with Nadia Newcomer will end." in page
    assert "is not told that you blocked them" in page

    response = client.post(url("block", newcomer.pk), follow=True)
    content = response.content.decode()
    assert "You have blocked Nadia Newcomer" in content
    assert "Your match with them has ended." in content
    assert Block.objects.filter(blocker=host, blocked=newcomer).exists()
    # Now hidden from each other, and no new requests.
    assert login(newcomer).get(url("request_create", host.pk)).status_code == 404


def test_unblocking_from_the_blocked_list(login, newcomer, host):
    member_block(blocker=newcomer, blocked=host)
    client = login(newcomer)
    assert "Hanne Host" in client.get(url("blocked_list")).content.decode()
    assert client.get(url("unblock", host.pk)).status_code == 405
    client.post(url("unblock", host.pk))
    assert not Block.objects.exists()
    # Unblocking someone I never blocked: nothing to find.
    assert client.post(url("unblock", host.pk)).status_code == 404


def test_reporting_a_member(login, newcomer, host):
    client = login(newcomer)
    assert "What happened?" in client.get(url("report", host.pk)).content.decode()
    short = client.post(url("report", host.pk), {"reason": "Rude"})
    assert "at least 10 characters" in short.content.decode()
    done = client.post(url("report", host.pk), {"reason": f"{SCRIPT} asked for money"})
    assert done.status_code == 302
    assert Report.objects.get().reason == f"{SCRIPT} asked for money"


# --- The buttons on a profile -----------------------------------------------------


def render_actions(viewer, other):
    return render_to_string(
        "components/member_actions.html",
        {
            "member": other,
            "viewer": viewer,
            "relation": member_relation(viewer=viewer, other=other),
        },
    )


def test_member_actions_offer_what_fits(newcomer, host):
    assert "Ask to match" in render_actions(newcomer, host)
    request = make_request(newcomer, host)
    assert "Withdraw request" in render_actions(newcomer, host)
    answer = render_actions(host, newcomer)
    assert "Answer request" in answer
    assert f"#request-{request.pk}" in answer
    from community.services.requests import match_request_accept

    match_request_accept(request=request, by=host, confirm_expectations=True)
    assert "Go to your match" in render_actions(newcomer, host)
    for html in (render_actions(newcomer, host), render_actions(host, newcomer)):
        assert "Block" in html
        assert "Report" in html


def test_member_actions_explain_why_not(newcomer):
    other_newcomer = make_member(role="newcomer")
    html = render_actions(newcomer, other_newcomer)
    assert "Ask to match" not in html
    assert "between a host and a newcomer" in html


# --- Query budgets --------------------------------------------------------------


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_requests_page_queries_do_not_grow_with_the_number_of_requests(
    login, newcomer, django_assert_max_num_queries
):
    hosts = [make_member(role="host") for _ in range(2)]
    make_request(newcomer, hosts[0])
    make_request(hosts[1], newcomer)
    client = login(newcomer)
    client.get(url("requests"))  # warm the site and settings caches
    few = _queries(client, url("requests"))

    for host in [make_member(role="host", capacity=3) for _ in range(4)]:
        make_request(newcomer, host)
        make_request(make_member(role="host"), newcomer)
    accepted = MatchRequest.objects.filter(sender=newcomer).first()
    from community.services.requests import match_request_accept

    match_request_accept(
        request=accepted, by=accepted.recipient, confirm_expectations=True
    )
    many = _queries(client, url("requests"))

    assert many == few
    with django_assert_max_num_queries(18):
        client.get(url("requests"))


def test_matches_page_queries_do_not_grow_with_the_number_of_matches(
    login, django_assert_max_num_queries
):
    host = make_member(role="host", capacity=3)
    make_match(make_member(role="newcomer"), host)
    client = login(host)
    client.get(url("matches"))
    few = _queries(client, url("matches"))

    match_end(match=Match.objects.get(), by=host, reason="Ended.")
    for _ in range(3):
        make_match(make_member(role="newcomer"), host)
    many = _queries(client, url("matches"))

    assert many == few
    with django_assert_max_num_queries(13):
        client.get(url("matches"))
