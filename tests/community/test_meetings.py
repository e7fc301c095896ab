"""The first meeting: either member of an active pair suggests a time and a
place (or an idea or an event), the other accepts, declines or suggests
another time; an agreed meeting reaches both by e-mail with an .ics, shows on
the pair page, in the conversation and on /me/, is reminded of the day
before, and coordinators see pairs that have agreed none."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar

from community.models import Match, Meeting
from community.pair_flags import match_flags
from community.selectors.pairs import flagged_pairs
from community.services.errors import RuleBroken
from community.services.meetings import (
    meeting_accept,
    meeting_cancel,
    meeting_decline,
    meeting_propose,
    meeting_reminders_send,
)
from community.services.profiles import account_delete
from community.services.requests import match_end
from community.services.safety import member_block
from tests.factories import (
    make_event,
    make_idea,
    make_match,
    make_member,
    make_message,
)

pytestmark = pytest.mark.django_db


def soon(days: float = 3, hour: int = 14) -> datetime:
    """A whole hour ``days`` from now, in the site's time zone."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def pair(matched_pair):
    mail.outbox.clear()
    return matched_pair


def suggest(match, by, *, when=None, place="Café Nordlys, Vestergade 5", **kw):
    return meeting_propose(
        match=match, by=by, starts_at=when or soon(), place=place, **kw
    )


def sent(capture, action):
    """Run ``action`` with its on-commit work (e-mail, announcements)."""
    with capture(execute=True):
        return action()


# --- The rules ---------------------------------------------------------------------


def test_either_member_suggests_and_only_the_other_accepts(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    meeting = sent(django_capture_on_commit_callbacks, lambda: suggest(match, newcomer))
    assert meeting.status == Meeting.Status.PROPOSED
    (proposal,) = mail.outbox
    assert proposal.to == [host.user.email]
    assert proposal.subject == "[Velkomst] Nadia Newcomer suggests a meeting"
    assert "Café Nordlys, Vestergade 5" in proposal.body
    assert f"/matches/{match.pk}/" in proposal.body
    assert newcomer.user.email not in proposal.body

    with pytest.raises(RuleBroken, match="You suggested this meeting"):
        meeting_accept(meeting=meeting, by=newcomer)
    mail.outbox.clear()
    agreed = sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_accept(meeting=meeting, by=host),
    )
    assert agreed.status == Meeting.Status.CONFIRMED
    assert agreed.responded_by == host and agreed.responded_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [host.user.email, newcomer.user.email]
    )


def test_accepting_twice_changes_nothing_and_sends_nothing_more(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_accept(meeting=meeting, by=host),
    )
    first = Meeting.objects.get(pk=meeting.pk).responded_at
    mail.outbox.clear()
    again = sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_accept(meeting=meeting, by=host),
    )
    assert again.status == Meeting.Status.CONFIRMED
    assert Meeting.objects.get(pk=meeting.pk).responded_at == first
    assert mail.outbox == []


def test_a_stranger_cannot_suggest_and_an_ended_match_refuses(pair):
    host, newcomer, match = pair
    stranger = make_member(role="newcomer", display_name="Sam Stranger")
    with pytest.raises(RuleBroken, match="not your match"):
        suggest(match, stranger)
    match_end(match=match, by=host, reason="We live too far apart.")
    match.refresh_from_db()
    with pytest.raises(RuleBroken, match="This match has ended"):
        suggest(match, newcomer)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (lambda: timezone.now() - timedelta(minutes=1), "Choose a time in the future."),
        (lambda: timezone.now(), "Choose a time in the future."),
        (
            lambda: timezone.now() + timedelta(days=200),
            "Choose a time within the next six months.",
        ),
    ],
)
def test_a_time_in_the_past_or_too_far_ahead_is_refused(pair, when, message):
    host, newcomer, match = pair
    with pytest.raises(RuleBroken) as refused:
        suggest(match, newcomer, when=when())
    assert refused.value.message == message
    assert refused.value.field == "date"
    assert not Meeting.objects.exists()


def test_a_place_is_needed_unless_an_idea_or_an_event_gives_one(
    pair, idea_index, event_index
):
    host, newcomer, match = pair
    with pytest.raises(RuleBroken, match="Say where to meet") as refused:
        suggest(match, newcomer, place="  \u200b ")
    assert refused.value.field == "place"
    with pytest.raises(RuleBroken, match="under 200 characters"):
        suggest(match, newcomer, place="x" * 201)
    with pytest.raises(RuleBroken, match="under 500 characters"):
        suggest(match, newcomer, note="x" * 501)

    idea = make_idea(idea_index, title="Cook a Danish dinner together")
    by_idea = suggest(match, newcomer, place="", idea_id=idea.pk)
    assert by_idea.place == "Cook a Danish dinner together"
    assert by_idea.idea == idea

    event = make_event(event_index, title="Welcome coffee", start=soon(days=10))
    by_event = suggest(match, host, when=None, place="", event_id=event.pk)
    assert by_event.starts_at == event.start
    assert (
        by_event.place
        == "Dokk1, the main library, Hack Kampmanns Plads 2, 8000 Aarhus C"
    )
    assert by_event.event == event

    draft = make_idea(idea_index, title="Not published yet", publish=False)
    with pytest.raises(RuleBroken, match="Choose one of the ideas or events shown"):
        suggest(match, host, idea_id=draft.pk)
    past = make_event(event_index, title="Last week", start=soon(days=-7))
    with pytest.raises(RuleBroken, match="already started"):
        suggest(match, host, event_id=past.pk)


def test_another_time_replaces_the_open_suggestion(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    first = suggest(match, newcomer)
    mail.outbox.clear()
    counter = sent(
        django_capture_on_commit_callbacks,
        lambda: suggest(match, host, when=soon(days=5), place="Dokk1"),
    )
    first.refresh_from_db()
    assert first.status == Meeting.Status.REPLACED
    assert counter.replaces == first
    assert Meeting.objects.filter(status="proposed").get() == counter
    (email,) = mail.outbox
    assert email.to == [newcomer.user.email]
    assert email.subject == "[Velkomst] Hanne Host suggests another time to meet"
    # The replaced suggestion can no longer be accepted, and says why.
    with pytest.raises(RuleBroken, match="You have suggested another time since"):
        meeting_accept(meeting=first, by=host)
    # A member who changed their own suggestion: the old one, on a page left
    # open, says there is a newer one.
    changed = suggest(match, newcomer, when=soon(days=6))
    suggest(match, newcomer, when=soon(days=7))
    with pytest.raises(RuleBroken, match="Nadia Newcomer has suggested another time"):
        meeting_accept(meeting=changed, by=host)


def test_the_same_suggestion_sent_twice_is_stored_once(pair):
    host, newcomer, match = pair
    when = soon()
    first = suggest(match, newcomer, when=when, note="I wear a red scarf.")
    second = suggest(match, newcomer, when=when, note="I wear a red scarf.")
    assert first.pk == second.pk
    assert Meeting.objects.count() == 1
    # Changing it is a new suggestion in its place.
    changed = suggest(match, newcomer, when=when + timedelta(hours=1))
    assert changed.pk != first.pk
    assert list(Meeting.objects.values_list("status", flat=True).order_by("pk")) == [
        "replaced",
        "proposed",
    ]


def test_declining_tells_the_proposer_and_only_the_other_member_declines(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    with pytest.raises(RuleBroken, match="withdraw it"):
        meeting_decline(meeting=meeting, by=newcomer)
    mail.outbox.clear()
    sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_decline(meeting=meeting, by=host),
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DECLINED
    (email,) = mail.outbox
    assert email.to == [newcomer.user.email]
    assert (
        email.subject == "[Velkomst] Hanne Host cannot meet at the time you suggested"
    )
    assert meeting_decline(meeting=meeting, by=host).status == "declined"  # twice
    with pytest.raises(RuleBroken, match="This suggestion was declined"):
        meeting_accept(meeting=meeting, by=host)


def test_the_proposer_withdraws_and_either_member_calls_off_an_agreed_meeting(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    with pytest.raises(RuleBroken, match="you can accept it, decline it"):
        meeting_cancel(meeting=meeting, by=host)
    assert meeting_cancel(meeting=meeting, by=newcomer).status == "cancelled"
    assert meeting_cancel(meeting=meeting, by=newcomer).status == "cancelled"

    agreed = suggest(match, newcomer)
    meeting_accept(meeting=agreed, by=host)
    mail.outbox.clear()
    sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_cancel(meeting=agreed, by=host),
    )
    (email,) = mail.outbox
    assert email.to == [newcomer.user.email]
    assert email.subject == "[Velkomst] Hanne Host has called off your meeting"
    ((name, content, mimetype),) = email.attachments
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"meeting-{agreed.pk}@velkomst"


def test_a_meeting_that_took_place_stays_and_cannot_be_called_off(pair):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    meeting_accept(meeting=meeting, by=host)
    later = meeting.starts_at + timedelta(hours=3)
    with pytest.raises(RuleBroken, match="already taken place"):
        meeting_cancel(meeting=meeting, by=host, now=later)
    # A suggestion whose time passed unanswered cannot be accepted.
    open_one = suggest(match, host, when=soon(days=4))
    with pytest.raises(RuleBroken, match="This time has passed"):
        meeting_accept(
            meeting=open_one, by=newcomer, now=open_one.starts_at + timedelta(1)
        )


def test_ending_the_match_cancels_what_is_to_come_and_keeps_the_past(pair):
    host, newcomer, match = pair
    past = suggest(match, newcomer, when=soon(days=1))
    meeting_accept(meeting=past, by=host)
    Meeting.objects.filter(pk=past.pk).update(starts_at=timezone.now() - timedelta(1))
    future = suggest(match, newcomer, when=soon(days=6))
    meeting_accept(meeting=future, by=host)
    open_one = suggest(match, host, when=soon(days=9))
    match_end(match=match, by=newcomer, reason="Moving to Odense.")
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {
        past.pk: "confirmed",
        future.pk: "cancelled",
        open_one.pk: "cancelled",
    }


def test_blocking_cancels_the_pairs_meetings(pair):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    member_block(blocker=host, blocked=newcomer)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    with pytest.raises(RuleBroken, match="This match has ended"):
        meeting_accept(meeting=meeting, by=host)


def test_a_closed_account_cancels_its_meetings_and_erases_its_words(pair):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer, place="My flat, Nørregade 12", note="Ring 3")
    account_delete(user=newcomer.user)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.place, meeting.note) == ("cancelled", "", "")


def test_one_open_suggestion_per_pair_holds_in_the_database(pair):
    host, newcomer, match = pair
    suggest(match, newcomer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            match=match, proposed_by=host, starts_at=soon(), place="Elsewhere"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            match=match,
            proposed_by=host,
            starts_at=soon(),
            place="Answered, but when?",
            status="confirmed",
        )


# --- E-mail and the .ics -----------------------------------------------------------


def test_both_get_the_agreed_meeting_with_an_ics_in_their_language(
    pair, django_capture_on_commit_callbacks
):
    host, newcomer, match = pair
    host.preferred_language = "da"
    host.save(update_fields=["preferred_language"])
    when = soon(days=4, hour=9)
    meeting = suggest(
        match,
        newcomer,
        when=when,
        place="Café Nordlys; 2nd floor, by the window",
        note="I wear a red scarf, and bring my daughter.\nSee you!",
    )
    mail.outbox.clear()
    sent(
        django_capture_on_commit_callbacks,
        lambda: meeting_accept(meeting=meeting, by=host),
    )
    by_address = {email.to[0]: email for email in mail.outbox}
    english, danish = by_address[newcomer.user.email], by_address[host.user.email]
    assert english.subject == "[Velkomst] Your meeting with Hanne Host is agreed"
    assert danish.subject == "[Velkomst] Dit møde med Nadia Newcomer er aftalt"
    assert "Café Nordlys; 2nd floor, by the window" in english.body
    assert "I wear a red scarf" in english.body
    html, _mimetype = english.alternatives[0]
    assert "Café Nordlys; 2nd floor, by the window" in html

    uids = set()
    for email, summary in (
        (english, "Meeting with Hanne Host"),
        (danish, "Møde med Nadia Newcomer"),
    ):
        ((filename, content, mimetype),) = email.attachments
        assert filename == f"meeting-{meeting.pk}.ics"
        assert mimetype == "text/calendar"
        raw = content if isinstance(content, bytes) else content.encode()
        # Folded at 75 octets, lines end in CRLF, commas and semicolons escaped.
        lines = raw.split(b"\r\n")
        assert all(len(line) <= 75 for line in lines)
        assert b"LOCATION:Caf\xc3\xa9 Nordlys\\; 2nd floor\\, by the window" in raw
        assert (
            b"DTSTART:" + when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()
            in raw
        )
        calendar = Calendar.from_ical(raw)
        assert str(calendar["METHOD"]) == "PUBLISH"
        (event,) = calendar.walk("VEVENT")
        uids.add(str(event["UID"]))
        assert event.decoded("DTSTART") == when
        assert str(event["SUMMARY"]) == summary
        assert str(event["LOCATION"]) == "Café Nordlys; 2nd floor, by the window"
        description = str(event["DESCRIPTION"])
        assert "I wear a red scarf, and bring my daughter.\nSee you!" in description
        assert f"/matches/{match.pk}/" in description
    assert uids == {f"meeting-{meeting.pk}@velkomst"}


# --- The day before ----------------------------------------------------------------


def test_the_reminder_goes_out_once_the_day_before(pair):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer, when=soon(days=3))
    meeting_accept(meeting=meeting, by=host)
    mail.outbox.clear()
    assert meeting_reminders_send() == 0  # three days ahead
    day_before = meeting.starts_at - timedelta(hours=20)
    assert meeting_reminders_send(now=day_before) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [host.user.email, newcomer.user.email]
    )
    assert {m.subject for m in mail.outbox} == {
        "[Velkomst] Tomorrow: your meeting with Hanne Host",
        "[Velkomst] Tomorrow: your meeting with Nadia Newcomer",
    }
    assert "Café Nordlys" in mail.outbox[0].body
    # Another run, or one overlapping it an hour later: nothing twice.
    assert meeting_reminders_send(now=day_before) == 0
    assert meeting_reminders_send(now=day_before + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2


def test_no_reminder_for_a_called_off_meeting_an_ended_match_or_a_late_yes(pair):
    host, newcomer, match = pair
    called_off = suggest(match, newcomer, when=soon(days=3))
    meeting_accept(meeting=called_off, by=host)
    meeting_cancel(meeting=called_off, by=newcomer)
    late = suggest(match, newcomer, when=timezone.now() + timedelta(hours=10))
    meeting_accept(meeting=late, by=host)  # agreed less than a day before
    mail.outbox.clear()
    assert meeting_reminders_send(now=timezone.now() + timedelta(hours=1)) == 0
    assert meeting_reminders_send(now=called_off.starts_at - timedelta(hours=20)) == 0

    other = make_match(make_member(role="newcomer"), host)
    ended = suggest(other, host, when=soon(days=3))
    meeting_accept(meeting=ended, by=other.newcomer)
    Match.objects.filter(pk=other.pk).update(status="ended")  # as a coordinator's
    assert meeting_reminders_send(now=ended.starts_at - timedelta(hours=20)) == 0
    assert mail.outbox == []


def test_the_reminder_job_is_scheduled(pair):
    from community.jobs import jobs_run

    host, newcomer, match = pair
    meeting = suggest(match, newcomer, when=timezone.now() + timedelta(hours=50))
    meeting_accept(meeting=meeting, by=host)
    # Two days on (agreed 50 hours ahead, it starts in 20 hours now).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(hours=20),
        responded_at=timezone.now() - timedelta(hours=30),
    )
    mail.outbox.clear()
    assert jobs_run(["meeting-reminders"]) == {"meeting-reminders": 1}
    assert jobs_run(["meeting-reminders"]) == {"meeting-reminders": 0}
    assert len(mail.outbox) == 2


# --- Coordinators ------------------------------------------------------------------


def matched_days_ago(match, days: float) -> None:
    Match.objects.filter(pk=match.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    match.refresh_from_db()


def _codes(match) -> list[str]:
    return [
        flag.code
        for flag in match_flags(
            match,
            checkins=[],
            has_messages=True,
            now=timezone.now(),
            first_meeting=Meeting.objects.filter(
                match=match, status="confirmed"
            ).first(),
        )
    ]


def test_a_pair_without_an_agreed_meeting_after_three_weeks_is_flagged(pair):
    host, newcomer, match = pair
    make_message(match, newcomer, "Hej! Shall we meet?")
    matched_days_ago(match, 20)
    assert "no_meeting" not in _codes(match)
    matched_days_ago(match, 22)
    assert "no_meeting" in _codes(match)
    flags = dict(flagged_pairs())[match]
    assert "No meeting agreed 3 weeks after matching" in [f.text for f in flags]
    # A suggestion is not enough; an agreed meeting is.
    meeting = suggest(match, newcomer)
    assert match in dict(flagged_pairs())
    meeting_accept(meeting=meeting, by=host)
    assert match not in dict(flagged_pairs())
    with override_settings(VELKOMST_FIRST_MEETING_WEEKS=1):
        other = make_match(make_member(role="newcomer"), host)
        make_message(other, host, "Velkommen!")
        matched_days_ago(other, 8)
        assert [m.pk for m in dict(flagged_pairs())] == [other.pk]


def test_coordinators_see_whether_and_when_a_first_meeting_was_agreed(
    pair, coordinator_client
):
    host, newcomer, match = pair
    url = f"/admin/community/flagged-pairs/{match.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert "No meeting agreed yet." in page
    assert "waits for an answer" not in page
    meeting = suggest(match, newcomer, when=soon(days=5))
    page = coordinator_client.get(url).content.decode()
    assert "No meeting agreed yet." in page
    assert f"{newcomer.public_name} suggested meeting on" in page
    assert "it waits for an answer" in page
    meeting_accept(meeting=meeting, by=host)
    page = coordinator_client.get(url).content.decode()
    assert "First meeting agreed on" in page
    assert "waits for an answer" not in page
    assert "Café Nordlys, Vestergade 5" in page
    matched_days_ago(match, 30)
    Meeting.objects.all().delete()
    listing = coordinator_client.get("/admin/community/flagged-pairs/").content.decode()
    assert "No meeting agreed 3 weeks after matching" in listing


# --- The pages ---------------------------------------------------------------------


def form_url(match) -> str:
    return reverse("community:meeting_new", args=[match.pk])


def fields(**changes) -> dict:
    """What the suggestion form sends: Saturday-ish, three days on, 14:30."""
    return {
        "date": soon().date().isoformat(),
        "time": "14:30",
        "place": "Dokk1, the library",
        "plan": "",
        "note": "",
        "next": "pair",
    } | changes


def test_the_pair_page_and_the_conversation_lead_to_a_labelled_form(
    pair, login, home_page
):
    host, newcomer, match = pair
    client = login(newcomer)
    page = client.get(reverse("community:match_detail", args=[match.pk])).text
    assert "Your first meeting" in page
    assert "No meeting agreed yet." in page
    assert f'href="{form_url(match)}?next=pair"' in page
    chat = client.get(reverse("community:conversation", args=[match.conversation.pk]))
    assert f'href="{form_url(match)}?next=chat"' in chat.text
    form = client.get(form_url(match)).text
    assert '<label class="form-label" for="id_date">Day' in form
    assert '<label class="form-label" for="id_time">Time' in form
    assert '<label class="form-label" for="id_place">Where' in form
    assert 'type="date"' in form and 'type="time"' in form
    assert '<input type="hidden" name="next" value="pair">' in form
    danish = client.get("/da" + form_url(match)).text
    assert '<label class="form-label" for="id_date">Dag' in danish
    assert "Foreslå Hanne Host et møde" in danish


def test_ideas_and_events_on_the_pair_page_can_be_suggested(
    pair, login, idea_index, event_index
):
    host, newcomer, match = pair
    idea = make_idea(idea_index, title="Hike in Marselisborg", tags=["outdoors"])
    event = make_event(event_index, title="Harbour walk", start=soon(days=8))
    client = login(newcomer)
    page = client.get(reverse("community:match_detail", args=[match.pk])).text
    assert f'href="{form_url(match)}?plan=idea-{idea.pk}"' in page
    assert f'href="{form_url(match)}?plan=event-{event.pk}"' in page
    form = client.get(f"{form_url(match)}?plan=event-{event.pk}").text
    assert f'value="event-{event.pk}" id="id_plan_' in form
    assert "Event: Harbour walk" in form
    response = client.post(
        form_url(match), fields(date="", time="", place="", plan=f"event-{event.pk}")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.event, meeting.starts_at) == (event, event.start)


def test_a_suggestion_made_and_accepted_through_the_pages_shows_everywhere(
    pair, login, home_page
):
    host, newcomer, match = pair
    client = login(newcomer)
    response = client.post(form_url(match), fields(note="I wear a red scarf."))
    assert response.status_code == 302
    assert response.url == reverse("community:match_detail", args=[match.pk])
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "14:30"
    assert meeting.proposed_by == newcomer
    mine = client.get(response.url).text
    assert "Waiting for Hanne Host's answer." in mine
    assert "Your suggestion is sent." in mine

    client = login(host)
    accept = reverse("community:meeting_accept", args=[meeting.pk])
    for url in (
        reverse("community:match_detail", args=[match.pk]),
        reverse("community:conversation", args=[match.conversation.pk]),
        reverse("community:home"),
    ):
        page = client.get(url).text
        assert "Nadia Newcomer suggests meeting" in page, url
        assert f'action="{accept}"' in page, url
        assert "Suggest another time" in page and "Decline" in page, url
        assert "I wear a red scarf." in page, url
    response = client.post(accept, {"next": "home"})
    assert response.status_code == 302 and response.url == reverse("community:home")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    for member in (host, newcomer):
        home = login(member).get(reverse("community:home")).text
        assert "Meeting agreed" in home
        assert when in home
        assert "Dokk1, the library" in home


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2020-01-01"}, "Choose a time in the future."),
        ({"date": "2026-13-45"}, "Enter a valid date."),
        ({"date": "tomorrow"}, "Enter a valid date."),
        ({"time": "25:99"}, "Enter a valid time."),
        ({"time": ""}, "Choose both a day and a time."),
        ({"date": "", "time": ""}, "Choose a day and a time."),
        ({"place": " "}, "Say where to meet, or choose an idea or an event."),
        ({"place": "x" * 201}, "Please keep the place under 200 characters (now 201)."),
        ({"note": "x" * 501}, "Please keep the note under 500 characters (now 501)."),
        ({"plan": "idea-abc"}, "Select a valid choice."),
        ({"plan": "event-999999"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_in_words_and_changes_nothing(
    pair, login, home_page, changes, message
):
    host, newcomer, match = pair
    response = login(newcomer).post(form_url(match), fields(**changes))
    assert response.status_code == 400
    assert message in response.text
    assert not Meeting.objects.exists()
    assert mail.outbox == []


def test_someone_elses_pair_or_meeting_is_not_found(pair, login, home_page):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    stranger = make_member(role="host", display_name="Sam Stranger")
    client = login(stranger)
    assert client.get(form_url(match)).status_code == 404
    assert client.post(form_url(match), fields()).status_code == 404
    for name in ("meeting_accept", "meeting_decline", "meeting_cancel"):
        url = reverse(f"community:{name}", args=[meeting.pk])
        assert client.post(url).status_code == 404
        assert login(host).get(url).status_code == 405  # a button, never a link
        client = login(stranger)
    box = reverse("community:meeting_box", args=[match.pk])
    assert client.get(box).status_code == 404
    assert client.get(reverse("community:meeting_box", args=[99999])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED
    client.logout()
    response = client.get(form_url(match))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_only_the_other_member_answers_and_twice_is_once(pair, login, home_page):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    accept = reverse("community:meeting_accept", args=[meeting.pk])
    client = login(newcomer)
    response = client.post(accept, {"next": "chat"}, follow=True)
    assert "You suggested this meeting: Hanne Host answers it." in response.text
    assert response.redirect_chain[-1][0] == reverse(
        "community:conversation", args=[match.conversation.pk]
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED

    client = login(host)
    assert client.post(accept).status_code == 302
    mail.outbox.clear()
    again = client.post(accept, follow=True)
    assert "The meeting is agreed." in again.text
    assert mail.outbox == []
    decline = reverse("community:meeting_decline", args=[meeting.pk])
    late = client.post(decline, follow=True)
    assert "This meeting has already been agreed." in late.text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED


def test_an_ended_match_offers_no_meeting(pair, login, home_page):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    match_end(match=match, by=host, reason="We live too far apart.")
    client = login(newcomer)
    response = client.get(form_url(match), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "community:match_detail", args=[match.pk]
    )
    assert "This match has ended." in response.text
    assert f'href="{form_url(match)}' not in response.text
    # The suggestion the end cancelled is not shown as called off by anyone.
    assert "meeting--answered" not in response.text
    answer = client.post(
        reverse("community:meeting_accept", args=[meeting.pk]), follow=True
    )
    assert "This match has ended." in answer.text
    assert Meeting.objects.get().status == Meeting.Status.CANCELLED


def test_the_conversation_pins_the_meeting_and_its_box_can_be_fetched(
    pair, login, home_page
):
    host, newcomer, match = pair
    meeting = suggest(match, newcomer)
    meeting_accept(meeting=meeting, by=host)
    client = login(newcomer)
    box = reverse("community:meeting_box", args=[match.pk])
    chat = client.get(reverse("community:conversation", args=[match.conversation.pk]))
    assert f'data-chat-meeting data-url="{box}"' in chat.text
    assert "Meeting agreed" in chat.text
    fragment = client.get(box)
    assert fragment.status_code == 200
    assert "Meeting agreed" in fragment.text
    assert "<html" not in fragment.text
    # Calling it off is offered on the pair page, not in the chat's small box.
    cancel = reverse("community:meeting_cancel", args=[meeting.pk])
    assert f'action="{cancel}"' not in fragment.text
    pair_page = client.get(reverse("community:match_detail", args=[match.pk])).text
    assert f'action="{cancel}"' in pair_page
    assert "Your meetings" in pair_page


def test_the_pair_page_reads_meetings_in_one_query(
    pair, login, home_page, django_assert_max_num_queries
):
    host, newcomer, match = pair
    client = login(newcomer)
    url = reverse("community:match_detail", args=[match.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for days in range(1, 6):
        agreed = suggest(match, newcomer, when=soon(days=days))
        meeting_accept(meeting=agreed, by=host)
    suggest(match, host, when=soon(days=9))
    with django_assert_max_num_queries(len(before)):
        page = client.get(url).text
    assert "Hanne Host suggests meeting" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_open_conversation_hears_that_the_meetings_changed(fresh_channel_layer):
    from channels.db import database_sync_to_async

    from tests.live import run_async
    from tests.sockets import session_cookie, socket

    host = make_member(role="host", display_name="Hanne Host", capacity=2)
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    match = make_match(newcomer, host)
    path = f"/ws/conversations/{match.conversation.pk}/?after=0"
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = socket(path, cookie)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.receive_json_from(timeout=3)  # the opening "read"
        await database_sync_to_async(suggest)(match, newcomer)
        frame = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return frame

    assert run_async(scenario) == {"type": "meeting"}


# Serialized like every transactional test here: the data the migrations
# loaded comes back afterwards, for the next test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
def test_two_job_runners_at_the_same_moment_remind_once():
    host = make_member(role="host", display_name="Hanne Host", capacity=2)
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    match = make_match(newcomer, host)
    meeting = suggest(match, newcomer, when=soon(days=3))
    meeting_accept(meeting=meeting, by=host)
    mail.outbox.clear()
    day_before = meeting.starts_at - timedelta(hours=20)
    barrier = threading.Barrier(2)
    done = []

    def run():
        try:
            barrier.wait()
            done.append(meeting_reminders_send(now=day_before))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(done) == [0, 1]
    assert len(mail.outbox) == 2
