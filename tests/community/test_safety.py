"""Blocking and reporting, and the coordinators' view of it all in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from community.models import Block, InterestTag, Match, MatchRequest, Report
from community.selectors.members import member_relation
from community.selectors.safety import hidden_profile_ids
from community.services.errors import RuleBroken
from community.services.requests import match_request_create
from community.services.safety import member_block, member_report, member_unblock
from community.services.tags import tag_get_or_create
from tests.factories import (
    REQUEST_MESSAGE,
    UserFactory,
    make_match,
    make_member,
    make_request,
)

pytestmark = pytest.mark.django_db


# --- Blocking --------------------------------------------------------------------


def test_blocked_members_are_hidden_from_each_other(newcomer, host):
    member_block(blocker=newcomer, blocked=host)

    assert hidden_profile_ids(profile=newcomer) == {host.pk}
    assert hidden_profile_ids(profile=host) == {newcomer.pk}
    assert hidden_profile_ids(profile=make_member()) == set()


def test_blocking_twice_changes_nothing(newcomer, host):
    first = member_block(blocker=newcomer, blocked=host)
    second = member_block(blocker=newcomer, blocked=host)
    assert (first.created, second.created) == (True, False)
    assert Block.objects.count() == 1


def test_blocking_cancels_the_requests_waiting_both_ways(newcomer, host):
    mine = make_request(newcomer, host)

    outcome = member_block(blocker=host, blocked=newcomer)

    mine.refresh_from_db()
    assert mine.status == MatchRequest.Status.CANCELLED
    assert outcome.requests_cancelled == 1

    other_host = make_member(role="host")
    theirs = make_request(other_host, newcomer)
    member_block(blocker=newcomer, blocked=other_host)
    theirs.refresh_from_db()
    assert theirs.status == MatchRequest.Status.CANCELLED


def test_blocking_leaves_requests_with_other_members_alone(newcomer, host):
    elsewhere = make_request(newcomer, make_member(role="host"))
    member_block(blocker=newcomer, blocked=host)
    elsewhere.refresh_from_db()
    assert elsewhere.status == MatchRequest.Status.PENDING


def test_blocking_the_member_i_am_matched_with_ends_the_match(newcomer, host):
    match = make_match(newcomer, host)

    outcome = member_block(blocker=newcomer, blocked=host)

    match.refresh_from_db()
    assert outcome.match_ended == match
    assert match.status == Match.Status.ENDED
    assert match.ended_by == newcomer
    assert match.end_reason == "Blocked"
    host.refresh_from_db()
    assert host.active_match_count == 0


def test_blocked_members_cannot_ask_each_other_either_way(newcomer, host):
    member_block(blocker=newcomer, blocked=host)
    for sender, recipient in ((newcomer, host), (host, newcomer)):
        with pytest.raises(RuleBroken):
            match_request_create(
                sender=sender,
                recipient=recipient,
                message=REQUEST_MESSAGE,
                confirm_expectations=True,
            )
    assert not MatchRequest.objects.filter(status="pending").exists()


def test_blocking_yourself_is_refused(host):
    with pytest.raises(RuleBroken, match="You cannot block yourself."):
        member_block(blocker=host, blocked=host)


def test_unblocking_lifts_only_my_own_block(newcomer, host):
    member_block(blocker=newcomer, blocked=host)
    member_block(blocker=host, blocked=newcomer)

    assert member_unblock(blocker=newcomer, blocked=host) is True
    assert member_unblock(blocker=newcomer, blocked=host) is False
    # Their block still stands: we still do not see each other.
    assert hidden_profile_ids(profile=newcomer) == {host.pk}

    member_unblock(blocker=host, blocked=newcomer)
    assert hidden_profile_ids(profile=newcomer) == set()


# --- What the profile page offers -------------------------------------------------


def test_relation_offers_a_request_when_the_rules_allow_it(newcomer, host):
    relation = member_relation(viewer=newcomer, other=host)
    assert relation["can_request"] is True
    assert relation["reason"] == ""
    assert relation["pending_request"] is None


def test_relation_knows_who_sent_the_waiting_request(newcomer, host):
    request = make_request(newcomer, host)
    mine = member_relation(viewer=newcomer, other=host)
    theirs = member_relation(viewer=host, other=newcomer)
    assert mine["pending_request"] == theirs["pending_request"] == request
    assert (mine["request_sent_by_me"], theirs["request_sent_by_me"]) == (True, False)
    assert mine["can_request"] is False
    assert "already a request waiting" in mine["reason"]


def test_relation_shows_the_active_match_and_my_block(newcomer, host):
    match = make_match(newcomer, host)
    assert member_relation(viewer=host, other=newcomer)["active_match"] == match

    member_block(blocker=host, blocked=newcomer)
    relation = member_relation(viewer=host, other=newcomer)
    assert relation["blocked_by_me"] is True
    assert relation["active_match"] is None
    assert relation["can_request"] is False


# --- Reporting ------------------------------------------------------------------


def test_a_report_is_stored_and_emailed_to_the_coordinators(
    newcomer, host, django_capture_on_commit_callbacks
):
    coordinators = Group.objects.create(name="Coordinators")
    coordinator = UserFactory(email="coordinator@example.org")
    coordinator.groups.add(coordinators)
    UserFactory(email="root@example.org", is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        report = member_report(
            reporter=newcomer, reported=host, reason="  Asked me for money twice.  "
        )

    assert report.reason == "Asked me for money twice."
    assert report.handled is False
    (message,) = mail.outbox
    assert message.to == ["coordinator@example.org"]
    assert message.subject == "[Velkomst] A member reported Hanne Host"
    assert "Asked me for money twice." in message.body
    assert f"/admin/member_reports/edit/{report.pk}/" in message.body
    assert newcomer.user.email not in message.body
    assert host.user.email not in message.body


def test_without_a_coordinators_group_the_superusers_get_reports(
    newcomer, host, django_capture_on_commit_callbacks
):
    UserFactory(email="root@example.org", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        member_report(reporter=newcomer, reported=host, reason="Rude in messages.")
    assert mail.outbox[0].to == ["root@example.org"]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("", "at least 10 characters"),
        ("   short   ", "at least 10 characters"),
        ("x" * 2001, "at most 2,000 characters (it has 2,001)"),
        ("x" * 10_000, "at most 2,000 characters (it has 10,000)"),
    ],
)
def test_a_report_needs_a_reason_of_10_to_2000_characters(
    newcomer, host, reason, expected
):
    with pytest.raises(
        RuleBroken, match=expected.replace("(", r"\(").replace(")", r"\)")
    ):
        member_report(reporter=newcomer, reported=host, reason=reason)
    assert not Report.objects.exists()


def test_reporting_yourself_is_refused(host):
    with pytest.raises(RuleBroken, match="You cannot report yourself."):
        member_report(reporter=host, reported=host, reason="Testing the form.")


# --- The admin --------------------------------------------------------------------


def test_coordinators_see_reports_requests_and_matches_in_the_admin(
    coordinator_client, newcomer, host
):
    member_report(reporter=newcomer, reported=host, reason="Asked for my address.")
    make_request(newcomer, host)

    reports = coordinator_client.get("/admin/member_reports/")
    requests = coordinator_client.get("/admin/match_requests/")
    matches = coordinator_client.get("/admin/matches/")

    assert reports.status_code == requests.status_code == matches.status_code == 200
    assert "Nadia Newcomer" in reports.content.decode()
    assert "Hanne Host" in requests.content.decode()
    home = coordinator_client.get("/admin/").content.decode()
    assert "Community" in home
    assert "Member reports" in home


def test_coordinators_mark_a_report_handled_but_cannot_change_what_was_said(
    coordinator_client, newcomer, host
):
    report = member_report(reporter=newcomer, reported=host, reason="Original words.")
    response = coordinator_client.post(
        f"/admin/member_reports/edit/{report.pk}/",
        {
            "handled": "on",
            "coordinator_note": "Talked to both.",
            "reason": "Changed words.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled is True
    assert report.coordinator_note == "Talked to both."
    assert report.reason == "Original words."


def test_requests_and_matches_are_read_only_in_the_admin(
    coordinator_client, newcomer, host
):
    request = make_request(newcomer, host)
    assert (
        coordinator_client.get(
            f"/admin/match_requests/inspect/{request.pk}/"
        ).status_code
        == 200
    )
    for url in (
        f"/admin/match_requests/edit/{request.pk}/",
        f"/admin/match_requests/delete/{request.pk}/",
        "/admin/match_requests/new/",
        "/admin/matches/new/",
    ):
        response = coordinator_client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code != 200


def test_editors_who_are_not_coordinators_see_none_of_it(editor_client, newcomer, host):
    report = member_report(reporter=newcomer, reported=host, reason="Private matter.")
    for url in (
        "/admin/member_reports/",
        f"/admin/member_reports/edit/{report.pk}/",
        "/admin/match_requests/",
        "/admin/matches/",
        "/admin/tags_interesttag/",
        "/admin/community/merge-tags/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
    assert "Member reports" not in editor_client.get("/admin/").content.decode()


def test_coordinators_rename_a_tag(coordinator_client):
    tag = tag_get_or_create(InterestTag, name="Hikking")
    response = coordinator_client.post(
        f"/admin/tags_interesttag/edit/{tag.pk}/",
        {"name": "Hiking trips", "slug": "hiking-trips", "curated": "on"},
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug, tag.curated) == ("Hiking trips", "hiking-trips", True)


def test_coordinators_merge_duplicate_tags(coordinator_client):
    member = make_member(interests=("Hiking", "hiking trips", "Cooking"))
    other = make_member(interests=("Walking in nature", "Baking", "Chess"))
    target = InterestTag.objects.get(name="Hiking")
    duplicates = InterestTag.objects.filter(
        name__in=["hiking trips", "Walking in nature"]
    )

    page = coordinator_client.get("/admin/community/merge-tags/?facet=interests")
    assert page.status_code == 200
    response = coordinator_client.post(
        "/admin/community/merge-tags/?facet=interests",
        {
            "facet": "interests",
            "target": target.pk,
            "sources": [tag.pk for tag in duplicates],
        },
    )

    assert response.status_code == 302
    assert not InterestTag.objects.filter(
        name__in=["hiking trips", "Walking in nature"]
    ).exists()
    assert set(member.interests.names()) == {"Hiking", "Cooking"}
    assert set(other.interests.names()) == {"Hiking", "Baking", "Chess"}
