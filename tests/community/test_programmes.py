"""Partner programmes: who meets whom (match pools), joining by invitation or at
set-up, and coordinators who see only their own programme, view by view."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from community.models import CheckIn, EventSignup, Profile, Programme, Report
from community.selectors.requests import match_request_refusal
from community.services.programmes import programme_save
from tests.factories import (
    UserFactory,
    make_event,
    make_match,
    make_member,
    make_programme,
    make_request,
)

pytestmark = pytest.mark.django_db


def admin_user(*groups):
    user = UserFactory()
    for group in groups:
        user.groups.add(group)
    return user


# --- Match pools ---------------------------------------------------------------------


@pytest.fixture
def closed():
    return make_programme("Vestas host families", within_programme_only=True)


@pytest.fixture
def open_programme():
    return make_programme("Aarhus Sailing Club")


def test_a_closed_programme_keeps_its_members_to_each_other(
    client, closed, open_programme
):
    inside_host = make_member(role="host", display_name="Inside Host", programme=closed)
    inside = make_member(display_name="Inside Newcomer", programme=closed)
    outside = make_member(display_name="Outside Newcomer")
    sailing = make_member(display_name="Sailing Newcomer", programme=open_programme)

    client.force_login(inside_host.user)
    page = client.get(reverse("community:directory")).content.decode()
    assert "Inside Newcomer" in page
    assert "Outside Newcomer" not in page and "Sailing Newcomer" not in page
    suggested = client.get(reverse("community:suggested")).content.decode()
    assert "Inside Newcomer" in suggested and "Outside Newcomer" not in suggested
    response = client.get(reverse("community:profile_detail", args=[outside.pk]))
    assert response.status_code == 404

    outside_host = make_member(role="host", display_name="Outside Host")
    client.force_login(outside_host.user)
    page = client.get(reverse("community:directory")).content.decode()
    assert "Outside Newcomer" in page and "Sailing Newcomer" in page
    assert "Inside Newcomer" not in page
    response = client.get(reverse("community:profile_detail", args=[inside.pk]))
    assert response.status_code == 404
    refusal = match_request_refusal(sender=outside_host, recipient=inside)
    assert "another programme" in refusal
    assert match_request_refusal(sender=inside_host, recipient=inside) is None
    assert match_request_refusal(sender=outside_host, recipient=sailing) is None


def test_closing_a_programme_moves_its_members_into_their_own_pool(open_programme):
    member = make_member(programme=open_programme)
    assert member.match_pool == 0
    open_programme.within_programme_only = True
    programme_save(open_programme)
    member.refresh_from_db()
    assert member.match_pool == open_programme.pk
    open_programme.within_programme_only = False
    programme_save(open_programme)
    member.refresh_from_db()
    assert member.match_pool == 0


def test_matched_members_still_see_each_other_after_one_joins_a_closed_programme(
    client, closed
):
    host = make_member(role="host", display_name="Hanne")
    newcomer = make_member(display_name="Nadia")
    make_match(host, newcomer)
    client.force_login(newcomer.user)
    client.post(reverse("community:programme_join", args=[closed.invite_code]))
    client.force_login(host.user)
    response = client.get(reverse("community:profile_detail", args=[newcomer.pk]))
    assert response.status_code == 200


# --- Joining -------------------------------------------------------------------------


def test_an_invitation_link_invites_visitors_to_sign_up_and_members_to_join(
    client, closed
):
    url = reverse("community:programme_join", args=[closed.invite_code])
    page = client.get(url).content.decode()
    assert "Vestas host families" in page and reverse("account_signup") in page

    member = make_member()
    client.force_login(member.user)
    assert "Join Vestas host families" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.programme == closed and member.match_pool == closed.pk


def test_a_wrong_or_ended_invitation_changes_nothing(client, closed):
    member = make_member()
    client.force_login(member.user)
    assert client.get("/join/not-a-code/").status_code == 404
    assert client.post("/join/" + "x" * 5000 + "/").status_code == 404
    closed.active_from = closed.active_from.replace(year=2000)
    closed.active_to = closed.active_from.replace(year=2001)
    closed.save()
    url = reverse("community:programme_join", args=[closed.invite_code])
    response = client.post(url)
    assert "not running" in response.content.decode()
    member.refresh_from_db()
    assert member.programme is None


def test_the_profile_set_up_offers_listed_programmes_and_the_invited_one(
    client, open_programme
):
    hidden = make_programme("Unlisted University Programme", listed_at_signup=False)
    member = make_member()
    client.force_login(member.user)
    step = reverse("community:profile_setup_step", args=[1])
    page = client.get(step).content.decode()
    assert "Aarhus Sailing Club" in page and "Unlisted University" not in page

    client.get(reverse("community:programme_join", args=[hidden.invite_code]))
    page = client.get(step).content.decode()
    assert "Unlisted University Programme" in page
    assert f'value="{hidden.pk}" selected' in page

    response = client.post(
        step,
        {
            "role": "newcomer",
            "display_name": "Nadia",
            "household": "single",
            "age_group": "2",
            "programme": str(hidden.pk),
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.programme == hidden


def test_a_member_cannot_pick_an_unlisted_programme_by_its_id(client):
    hidden = make_programme("Unlisted", listed_at_signup=False)
    make_programme("Listed")
    member = make_member()
    client.force_login(member.user)
    response = client.post(
        reverse("community:profile_setup_step", args=[1]),
        {
            "role": "newcomer",
            "display_name": "Nadia",
            "household": "single",
            "programme": str(hidden.pk),
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    member.refresh_from_db()
    assert member.programme is None


# --- Coordinators see their own programme only ------------------------------------


@pytest.fixture
def two_programmes(event_index):
    """Programme A and B, each with a coordinator, a pair with a check-in, a
    report, a pending request and an event sign-up."""
    coordinator_a, coordinator_b = admin_user(), admin_user()
    a = make_programme("Programme A", coordinators=[coordinator_a])
    b = make_programme("Programme B", coordinators=[coordinator_b])
    event = make_event(event_index, title="Harbour walk", capacity=30)
    world = {"event": event}
    for programme in (a, b):
        label = programme.name[-1]
        host = make_member(
            role="host", display_name=f"Host {label}", programme=programme, capacity=2
        )
        newcomer = make_member(display_name=f"Newcomer {label}", programme=programme)
        other = make_member(display_name=f"Asking {label}", programme=programme)
        match = make_match(host, newcomer)
        make_request(other, host)
        report = Report.objects.create(
            reporter=newcomer, reported=other, reason=f"Report about {label}"
        )
        checkin = CheckIn.objects.create(
            match=match,
            profile=newcomer,
            number=1,
            due_at=match.created_at,
            asked_at=match.created_at,
            answered_at=match.created_at,
            satisfaction=1,
            wish=CheckIn.Wish.NEW_MATCH,
            have_met=True,
        )
        signup = EventSignup.objects.create(
            event=event, profile=newcomer, party_size=1, status="confirmed"
        )
        world[label] = {
            "programme": programme,
            "host": host,
            "newcomer": newcomer,
            "match": match,
            "report": report,
            "checkin": checkin,
            "signup": signup,
        }
    world["coordinator_a"], world["coordinator_b"] = coordinator_a, coordinator_b
    return world


def _index_and_object_urls(world, label):
    from community.models import MatchRequest

    mine = world[label]
    request = MatchRequest.objects.get(recipient=mine["host"])
    return {
        "members": (
            reverse("community_members:index"),
            reverse("community_members:inspect", args=[mine["newcomer"].pk]),
        ),
        "reports": (
            reverse("member_reports:index"),
            reverse("member_reports:edit", args=[mine["report"].pk]),
        ),
        "requests": (
            reverse("match_requests:index"),
            reverse("match_requests:inspect", args=[request.pk]),
        ),
        "matches": (
            reverse("matches:index"),
            reverse("matches:inspect", args=[mine["match"].pk]),
        ),
        "checkins": (
            reverse("checkins:index"),
            reverse("checkins:inspect", args=[mine["checkin"].pk]),
        ),
        "programmes": (
            reverse("community_programme:index"),
            reverse("community_programme:edit", args=[mine["programme"].pk]),
        ),
    }


@pytest.mark.parametrize(
    "view", ["members", "reports", "requests", "matches", "checkins", "programmes"]
)
def test_a_programme_coordinator_sees_nothing_of_another_programme(
    client, two_programmes, view
):
    world = two_programmes
    client.force_login(world["coordinator_a"])
    own_index, own_object = _index_and_object_urls(world, "A")[view]
    _other_index, other_object = _index_and_object_urls(world, "B")[view]
    listing = client.get(own_index)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert (
        "Programme B" not in page and "Host B" not in page and "Newcomer B" not in page
    )
    assert client.get(own_object).status_code == 200
    assert client.get(other_object).status_code == 404


def test_a_whole_site_coordinator_sees_both_programmes(
    coordinator_client, two_programmes
):
    page = coordinator_client.get(reverse("matches:index")).content.decode()
    assert "Host A" in page and "Host B" in page


def test_flagged_pairs_and_event_attendees_are_scoped(client, two_programmes):
    world = two_programmes
    client.force_login(world["coordinator_a"])
    page = client.get(reverse("community_flagged_pairs:index")).content.decode()
    assert "Newcomer A" in page and "Newcomer B" not in page
    url = reverse("community_events:attendees", args=[world["event"].pk])
    page = client.get(url).content.decode()
    assert "Newcomer A" in page and "Newcomer B" not in page
    csv = client.get(url + "?format=csv").content.decode()
    assert "Newcomer A" in csv and "Newcomer B" not in csv


def test_writing_to_event_participants_reaches_only_my_programme(
    client, two_programmes, mailoutbox
):
    world = two_programmes
    client.force_login(world["coordinator_a"])
    url = reverse("community_events:attendees", args=[world["event"].pk])
    client.post(url, {"subject": "Meeting point", "body": "By the fountain."})
    assert [m.to for m in mailoutbox] == [[world["A"]["newcomer"].user.email]]


def test_programme_coordinators_cannot_add_programmes_or_touch_tags(
    client, two_programmes
):
    client.force_login(two_programmes["coordinator_a"])
    assert client.get(reverse("community_programme:add")).status_code in (302, 403)
    assert client.get(reverse("community_tag_merge:index")).status_code in (302, 403)
    assert client.get(reverse("tags_interesttag:index")).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Merge tags" not in menu


def test_members_cannot_see_the_coordinators_views(client, two_programmes):
    client.force_login(two_programmes["A"]["host"].user)
    for url in (reverse("community_members:index"), reverse("matches:index")):
        assert client.get(url).status_code in (302, 403)


def test_a_programme_is_handed_over_without_losing_its_history(client, two_programmes):
    world = two_programmes
    old, programme = world["coordinator_a"], world["A"]["programme"]
    new = admin_user()
    client.force_login(old)
    response = client.post(
        reverse("community_programme:edit", args=[programme.pk]),
        {
            "name": programme.name,
            "description": "",
            "contact_name": "",
            "contact_email": "",
            "active_from": programme.active_from.isoformat(),
            "active_to": "",
            "listed_at_signup": "on",
            "approval": "hosts",
            "coordinator_emails": new.email.upper(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.get(reverse("matches:index")).status_code in (302, 403)
    client.force_login(new)
    page = client.get(reverse("matches:index")).content.decode()
    assert "Host A" in page
    assert Profile.objects.filter(programme=programme).count() == 3


def test_an_unknown_coordinator_address_is_a_clear_error(coordinator_client):
    programme = make_programme("Programme C")
    response = coordinator_client.post(
        reverse("community_programme:edit", args=[programme.pk]),
        {
            "name": "Programme C",
            "active_from": programme.active_from.isoformat(),
            "coordinator_emails": "nobody@example.org\nnot an address",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not an e-mail address" in page or "Nobody has an account" in page
    assert list(programme.coordinator_group.user_set.all()) == []


def test_a_new_programme_gets_a_coordinators_group_that_may_use_the_admin(
    coordinator_client,
):
    response = coordinator_client.post(
        reverse("community_programme:add"),
        {
            "name": "Aarhus University researchers",
            "active_from": "2026-01-01",
            "approval": "everyone",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(name="Aarhus University researchers")
    assert programme.approval == "everyone"
    group = programme.coordinator_group
    assert isinstance(group, Group)
    assert group.permissions.filter(
        pk=Permission.objects.get(codename="access_admin").pk
    ).exists()


def test_a_report_reaches_the_programme_coordinators_too(
    mailoutbox, django_capture_on_commit_callbacks
):
    from community.services.safety import member_report

    site = admin_user(Group.objects.get_or_create(name="Coordinators")[0])
    own = admin_user()
    programme = make_programme("Programme R", coordinators=[own])
    make_programme("Programme S", coordinators=[admin_user()])
    reporter = make_member(programme=programme)
    reported = make_member(role="host")
    with django_capture_on_commit_callbacks(execute=True):
        member_report(
            reporter=reporter, reported=reported, reason="Asked me for money twice."
        )
    assert sorted(mailoutbox[0].to) == sorted([site.email, own.email])
