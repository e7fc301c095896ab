"""Deleting an account deletes the member's words: every kind of text a member
can write carries a marker, and after deletion the whole database (every column
of every table, so also tables added later) is searched for it. The one place
allowed to hold it is an open report's copy of a message, until the report is
closed or old."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.jobs import jobs_run
from community.models import CheckIn, InterestTag, Meeting, Report
from community.services.checkins import checkin_answer
from community.services.events import event_signup
from community.services.meetings import meeting_accept, meeting_propose
from community.services.messaging import message_report
from community.services.profiles import (
    DELETED_MEMBER_QUOTE_DAYS,
    account_delete,
    deleted_member_quotes_erase,
)
from community.services.requests import match_end, match_request_decline
from community.services.safety import COORDINATORS_GROUP, member_report
from community.services.wheel import wheel_save
from tests.factories import (
    PASSWORD,
    UserFactory,
    make_event,
    make_match,
    make_member,
    make_message,
    make_request,
)

pytestmark = pytest.mark.django_db

MARK = "QX7MARKZ"


def places_holding(text: str) -> dict[tuple[str, str], int]:
    """{(table, column): rows} for every column of every table in the database
    whose text holds ``text`` (any case), whatever model it belongs to."""
    found = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "
                    f"WHERE UPPER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{text.upper()}%"],
                )
                (count,) = cursor.fetchone()
                if count:
                    found[(table, column.name)] = count
    return found


@pytest.fixture
def writer(db):
    """A member who has written something everywhere a member can."""
    me = make_member(
        role="newcomer",
        display_name=f"Lucía {MARK}",
        email=f"lucia.{MARK.lower()}@example.org",
        about=f"About me {MARK}",
        employer=f"Employer {MARK}",
        expectations=f"I expect {MARK}",
        interests=("Cooking", f"Knitting {MARK}"),
    )
    me.user.first_name, me.user.last_name = f"First {MARK}", f"Last {MARK}"
    me.user.save()
    return me


@pytest.fixture
def coordinator(db):
    """A coordinator in their own browser (their admin notices stay there)."""
    group = Group.objects.create(name=COORDINATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def story(writer, coordinator, event_index):
    """Everything ``writer`` did before deleting their account. Returns the
    other members and the two reports about the writer's messages."""
    me = writer
    # A match they ended themselves, with a reason.
    earlier = make_member(role="host", display_name="Erik Earlier")
    match_end(match=make_match(me, earlier), by=me, reason=f"Ended because {MARK}")
    # The match they are in, with messages two of which were reported.
    hanne = make_member(role="host", display_name="Hanne Host")
    match = make_match(me, hanne)
    make_message(match, me, f"Hello Hanne {MARK}")
    rude = make_message(match, me, f"Something rude {MARK}")
    ruder = make_message(match, me, f"Something ruder {MARK}")
    make_message(match, hanne, "Hello Lucía, nice to meet you.")
    open_report = message_report(reporter=hanne, message=rude, reason="Unkind.")
    closed_report = message_report(reporter=hanne, message=ruder, reason="Unkind!")
    # The coordinator closes one in the admin (the admin's history names it).
    response = coordinator.post(
        reverse("member_reports:edit", args=[closed_report.pk]),
        {"handled": "on", "coordinator_note": "Talked to both."},
    )
    assert response.status_code == 302
    # A request they sent (still waiting), one they declined with a reason.
    troels = make_member(role="host", display_name="Troels")
    make_request(me, troels, message=f"Dear Troels, I would love to meet {MARK}.")
    declined = make_request(make_member(role="host", display_name="Dorte"), me)
    match_request_decline(request=declined, by=me, reason=f"Not now {MARK}")
    # A report they made, a check-in, the wheel, an event sign-up.
    member_report(reporter=me, reported=troels, reason=f"He was rude {MARK}")
    checkin = CheckIn.objects.create(
        match=match, profile=me, number=1, due_at=timezone.now()
    )
    checkin_answer(
        checkin=checkin,
        by=me,
        have_met=True,
        satisfaction=2,
        wish="new_match",
        note=f"Private note {MARK}",
    )
    wheel_save(profile=me, answers={"work": (3, f"My job {MARK}")})
    event_signup(profile=me, event_id=make_event(event_index).pk, party_size=2)
    # Meetings they suggested: one agreed and past, one still open.
    met = meeting_propose(
        match=match,
        by=me,
        starts_at=timezone.now() + timedelta(days=2),
        place=f"My flat {MARK}",
        note=f"Ring twice {MARK}",
    )
    meeting_accept(meeting=met, by=hanne)
    Meeting.objects.filter(pk=met.pk).update(
        starts_at=timezone.now() - timedelta(days=1)
    )
    meeting_propose(
        match=match,
        by=me,
        starts_at=timezone.now() + timedelta(days=5),
        place=f"Café {MARK}",
        note=f"Red scarf {MARK}",
    )
    return {
        "hanne": hanne,
        "match": match,
        "open_report": open_report,
        "closed_report": closed_report,
    }


def _delete(client, profile) -> None:
    client.force_login(profile.user)
    response = client.post(reverse("community:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302


def test_the_search_finds_every_kind_of_text_before_deletion(writer, story):
    found = {table_column for table_column in places_holding(MARK)}
    for expected in [
        ("community_profile", "display_name"),
        ("community_profile", "about"),
        ("community_profile", "employer"),
        ("community_profile", "expectations"),
        ("community_interesttag", "name"),
        ("community_message", "body"),
        ("community_report", "quoted_message"),
        ("community_report", "reason"),
        ("community_matchrequest", "message"),
        ("community_matchrequest", "decline_reason"),
        ("community_match", "end_reason"),
        ("community_checkin", "note"),
        ("community_wheelarea", "note"),
        ("wagtailcore_modellogentry", "label"),
        ("account_emailaddress", "email"),
    ]:
        assert expected in found, expected


def test_after_deletion_only_an_open_reports_quote_holds_the_members_words(
    client, writer, story
):
    _delete(client, writer)

    assert places_holding(MARK) == {("community_report", "quoted_message"): 1}
    open_report = Report.objects.get(pk=story["open_report"].pk)
    assert not open_report.handled
    assert open_report.quoted_message == f"Something rude {MARK}"
    assert Report.objects.get(pk=story["closed_report"].pk).quoted_message == ""
    # What others wrote stays: the reports about the member, Hanne's message.
    assert open_report.reason == "Unkind."
    assert places_holding("nice to meet you") == {("community_message", "body"): 1}
    # The reports the member made are still there for the coordinators, empty.
    (made,) = Report.objects.filter(reporter=writer)
    assert made.reason == "" and made.reporter.is_deleted
    assert not CheckIn.objects.filter(profile=writer).exists()


def test_closing_the_open_report_erases_the_last_quote(client, writer, story):
    _delete(client, writer)
    # What the admin's edit form does when the coordinator ticks "handled".
    report = story["open_report"]
    report.handled = True
    report.save(update_fields=["handled"])

    assert jobs_run(["deleted-member-quotes"]) == {"deleted-member-quotes": 1}
    assert places_holding(MARK) == {}
    assert jobs_run(["deleted-member-quotes"]) == {"deleted-member-quotes": 0}


def test_the_coordinator_reads_and_closes_the_open_report_in_the_admin(
    client, coordinator, writer, story
):
    _delete(client, writer)
    edit = reverse("member_reports:edit", args=[story["open_report"].pk])
    page = coordinator.get(edit)
    assert page.status_code == 200 and f"Something rude {MARK}" in page.text

    response = coordinator.post(edit, {"handled": "on", "coordinator_note": "Done."})

    assert response.status_code == 302
    assert jobs_run(["deleted-member-quotes"]) == {"deleted-member-quotes": 1}
    assert places_holding(MARK) == {}


def test_an_open_report_keeps_the_quote_only_for_the_retention_period(writer, story):
    account_delete(user=writer.user)
    report = story["open_report"]
    Report.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - timedelta(days=DELETED_MEMBER_QUOTE_DAYS - 1)
    )
    assert deleted_member_quotes_erase() == 0
    later = timezone.now() + timedelta(days=2)
    assert deleted_member_quotes_erase(now=later) == 1
    report.refresh_from_db()
    assert report.quoted_message == "" and not report.handled


def test_quotes_of_members_who_stay_are_never_erased_by_the_job(host, newcomer):
    match = make_match(newcomer, host)
    report = message_report(
        reporter=newcomer,
        message=make_message(match, host, "Rude words"),
        reason="Rude.",
    )
    Report.objects.filter(pk=report.pk).update(handled=True)
    assert deleted_member_quotes_erase() == 0
    report.refresh_from_db()
    assert report.quoted_message == "Rude words"


def test_the_other_member_sees_message_removed_in_the_conversation(
    client, writer, story
):
    _delete(client, writer)
    client.force_login(story["hanne"].user)

    conversation = story["match"].conversation.pk
    page = client.get(reverse("community:conversation", args=[conversation]))
    assert page.status_code == 200
    assert "Message removed" in page.text
    assert MARK not in page.text and "Former member" in page.text
    assert "Hello Lucía, nice to meet you." in page.text
    listing = client.get(reverse("community:conversations"))
    assert listing.status_code == 200 and MARK not in listing.text


def test_an_interest_someone_else_also_has_stays(client, writer):
    make_member(role="host", interests=(f"Knitting {MARK}",))
    _delete(client, writer)
    assert InterestTag.objects.filter(name=f"Knitting {MARK}").exists()
    assert places_holding(MARK) == {("community_interesttag", "name"): 1} | {
        ("community_interesttag", "slug"): 1
    }
