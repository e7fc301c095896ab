"""Event sign-up: places counted in people, a first-come-first-served waiting
list that moves up by itself, e-mails with the .ics, the day-before reminder,
and what the event page and "My events" show."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import EventSignup
from community.services.errors import RuleBroken
from community.services.events import (
    event_reminders_send,
    event_signup,
    event_signup_cancel,
)
from tests.factories import make_event, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    return [make_member(display_name=f"Member {name}") for name in "ABCD"]


def statuses(event):
    return [
        (s.profile.display_name[-1], s.status, s.party_size)
        for s in EventSignup.objects.filter(event=event).exclude(status="cancelled")
    ]


def test_signing_up_confirms_and_emails_the_calendar_file(
    event_index, members, django_capture_on_commit_callbacks
):
    event = make_event(event_index, title="Welcome meeting", capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        signup = event_signup(profile=members[0], event_id=event.pk, party_size=3)
    assert signup.status == EventSignup.Status.CONFIRMED
    (email,) = mail.outbox
    assert email.subject == "[Velkomst] You are signed up for Welcome meeting"
    assert "For 3 people" in email.body
    (name, content, mimetype) = email.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "SUMMARY:Welcome meeting" in str(content)


def test_the_waiting_list_is_first_come_first_served_and_moves_up(
    event_index, members, django_capture_on_commit_callbacks
):
    a, b, c, d = members
    event = make_event(event_index, capacity=5)
    event_signup(profile=a, event_id=event.pk, party_size=3)
    event_signup(profile=b, event_id=event.pk, party_size=3)  # does not fit
    event_signup(profile=c, event_id=event.pk, party_size=1)  # fits, but B waits
    assert statuses(event) == [
        ("A", "confirmed", 3),
        ("B", "waiting", 3),
        ("C", "waiting", 1),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        moved = event_signup_cancel(profile=a, event_id=event.pk)
    assert [s.profile for s in moved] == [b, c]
    assert statuses(event) == [("B", "confirmed", 3), ("C", "confirmed", 1)]
    subjects = sorted(e.subject for e in mail.outbox)
    assert all("A place opened up" in s for s in subjects) and len(subjects) == 2
    # One place left: D gets it; nobody jumps a queue that is empty.
    assert event_signup(profile=d, event_id=event.pk, party_size=1).status == (
        "confirmed"
    )


@pytest.mark.parametrize("party_size", [0, 9, None, "2"])
def test_bad_party_sizes_are_refused(event_index, members, party_size):
    event = make_event(event_index)
    with pytest.raises(RuleBroken, match="1 to 8 people"):
        event_signup(profile=members[0], event_id=event.pk, party_size=party_size)
    assert not EventSignup.objects.exists()


def test_no_second_signup_no_past_events_no_drafts(event_index, members):
    event = make_event(event_index)
    event_signup(profile=members[0], event_id=event.pk, party_size=1)
    with pytest.raises(RuleBroken, match="already signed up"):
        event_signup(profile=members[0], event_id=event.pk, party_size=2)
    past = make_event(event_index, start=timezone.now() - timedelta(days=2))
    with pytest.raises(RuleBroken, match="already started"):
        event_signup(profile=members[0], event_id=past.pk, party_size=1)
    draft = make_event(event_index, publish=False)
    with pytest.raises(RuleBroken, match="not open"):
        event_signup(profile=members[0], event_id=draft.pk, party_size=1)
    with pytest.raises(RuleBroken, match="not signed up"):
        event_signup_cancel(profile=members[1], event_id=event.pk)


def test_the_event_page_signs_up_and_cancels(event_index, members, login, client):
    event = make_event(event_index, title="Harbour walk", capacity=2)
    page = client.get(event.url).content.decode()
    assert "Log in to sign up" in page and "2 places left" in page

    member = login(members[0])
    response = member.post(
        reverse("community:event_signup", args=[event.pk]), {"party_size": "2"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#signup")
    page = member.get(event.url).content.decode()
    assert "You are signed up, 2 people in all." in page
    assert "0 places left" in page

    other = login(members[1])
    other.post(reverse("community:event_signup", args=[event.pk]), {"party_size": "1"})
    page = other.get(event.url).content.decode()
    assert "You are on the waiting list, number 1." in page
    mine = other.get(reverse("community:my_events")).content.decode()
    assert "Harbour walk" in mine and "waiting list, number 1" in mine

    junk = other.post(
        reverse("community:event_signup", args=[event.pk]), {"party_size": "lots"}
    )
    assert junk.status_code == 302
    assert other.post(reverse("community:event_signup", args=[999999])).status_code == (
        404
    )
    other.post(reverse("community:event_cancel", args=[event.pk]))
    assert EventSignup.objects.get(profile=members[1]).status == "cancelled"


def test_signed_out_visitors_cannot_sign_up(event_index, client):
    event = make_event(event_index)
    response = client.post(reverse("community:event_signup", args=[event.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not EventSignup.objects.exists()


def test_the_day_before_each_confirmed_member_is_reminded_once(event_index, members):
    soon = make_event(event_index, title="Tomorrow's event", capacity=1)
    later = make_event(event_index, start=timezone.now() + timedelta(days=3))
    event_signup(profile=members[0], event_id=soon.pk, party_size=1)
    event_signup(profile=members[1], event_id=soon.pk, party_size=1)  # waiting
    event_signup(profile=members[2], event_id=later.pk, party_size=1)
    # The event starts in 20 hours.
    type(soon).objects.filter(pk=soon.pk).update(
        start=timezone.now() + timedelta(hours=20),
        end=timezone.now() + timedelta(hours=22),
    )
    assert event_reminders_send() == 1
    assert event_reminders_send() == 0
    (email,) = mail.outbox
    assert email.to == [members[0].user.email]
    assert email.subject == "[Velkomst] Tomorrow: Tomorrow's event"


# --- Coordinators in the admin -------------------------------------------------------


def test_coordinators_see_attendees_download_them_and_write_to_them(
    event_index, members, coordinator_client
):
    event = make_event(event_index, title="Welcome meeting", capacity=3)
    members[0].display_name = "=HYPERLINK(evil)"
    members[0].save(update_fields=["display_name"])
    event_signup(profile=members[0], event_id=event.pk, party_size=2)
    event_signup(profile=members[1], event_id=event.pk, party_size=1)
    event_signup(profile=members[2], event_id=event.pk, party_size=1)  # waiting

    listing = coordinator_client.get("/admin/community/events/").content.decode()
    assert "Welcome meeting" in listing and "3 / 3" in listing
    page = coordinator_client.get(f"/admin/community/events/{event.pk}/")
    assert page.status_code == 200 and "Member B" in page.content.decode()

    csv = coordinator_client.get(f"/admin/community/events/{event.pk}/?format=csv")
    rows = csv.content.decode().splitlines()
    assert rows[0] == "name,e-mail,role,people,status,signed up"
    assert rows[1].startswith("'=HYPERLINK(evil)")  # no formula in a spreadsheet
    assert len(rows) == 4

    response = coordinator_client.post(
        f"/admin/community/events/{event.pk}/",
        {"subject": "Bring a cake", "body": "See you on Saturday!"},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [members[0].user.email, members[1].user.email]
    )
    assert mail.outbox[0].subject == "[Velkomst] Bring a cake"


def test_only_coordinators_see_the_event_sign_ups(event_index, members, client):
    event = make_event(event_index)
    event_signup(profile=members[0], event_id=event.pk, party_size=1)
    from tests.factories import EditorFactory

    client.force_login(EditorFactory())
    assert client.get("/admin/community/events/").status_code in (302, 403)
    assert client.get(
        f"/admin/community/events/{event.pk}/?format=csv"
    ).status_code in (
        302,
        403,
    )


def test_an_event_in_two_languages_is_one_event_with_one_list(
    event_index, members, login
):
    """A host signs up on the Danish page, a newcomer on the English one: both
    count against the one capacity, and each page shows the same places."""
    from wagtail.models import Locale

    from cms_pages.demo.translate import translate_object

    danish = Locale.objects.get(language_code="da")
    translate_object(event_index.get_parent(), danish, {})
    translate_object(event_index, danish, {})
    event = make_event(event_index, title="Harbour walk", capacity=3)
    translate_object(event, danish, {"Harbour walk": "Havnetur"})
    dansk = event.get_translation(danish)

    host = login(members[0])
    host.post(reverse("community:event_signup", args=[dansk.pk]), {"party_size": "2"})
    newcomer = login(members[1])
    newcomer.post(
        reverse("community:event_signup", args=[event.pk]), {"party_size": "2"}
    )

    assert [(status, size) for _n, status, size in statuses(event)] == [
        ("confirmed", 2),
        ("waiting", 2),
    ]
    assert not EventSignup.objects.filter(event=dansk).exists()
    assert "1 place left" in newcomer.get(event.url).content.decode()
    danish_page = host.get(dansk.url).content.decode()
    assert "Havnetur" in danish_page
    assert "1 ledig plads" in danish_page  # the same one list

    # Each reads their events in their own language, linked to that page.
    mine = host.get("/da/me/events/").content.decode()
    assert f'<a href="{dansk.url}">Havnetur</a>' in mine
    assert "Harbour walk" not in mine
    theirs = newcomer.get("/me/events/").content.decode()
    assert f'<a href="{event.url}">Harbour walk</a>' in theirs
