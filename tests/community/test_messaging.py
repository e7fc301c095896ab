"""Chat without sockets: the services' rules, safe HTML, read watermarks, the
unread e-mails, and the chat pages as a member without JavaScript uses them."""

import json
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.models import Conversation, Match, Message, Participant, Report
from community.selectors.messaging import conversations_for
from community.selectors.notices import header_counts
from community.services.data_export import member_data_export
from community.services.errors import RuleBroken
from community.services.messaging import (
    conversation_mark_read,
    message_html,
    message_send,
    unread_message_emails_send,
)
from community.services.profiles import account_delete
from community.services.requests import match_end
from tests.factories import make_match, make_member, make_message

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"community:{name}", args=args)


@pytest.fixture
def match(host, newcomer):
    return make_match(newcomer, host)


def say(match, sender, body="Hello! Shall we meet on Saturday?", **kwargs):
    return make_message(match, sender, body, **kwargs)


# --- Starting and sending ------------------------------------------------------------


def test_accepting_a_request_starts_the_pairs_conversation(match, host, newcomer):
    conversation = Conversation.objects.get(match=match)
    assert set(conversation.participants.values_list("profile_id", flat=True)) == {
        host.pk,
        newcomer.pk,
    }
    assert conversation.last_message is None


def test_a_message_is_stored_once_per_client_id(match, host):
    client_id = uuid.uuid4()
    first = message_send(
        conversation_id=match.conversation.pk,
        sender=host,
        body="  Hello there!  \r\n",
        client_id=client_id,
    )
    again = message_send(
        conversation_id=match.conversation.pk,
        sender=host,
        body="Hello there!",
        client_id=str(client_id),
    )
    assert first.created and not again.created
    assert first.message.pk == again.message.pk
    assert Message.objects.get().body == "Hello there!"
    match.conversation.refresh_from_db()
    assert match.conversation.last_message_id == first.message.pk


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("", "Write something"),
        ("   \n\t ", "Write something"),
        ("x" * 4001, "at most 4000 characters"),
        (None, "must be text"),
    ],
)
def test_empty_or_too_long_messages_are_refused(match, host, body, words):
    with pytest.raises(RuleBroken, match=words):
        say(match, host, body)
    assert not Message.objects.exists()


def test_only_the_pair_may_write_and_only_while_the_match_is_active(
    match, host, newcomer
):
    stranger = make_member(role="host")
    with pytest.raises(RuleBroken, match="not part of this conversation"):
        say(match, stranger)
    with pytest.raises(RuleBroken, match="no valid id"):
        say(match, host, client_id="not-a-uuid")
    match_end(match=match, by=host, reason="We did not get along.")
    with pytest.raises(RuleBroken, match="match has ended"):
        say(match, newcomer)
    assert not Message.objects.exists()


def test_a_client_id_used_in_another_conversation_is_refused(match, host):
    other = make_match(make_member(role="newcomer"), make_member(role="host"))
    client_id = uuid.uuid4()
    say(match, host, client_id=client_id)
    with pytest.raises(RuleBroken):
        message_send(
            conversation_id=other.conversation.pk,
            sender=host,
            body="Hi",
            client_id=client_id,
        )


def _store_outcome(store, conversation_id, sender, client_id):
    """What one way of storing answers: the rule broken, or the lock's answer
    and the message as stored (None: the client id was used before)."""
    from django.db import transaction

    try:
        with transaction.atomic():
            writable, message = store(conversation_id, sender, client_id, "Hej")
    except RuleBroken as broken:
        return ("refused", broken.message)
    if message is None:
        return ("used before", None)
    stored = Message.objects.get(pk=message.pk)
    conversation = Conversation.objects.get(pk=conversation_id)
    assert conversation.last_message_id == message.pk
    assert conversation.last_message_at == stored.created_at == message.created_at
    assert (stored.body, stored.client_id, stored.sender_id) == (
        message.body,
        message.client_id,
        message.sender_id,
    )
    return ("stored", writable.last_message_id < message.pk, writable.recipient_user_id)


def test_the_one_statement_send_answers_as_the_orm_does(match, host, newcomer):
    """PostgreSQL stores a message in one SQL statement; the ORM way (SQLite,
    and the reference) must give the same answer in every case."""
    from django.db import connection

    from community.services.messaging import _store, _store_in_one_statement

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement send is PostgreSQL's")
    conversation_id = match.conversation.pk
    other = make_match(make_member(role="newcomer"), make_member(role="host"))
    used_elsewhere = uuid.uuid4()
    say(other, other.host, client_id=used_elsewhere)
    used_here = say(match, host).client_id
    stranger = make_member(role="host")

    def both(sender, client_id=None, conversation=conversation_id):
        return [
            _store_outcome(store, conversation, sender, client_id or uuid.uuid4())
            for store in (_store, _store_in_one_statement)
        ]

    cases = {
        "host": both(host),
        "newcomer": both(newcomer),
        "used here": both(host, used_here),
        "used elsewhere": both(other.host, used_elsewhere),
        "used in the other": both(other.host, used_elsewhere, other.conversation.pk),
        "stranger": both(stranger),
    }
    newcomer.user.is_active = False
    newcomer.user.save(update_fields=["is_active"])
    cases["inactive"] = both(newcomer)
    cases["host still writes"] = both(host)
    type(host).objects.filter(pk=host.pk).update(is_deleted=True)
    cases["deleted"] = both(host)
    match_end(match=other, by=other.host, reason="We did not get along.")
    cases["ended"] = both(other.host, conversation=other.conversation.pk)
    for case, (orm, sql) in cases.items():
        assert orm == sql, case
    assert cases["host"][0] == ("stored", True, newcomer.user_id)
    assert cases["newcomer"][0] == ("stored", True, host.user_id)
    assert cases["used here"][0] == ("used before", None)
    assert cases["used in the other"][0] == ("used before", None)
    assert cases["used elsewhere"][0][0] == "refused"
    assert cases["stranger"][0][0] == "refused"
    assert cases["inactive"][0] == ("refused", "Your account is closed.")
    assert cases["deleted"][0] == ("refused", "Your account is closed.")
    assert cases["ended"][0][0] == "refused"


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "See https://example.org/a?b=1&c=2.",
            'See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener" '
            'target="_blank">https://example.org/a?b=1&amp;c=2</a>.',
        ),
        (
            "(https://en.wikipedia.org/wiki/Hygge_(word))",
            '(<a href="https://en.wikipedia.org/wiki/Hygge_(word)" '
            'rel="nofollow noopener" target="_blank">'
            "https://en.wikipedia.org/wiki/Hygge_(word)</a>)",
        ),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ('"https://x.dk/"onmouseover="x"', '&quot;<a href="https://x.dk/"'),
        ("line one\nline two", "line one<br>line two"),
    ],
)
def test_message_html_escapes_everything_and_links_only_web_addresses(body, html):
    assert message_html(body).startswith(html) or html in message_html(body)
    assert "<script" not in message_html(body)
    assert "onmouseover=" not in message_html(body).replace("onmouseover=&quot;", "")


# --- Reading -------------------------------------------------------------------------


def test_the_read_watermark_only_moves_forward_and_never_past_the_newest(
    match, host, newcomer
):
    first = say(match, host, "One")
    second = say(match, host, "Two")
    assert header_counts(profile_id=newcomer.pk)["unread_messages"] == 2
    assert header_counts(profile_id=host.pk)["unread_messages"] == 0
    conversation_id = match.conversation.pk
    assert (
        conversation_mark_read(
            conversation_id=conversation_id, profile=newcomer, up_to=second.pk + 50
        )
        == second.pk
    )
    assert (
        conversation_mark_read(
            conversation_id=conversation_id, profile=newcomer, up_to=first.pk
        )
        == second.pk
    )
    assert header_counts(profile_id=newcomer.pk)["unread_messages"] == 0
    assert Participant.objects.get(profile=newcomer).last_read_id == second.pk


def test_my_conversations_newest_first_with_unread_counts(host, newcomer):
    quiet = make_match(newcomer, host)
    busy_host = make_member(role="host", display_name="Busy Bo")
    busy = make_match(newcomer, busy_host)
    say(quiet, host, "Older message")
    say(busy, busy_host, "Newer message")
    say(busy, busy_host, "Newest message")
    rows = conversations_for(profile=newcomer)
    assert [(row.other.pk, row.unread) for row in rows] == [
        (busy_host.pk, 2),
        (host.pk, 1),
    ]
    assert rows[0].conversation.last_message.body == "Newest message"


# --- Unread e-mails ------------------------------------------------------------------


def _age(message, minutes):
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_one_email_per_conversation_for_messages_unread_for_15_minutes(
    match, host, newcomer
):
    first = say(match, host, "Are you free on Saturday?")
    _age(first, 10)
    assert unread_message_emails_send() == 0  # not yet 15 minutes
    _age(first, 16)
    second = say(match, host, "Or Sunday?")
    assert unread_message_emails_send() == 1
    assert unread_message_emails_send() == 0  # twice sends nothing twice
    _age(second, 30)
    assert unread_message_emails_send() == 0  # still the same unread streak

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [newcomer.user.email]
    assert email.subject == "[Velkomst] Hanne Host sent you 2 messages"
    assert "Are you free on Saturday?" in email.body and "Or Sunday?" in email.body
    assert url("conversation", match.conversation.pk) in email.body
    assert host.user.email not in email.body

    # Once read, a new streak may e-mail again.
    conversation_mark_read(
        conversation_id=match.conversation.pk, profile=newcomer, up_to=second.pk
    )
    third = say(match, host, "See you!")
    _age(third, 20)
    assert unread_message_emails_send() == 1


def test_no_unread_email_for_members_who_turned_it_off(match, host, newcomer, login):
    client = login(newcomer)
    response = client.post(url("unread_email_setting"), {})  # box unticked
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.email_on_unread is False
    _age(say(match, host), 20)
    assert unread_message_emails_send() == 0
    client.post(url("unread_email_setting"), {"email_on_unread": "on"})
    assert unread_message_emails_send() == 1


def test_the_run_jobs_command_sends_the_unread_emails(match, host, capsys):
    _age(say(match, host), 20)
    call_command("run_jobs")
    call_command("run_jobs", "--job", "unread-message-emails")
    assert len(mail.outbox) == 1
    assert "unread-message-emails: 1" in capsys.readouterr().out


# --- Leaving -------------------------------------------------------------------------


def test_deleting_an_account_erases_its_messages_for_the_other_too(
    match, host, newcomer, login
):
    say(match, host, "My phone number is 12 34 56 78")
    say(match, newcomer, "Thanks, I will call you")
    account_delete(user=host.user)
    assert list(Message.objects.order_by("pk").values_list("body", flat=True)) == [
        "",
        "Thanks, I will call you",
    ]
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    page = login(newcomer).get(url("conversation", match.conversation.pk))
    html = page.content.decode()
    assert "12 34 56 78" not in html
    assert "Message removed" in html
    assert "This match has ended" in html


def test_my_data_export_has_my_conversations(match, host, newcomer):
    say(match, host, "Hello from Hanne")
    say(match, newcomer, "Hello from Nadia")
    exported = json.loads(json.dumps(member_data_export(user=newcomer.user)))
    (conversation,) = exported["conversations"]
    assert conversation["with"] == "Hanne Host"
    assert [(m["from"], m["text"]) for m in conversation["messages"]] == [
        ("Hanne Host", "Hello from Hanne"),
        ("me", "Hello from Nadia"),
    ]


# --- The pages -----------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_log_in(match, client):
    for path in (url("conversations"), url("conversation", match.conversation.pk)):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_nobody_else_can_open_a_conversation(match, login):
    stranger = login(make_member(role="host"))
    assert stranger.get(url("conversation", match.conversation.pk)).status_code == 404
    assert stranger.get(url("conversation", 999999)).status_code == 404
    response = stranger.post(
        url("conversation", match.conversation.pk),
        {"body": "Let me in", "client_id": str(uuid.uuid4())},
    )
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_the_conversation_page_shows_history_and_marks_it_read(
    match, host, newcomer, login
):
    say(match, host, "<b>Welcome</b> to Aarhus! https://www.visitaarhus.com")
    page = login(newcomer).get(url("conversation", match.conversation.pk))
    html = page.content.decode()
    assert "&lt;b&gt;Welcome&lt;/b&gt;" in html
    assert 'href="https://www.visitaarhus.com" rel="nofollow noopener"' in html
    assert 'data-live="true"' in html
    assert header_counts(profile_id=newcomer.pk)["unread_messages"] == 0


def test_a_mangled_form_id_still_sends_once(match, newcomer, login):
    form = {"body": "Hello from a tampered form", "client_id": "no-uuid"}
    response = login(newcomer).post(url("conversation", match.conversation.pk), form)
    assert response.status_code == 302
    assert Message.objects.get().body == "Hello from a tampered form"


def test_sending_without_javascript_posts_once_per_form(match, newcomer, login):
    client = login(newcomer)
    page = client.get(url("conversation", match.conversation.pk)).content.decode()
    client_id = page.split('name="client_id" value="')[1].split('"')[0]
    form = {"body": "Hello Hanne, nice to meet you!", "client_id": client_id}
    first = client.post(url("conversation", match.conversation.pk), form)
    again = client.post(url("conversation", match.conversation.pk), form)
    message = Message.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"].endswith(f"#message-{message.pk}")
    assert message.sender == newcomer


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"body": "   ", "client_id": "x"}, "Write something"),
        ({"body": "x" * 4500}, "at most 4000 characters"),
        ({"client_id": "no body"}, "Write something"),
    ],
)
def test_bad_posts_get_a_message_and_store_nothing(match, newcomer, login, form, words):
    form = {"client_id": str(uuid.uuid4()), **form}
    response = login(newcomer).post(url("conversation", match.conversation.pk), form)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Message.objects.exists()


def test_an_ended_match_is_readable_not_writable(match, host, newcomer, login):
    say(match, host, "Goodbye, and good luck!")
    match_end(match=match, by=host, reason="Moving away.")
    client = login(newcomer)
    html = client.get(url("conversation", match.conversation.pk)).content.decode()
    assert "Goodbye, and good luck!" in html
    assert 'data-live="false"' in html
    assert 'name="body"' not in html
    response = client.post(
        url("conversation", match.conversation.pk),
        {"body": "Wait!", "client_id": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert "match has ended" in response.content.decode()
    assert Message.objects.count() == 1


def test_older_messages_are_paged_backwards(match, host, newcomer, login):
    for number in range(55):
        Message.objects.create(
            conversation=match.conversation,
            sender=host,
            client_id=uuid.uuid4(),
            body=f"Message number {number:02d}",
        )
    client = login(newcomer)
    newest = client.get(url("conversation", match.conversation.pk)).content.decode()
    assert "Message number 54" in newest and "Message number 04" not in newest
    assert "Message number 05" in newest
    older_link = newest.split('class="chat__older"><a href="')[1].split('"')[0]
    older = client.get(
        url("conversation", match.conversation.pk) + older_link
    ).content.decode()
    assert "Message number 04" in older and "Message number 05" not in older
    for junk in ("abc", "-1", "9" * 40, ""):
        response = client.get(
            url("conversation", match.conversation.pk), {"before": junk}
        )
        assert response.status_code == 200


def test_the_list_page_shows_unread_and_previews_escaped(match, host, newcomer, login):
    say(match, host, "<img src=x onerror=alert(1)> Coffee?")
    html = login(newcomer).get(url("conversations")).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt; Coffee?" in html
    assert "(1 unread message)" in html
    assert "<img src=x" not in html


def test_the_list_page_queries_do_not_grow_with_conversations(
    newcomer, login, django_assert_max_num_queries
):
    client = login(newcomer)
    for _ in range(2):
        other = make_member(role="host", capacity=3)
        say(make_match(newcomer, other), other)
    with django_assert_max_num_queries(12) as few:
        client.get(url("conversations"))
    for _ in range(5):
        other = make_member(role="host", capacity=3)
        say(make_match(newcomer, other), other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("conversations"))


def test_a_member_reports_a_message_and_the_coordinators_get_a_copy(
    match, host, newcomer, login
):
    message = say(match, host, "Send me your bank details.")
    client = login(newcomer)
    report_url = url("message_report", match.conversation.pk, message.pk)
    assert client.get(report_url).status_code == 200
    empty = client.post(report_url, {"reason": ""})
    assert empty.status_code == 200 and "Please tell us what is wrong" in (
        empty.content.decode()
    )
    response = client.post(report_url, {"reason": "Asking for money."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reported) == (newcomer, host)
    assert report.message == message
    assert report.quoted_message == "Send me your bank details."
    # Not my own message, not someone else's conversation.
    mine = say(match, newcomer, "My own words")
    assert (
        client.get(url("message_report", match.conversation.pk, mine.pk)).status_code
        == 404
    )
    stranger = login(make_member(role="host"))
    assert stranger.get(report_url).status_code == 404


def test_the_conversation_page_queries_do_not_grow_with_messages(
    match, host, newcomer, login, django_assert_max_num_queries
):
    client = login(newcomer)
    say(match, host, "One")
    with django_assert_max_num_queries(18) as few:
        client.get(url("conversation", match.conversation.pk))
    for number in range(30):
        say(match, host if number % 2 else newcomer, f"Message {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("conversation", match.conversation.pk))
