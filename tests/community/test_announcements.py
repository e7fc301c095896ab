"""Announcements: a coordinator's e-mail to a segment of the members. Who a
segment reaches, coordinators who write to their own programmes only, the test
e-mail, sending through the scheduled job (once, whatever happens), and the
one-click unsubscribe that is honoured."""

import threading
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.coordination.scope import Scope
from community.jobs import jobs_run
from community.models import Announcement, AnnouncementDelivery, EventSignup, Profile
from community.selectors.announcements import announcement_recipients
from community.services import announcements as announcement_services
from community.services.announcements import (
    announcement_queue,
    announcement_save,
    announcements_send,
    unsubscribe_token,
)
from community.services.errors import RuleBroken
from tests.factories import (
    EditorFactory,
    UserFactory,
    make_event,
    make_member,
    make_programme,
)

pytestmark = pytest.mark.django_db

EVERYTHING = Scope(None)


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def world(event_index):
    """Two programmes with a coordinator each, five members who may get
    announcements, four who never may, and an event with sign-ups."""
    coordinator_a, coordinator_b = UserFactory(), UserFactory()
    a = make_programme("Programme A", coordinators=[coordinator_a])
    b = make_programme("Programme B", coordinators=[coordinator_b])
    members = {
        "host_a": make_member(
            role="host",
            display_name="Host A",
            programme=a,
            municipality="Aarhus",
            household="couple",
        ),
        "recent_a": make_member(
            display_name="Recent A",
            programme=a,
            municipality="Aarhus",
            household="family",
            children_6_12=True,
            arrival_date=_days_ago(5),
        ),
        "settled_a": make_member(
            display_name="Settled A",
            programme=a,
            municipality="København",
            arrival_date=_days_ago(100),
        ),
        "host_b": make_member(
            role="host",
            display_name="Host B",
            programme=b,
            municipality="København",
            children_0_5=True,  # children, though the household says single
        ),
        "loner": make_member(
            display_name="Loner",
            municipality="Odense",
            arrival_date=_days_ago(20),
        ),
    }
    never = {
        "deleted": make_member(display_name="Deleted", programme=a),
        "inactive": make_member(display_name="Inactive", programme=a),
        "unverified": make_member(display_name="Unverified", programme=a),
        "unsubscribed": make_member(display_name="Unsubscribed", programme=a),
    }
    Profile.objects.filter(pk=never["deleted"].pk).update(is_deleted=True)
    never["inactive"].user.is_active = False
    never["inactive"].user.save()
    EmailAddress.objects.filter(user=never["unverified"].user).update(verified=False)
    Profile.objects.filter(pk=never["unsubscribed"].pk).update(
        announcement_emails=False
    )
    event = make_event(event_index, title="Harbour walk", capacity=30)
    for name, status in (
        ("recent_a", "confirmed"),
        ("host_b", "waiting"),
        ("loner", "cancelled"),
        ("unsubscribed", "confirmed"),
    ):
        profile = members.get(name) or never[name]
        EventSignup.objects.create(
            event=event, profile=profile, party_size=1, status=status
        )
    return {
        "A": a,
        "B": b,
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "event": event,
        **members,
        **never,
    }


def _draft(world=None, *, by=None, scope=EVERYTHING, **segment) -> Announcement:
    if world is not None and "event" in segment and segment["event"] is True:
        segment["event"] = world["event"]
    return announcement_save(
        announcement=Announcement(
            subject=segment.pop("subject", "Picnic in the park"),
            body=segment.pop("body", "Bring a blanket; we bring the cake."),
            **segment,
        ),
        by=by or UserFactory(),
        scope=scope,
    )


def _names(announcement, scope=None) -> set[str]:
    return set(
        announcement_recipients(announcement=announcement, scope=scope).values_list(
            "display_name", flat=True
        )
    )


# --- Segments ---------------------------------------------------------------------

EVERYONE = {"Host A", "Recent A", "Settled A", "Host B", "Loner"}


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ({}, EVERYONE),
        ({"role": "host"}, {"Host A", "Host B"}),
        ({"role": "newcomer"}, {"Recent A", "Settled A", "Loner"}),
        ({"programme": "A"}, {"Host A", "Recent A", "Settled A"}),
        ({"region": "hovedstaden"}, {"Settled A", "Host B"}),
        ({"municipality": "Aarhus"}, {"Host A", "Recent A"}),
        ({"arrived_within_days": 30}, {"Recent A", "Loner"}),
        ({"arrived_within_days": 4}, set()),
        ({"families_only": True}, {"Recent A", "Host B"}),
        ({"event": True}, {"Recent A", "Host B"}),
        ({"event": True, "event_status": "confirmed"}, {"Recent A"}),
        ({"event": True, "event_status": "waiting"}, {"Host B"}),
        # Combined, every filter applies.
        ({"programme": "A", "role": "newcomer"}, {"Recent A", "Settled A"}),
        ({"programme": "A", "arrived_within_days": 30}, {"Recent A"}),
        ({"region": "hovedstaden", "families_only": True}, {"Host B"}),
        ({"role": "host", "event": True}, {"Host B"}),
        ({"programme": "B", "municipality": "Aarhus"}, set()),
    ],
)
def test_a_segment_reaches_exactly_its_members(world, segment, expected):
    from community.models import Municipality

    if "programme" in segment:
        segment["programme"] = world[segment["programme"]]
    if "municipality" in segment:
        segment["municipality"] = Municipality.objects.get(name=segment["municipality"])
    announcement = _draft(world, **segment)
    assert _names(announcement) == expected


def test_an_announcement_for_a_deleted_event_reaches_nobody_rather_than_all(world):
    announcement = _draft(world, event=world["event"])
    world["event"].delete()
    announcement.refresh_from_db()
    assert announcement.event_id is None
    assert _names(announcement) == set()
    assert "Harbour walk" in announcement.segment_description()


def test_deleted_inactive_unverified_and_unsubscribed_members_are_never_reached(
    world,
):
    everyone_in_a = _draft(world, programme=world["A"])
    names = _names(everyone_in_a)
    assert names == {"Host A", "Recent A", "Settled A"}
    for left_out in ("Deleted", "Inactive", "Unverified", "Unsubscribed"):
        assert left_out not in names


def test_the_preview_shows_the_exact_count_and_some_names(coordinator_client, world):
    announcement = _draft(world, role="host")
    page = coordinator_client.get(
        reverse("community_announcements:preview", args=[announcement.pk])
    ).content.decode()
    assert "<strong>2 members</strong>" in page
    assert "Host A" in page and "Host B" in page and "Loner" not in page
    assert "Send to 2 members" in page


# --- Coordinators of one programme ----------------------------------------------------


def test_a_programme_coordinator_can_only_choose_and_count_their_programme(
    client, world
):
    client.force_login(world["coordinator_a"])
    form = client.get(reverse("community_announcements:add")).content.decode()
    assert "Programme A" in form and "Programme B" not in form
    # Choosing programme B by its id, or no programme, is refused.
    for programme in (world["B"].pk, ""):
        response = client.post(
            reverse("community_announcements:add"),
            {"subject": "Hello", "body": "Hi all", "programme": programme},
        )
        assert response.status_code == 200
        assert not Announcement.objects.exists()
    response = client.post(
        reverse("community_announcements:add"),
        {"subject": "Hello", "body": "Hi all", "programme": world["A"].pk},
    )
    announcement = Announcement.objects.get()
    assert response.url == reverse(
        "community_announcements:preview", args=[announcement.pk]
    )
    assert announcement.programme == world["A"]
    assert announcement.created_by == world["coordinator_a"]
    page = client.get(response.url).content.decode()
    assert "<strong>3 members</strong>" in page and "Host B" not in page


def test_a_programme_coordinator_cannot_see_send_or_read_the_log_of_another(
    client, world, mailoutbox
):
    theirs = _draft(world, subject="For B only", programme=world["B"])
    mine = _draft(world, subject="For A only", programme=world["A"])
    site_wide = _draft(world, subject="For everyone")
    client.force_login(world["coordinator_a"])
    listing = client.get(reverse("community_announcements:index")).content.decode()
    assert "For A only" in listing
    assert "For B only" not in listing and "For everyone" not in listing
    for other in (theirs, site_wide):
        for view in ("preview", "edit", "send", "log"):
            url = reverse(f"community_announcements:{view}", args=[other.pk])
            assert client.get(url).status_code == 404
            if view != "log":
                assert client.post(url).status_code == 404
    assert (
        client.get(
            reverse("community_announcements:preview", args=[mine.pk])
        ).status_code
        == 200
    )
    theirs.refresh_from_db()
    assert theirs.status == "draft" and theirs.test_sent_at is None
    assert mailoutbox == []


def test_the_services_keep_a_programme_coordinator_to_their_programmes(world):
    scope_a = Scope(frozenset({world["A"].pk}))
    with pytest.raises(RuleBroken):
        _draft(world, programme=world["B"], scope=scope_a)
    with pytest.raises(RuleBroken):
        _draft(world, scope=scope_a)  # everyone: only for the whole site
    theirs = _draft(world, programme=world["B"])
    with pytest.raises(RuleBroken):
        announcement_queue(announcement=theirs, by=UserFactory(), scope=scope_a)
    # Even a segment wider than the scope counts only the scope's members.
    assert _names(_draft(world), scope=scope_a) == {"Host A", "Recent A", "Settled A"}


def test_a_site_wide_coordinator_sees_every_announcement(coordinator_client, world):
    _draft(world, subject="For B only", programme=world["B"])
    _draft(world, subject="For everyone")
    listing = coordinator_client.get(
        reverse("community_announcements:index")
    ).content.decode()
    assert "For B only" in listing and "For everyone" in listing


def test_editors_and_members_who_are_not_coordinators_are_refused(client, world):
    """Wagtail turns the views' 403 into a redirect to the admin's home page
    with a "no permission" message; nothing of the announcement is shown."""
    announcement = _draft(world, subject="Secret plans")
    urls = [
        reverse("community_announcements:index"),
        reverse("community_announcements:add"),
        reverse("community_announcements:preview", args=[announcement.pk]),
        reverse("community_announcements:log", args=[announcement.pk]),
        reverse("community_announcements:send", args=[announcement.pk]),
    ]
    client.force_login(EditorFactory())
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Secret plans" not in response.content.decode()
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")
    assert client.post(urls[-1]).status_code in (302, 403)
    assert client.post(urls[2]).status_code in (302, 403)  # a test e-mail
    client.force_login(world["host_a"].user)
    for url in urls:
        assert client.get(url).status_code in (302, 403)
    assert client.post(urls[-1]).status_code in (302, 403)
    announcement.refresh_from_db()
    assert announcement.status == "draft" and announcement.test_sent_at is None


# --- Test e-mail --------------------------------------------------------------------


def test_a_test_goes_to_the_coordinator_only_and_is_not_logged(
    client, world, mailoutbox
):
    client.force_login(world["coordinator_a"])
    announcement = _draft(world, programme=world["A"])
    url = reverse("community_announcements:preview", args=[announcement.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[world["coordinator_a"].email]]
    message = mailoutbox[0]
    assert "[TEST]" in message.subject and "Picnic in the park" in message.subject
    assert "Bring a blanket" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert not AnnouncementDelivery.objects.exists()
    announcement.refresh_from_db()
    assert announcement.status == "draft" and announcement.test_sent_at is not None
    # The test's unsubscribe link works, and changes nobody's settings.
    link = urlparse(message.extra_headers["List-Unsubscribe"].strip("<>")).path
    assert client.post(link).status_code == 200
    assert Profile.objects.filter(announcement_emails=False).count() == 1


# --- Sending --------------------------------------------------------------------------


def _send_button(client, announcement):
    return client.post(reverse("community_announcements:send", args=[announcement.pk]))


def test_sending_queues_and_the_job_sends_each_member_one_email_once(
    client, world, mailoutbox
):
    client.force_login(world["coordinator_a"])
    announcement = _draft(world, programme=world["A"])
    confirm = client.get(
        reverse("community_announcements:send", args=[announcement.pk])
    ).content.decode()
    assert "Yes, send to 3 members" in confirm
    response = _send_button(client, announcement)
    assert response.url == reverse(
        "community_announcements:log", args=[announcement.pk]
    )
    announcement.refresh_from_db()
    assert announcement.status == "sending" and announcement.recipient_count == 3
    assert mailoutbox == []  # the job sends (the first batch goes on commit)

    assert jobs_run(["announcements"]) == {"announcements": 3}
    assert jobs_run(["announcements"]) == {"announcements": 0}
    addresses = sorted(address for m in mailoutbox for address in m.to)
    expected = sorted(
        world[name].user.email for name in ("host_a", "recent_a", "settled_a")
    )
    assert addresses == expected
    announcement.refresh_from_db()
    assert announcement.status == "sent" and announcement.sent_at is not None
    log = AnnouncementDelivery.objects.filter(announcement=announcement)
    assert {d.email for d in log} == set(expected)
    assert all(d.status == "sent" and d.sent_at for d in log)

    # The log page and its CSV; a sent announcement no longer changes.
    page = client.get(response.url).content.decode()
    assert "Recent A" in page and world["recent_a"].user.email in page
    csv = client.get(response.url + "?format=csv").content.decode()
    assert world["host_a"].user.email in csv and "Host B" not in csv
    client.post(
        reverse("community_announcements:edit", args=[announcement.pk]),
        {"subject": "Changed", "body": "Changed", "programme": world["A"].pk},
    )
    _send_button(client, announcement)
    announcement.refresh_from_db()
    assert announcement.subject == "Picnic in the park"
    assert len(mailoutbox) == 3


def test_the_first_batch_goes_out_when_send_is_pressed(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["coordinator_b"])
    announcement = _draft(world, programme=world["B"])
    with django_capture_on_commit_callbacks(execute=True):
        _send_button(client, announcement)
    assert [m.to for m in mailoutbox] == [[world["host_b"].user.email]]
    assert jobs_run(["announcements"]) == {"announcements": 0}
    announcement.refresh_from_db()
    assert announcement.status == "sent" and len(mailoutbox) == 1


def test_each_email_is_personal_with_a_one_click_unsubscribe(world, mailoutbox):
    announcement = _draft(world, role="host")
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    announcements_send()
    by_address = {m.to[0]: m for m in mailoutbox}
    assert len(by_address) == 2
    message = by_address[world["host_a"].user.email]
    assert message.subject == "[Velkomst] Picnic in the park"
    assert "Hello Host A," in message.body
    html = message.alternatives[0][0]
    assert "Hello Host A," in html
    link = message.extra_headers["List-Unsubscribe"]
    assert link == f"<{announcement_services.unsubscribe_url(world['host_a'])}>"
    assert link.strip("<>") in message.body and link.strip("<>") in html
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert (
        link != by_address[world["host_b"].user.email].extra_headers["List-Unsubscribe"]
    )


def test_sending_in_batches_and_after_a_crash_sends_nobody_twice(
    world, mailoutbox, monkeypatch
):
    announcement = _draft(world)
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    assert announcements_send(batch=2) == 2

    real_send = announcement_services.email_send
    calls = []

    def send_then_crash(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise ConnectionError("the mail server went away")
        return real_send(**kwargs)

    monkeypatch.setattr(announcement_services, "email_send", send_then_crash)
    with pytest.raises(ConnectionError):
        announcements_send(batch=2)
    monkeypatch.setattr(announcement_services, "email_send", real_send)
    assert len(mailoutbox) == 3
    assert announcements_send() == 2
    assert announcements_send() == 0
    addresses = [m.to[0] for m in mailoutbox]
    assert len(addresses) == len(set(addresses)) == 5
    announcement.refresh_from_db()
    assert announcement.status == "sent"


def test_nobody_in_the_segment_cannot_be_sent(world):
    announcement = _draft(world, programme=world["B"], role="newcomer")
    with pytest.raises(RuleBroken):
        announcement_queue(
            announcement=announcement, by=UserFactory(), scope=EVERYTHING
        )
    announcement.refresh_from_db()
    assert announcement.status == "draft"


# --- Unsubscribing ---------------------------------------------------------


def _unsubscribe_url(profile) -> str:
    return reverse("community:unsubscribe", args=[unsubscribe_token(profile)])


def test_opening_the_unsubscribe_link_changes_nothing(client, world):
    url = _unsubscribe_url(world["host_a"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Unsubscribe from announcements" in page.content.decode()
    world["host_a"].refresh_from_db()
    assert world["host_a"].announcement_emails is True


def test_one_click_unsubscribe_is_honoured_by_later_announcements(world, mailoutbox):
    # Mail clients POST without a CSRF token (RFC 8058).
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        _unsubscribe_url(world["host_a"]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert "Switch announcements back on" in response.content.decode()
    world["host_a"].refresh_from_db()
    assert world["host_a"].announcement_emails is False

    announcement = _draft(world, role="host")
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    announcements_send()
    assert [m.to for m in mailoutbox] == [[world["host_b"].user.email]]


def test_unsubscribing_after_send_was_pressed_is_still_honoured(
    client, world, mailoutbox
):
    announcement = _draft(world, role="host")
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    client.post(_unsubscribe_url(world["host_b"]))
    announcements_send()
    assert [m.to for m in mailoutbox] == [[world["host_a"].user.email]]
    announcement.refresh_from_db()
    assert announcement.status == "sent"


def test_switching_announcements_back_on(client, world):
    url = _unsubscribe_url(world["host_a"])
    client.post(url)
    response = client.post(url, {"action": "subscribe"})
    assert "Announcements are on" in response.content.decode()
    world["host_a"].refresh_from_db()
    assert world["host_a"].announcement_emails is True
    # ...or in the profile settings.
    client.post(url)
    client.force_login(world["host_a"].user)
    page = client.get(reverse("community:profile_edit")).content.decode()
    assert 'name="announcement_emails"' in page
    response = client.post(
        reverse("community:announcement_email_setting"), {"announcement_emails": "on"}
    )
    assert response.url == reverse("community:profile_edit")
    world["host_a"].refresh_from_db()
    assert world["host_a"].announcement_emails is True
    client.post(reverse("community:announcement_email_setting"), {})
    world["host_a"].refresh_from_db()
    assert world["host_a"].announcement_emails is False


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.split(":")[0] + "1:" + token.split(":")[1],
        lambda token: "not-a-token",
        lambda token: token.split(":")[0],
    ],
)
def test_a_tampered_unsubscribe_link_is_a_friendly_400(client, world, mangle):
    token = mangle(unsubscribe_token(world["host_a"]))
    url = reverse("community:unsubscribe", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert Profile.objects.filter(announcement_emails=False).count() == 1


def test_a_deleted_members_link_is_a_friendly_400(client, world):
    url = _unsubscribe_url(world["deleted"])
    assert client.post(url).status_code == 400


# --- Escaping ------------------------------------------------------------------------


def test_html_in_the_subject_and_body_is_shown_as_text(
    coordinator_client, world, mailoutbox
):
    announcement = _draft(
        world,
        role="host",
        subject="<b>Big</b> news\nBcc: everyone@example.org",
        body="<script>alert('hi')</script>\nMore at https://example.org/picnic",
    )
    page = coordinator_client.get(
        reverse("community_announcements:preview", args=[announcement.pk])
    ).content.decode()
    assert "<script>alert" not in page and "<b>Big</b>" not in page
    listing = coordinator_client.get(
        reverse("community_announcements:index")
    ).content.decode()
    assert "<b>Big</b>" not in listing
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    announcements_send()
    message = mailoutbox[0]
    assert "\n" not in message.subject
    assert message.subject == "[Velkomst] <b>Big</b> news Bcc: everyone@example.org"
    assert "Bcc" not in message.extra_headers
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://example.org/picnic"' in html
    assert "<script>alert('hi')</script>" in message.body  # plain text is plain


# Serialized like every transactional test here: the data the migrations
# loaded comes back afterwards, for the next test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
def test_two_job_runs_at_the_same_moment_send_each_email_once(mailoutbox):
    members = [make_member(role="host") for _ in range(8)]
    announcement = _draft(role="host")
    announcement_queue(announcement=announcement, by=UserFactory(), scope=EVERYTHING)
    barrier = threading.Barrier(2)
    sent = []

    def run():
        try:
            barrier.wait()
            sent.append(announcements_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    announcements_send()  # whatever one run skipped while the other held it

    addresses = sorted(m.to[0] for m in mailoutbox)
    assert addresses == sorted(member.user.email for member in members)
    assert AnnouncementDelivery.objects.filter(status="sent").count() == 8
    announcement.refresh_from_db()
    assert announcement.status == "sent"


def test_members_who_read_danish_get_the_danish_version_when_there_is_one(
    client, world, mailoutbox
):
    dansk = world["host_a"]
    dansk.preferred_language = "da"
    dansk.save(update_fields=["preferred_language"])
    client.force_login(world["coordinator_a"])
    announcement = _draft(world, programme=world["A"])
    announcement.subject_da = "Picnic i parken"
    announcement.body_da = "Tag madkurven med på lørdag."
    announcement.save()
    _send_button(client, announcement)
    jobs_run(["announcements"])

    by_address = {m.to[0]: m for m in mailoutbox}
    danish = by_address[dansk.user.email]
    assert danish.subject == "[Velkomst] Picnic i parken"
    assert "Tag madkurven med på lørdag." in danish.body
    assert "Picnic in the park" not in danish.body
    english = by_address[world["recent_a"].user.email]
    assert english.subject == "[Velkomst] Picnic in the park"


def test_without_a_danish_version_everyone_gets_the_english(client, world, mailoutbox):
    dansk = world["host_a"]
    dansk.preferred_language = "da"
    dansk.save(update_fields=["preferred_language"])
    client.force_login(world["coordinator_a"])
    announcement = _draft(world, programme=world["A"])
    announcement.subject_da = "Kun emnet"  # a half translation is not used
    announcement.save()
    _send_button(client, announcement)
    jobs_run(["announcements"])
    danish = next(m for m in mailoutbox if m.to == [dansk.user.email])
    assert danish.subject == "[Velkomst] Picnic in the park"
