"""Coordinator approval (community/services/approvals.py): whom a programme
asks to talk with a coordinator first, how a waiting member is kept out of
sight, what they are told, and the coordinators' queue, decisions and counts."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community.models import Match, MatchRequest, MemberSuggestions, Profile
from community.services.approvals import member_approve
from community.services.errors import RuleBroken
from community.services.profiles import account_delete, profile_update
from community.services.programmes import profile_programme_set, programme_save
from community.services.requests import match_request_create
from community.services.suggestions import member_suggestions_compute
from tests.factories import (
    REQUEST_MESSAGE,
    UserFactory,
    make_member,
    make_photo_bytes,
    make_programme,
    make_request,
)

pytestmark = pytest.mark.django_db

WAITING = "Wenche Waiting"
QUEUE = "/admin/community/approvals/"
DECLINE = "We met at Dokk1 and agreed the timing is not right; write to us in May."
NOTE = "Called Tuesday. Husband sounded unsure; ask about the dog."


def new_member(role="host", *, name=WAITING, **fields) -> Profile:
    """A member who just finished the set-up: their programme's setting (or
    the site's) decides whether they wait."""
    return make_member(role=role, display_name=name, approval="not_needed", **fields)


def site_coordinator(**fields):
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(**fields)
    user.groups.add(group)
    return user


def programme_coordinator(programme, **fields):
    user = UserFactory(**fields)
    programme.coordinator_group.user_set.add(user)
    return user


def member_page(member) -> str:
    return reverse("community_approvals:member", args=[member.pk])


def decide(client, member, action, message="", note=""):
    return client.post(
        member_page(member), {"action": action, "message": message, "note": note}
    )


# --- Whom a programme asks -----------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "role", "waits"),
    [
        ("nobody", "host", False),
        ("nobody", "newcomer", False),
        ("hosts", "host", True),
        ("hosts", "newcomer", False),
        ("everyone", "host", True),
        ("everyone", "newcomer", True),
    ],
)
def test_each_programme_chooses_whom_a_coordinator_talks_with_first(
    policy, role, waits
):
    member = new_member(role, programme=make_programme(approval=policy))
    assert (member.approval == "waiting") == waits
    assert member.is_listed == (not waits)
    assert (member.approval_waiting_since is not None) == waits


def test_a_new_programme_asks_hosts_by_default():
    assert make_programme().approval == "hosts"


@pytest.mark.parametrize(
    ("setting", "host_waits", "newcomer_waits"),
    [("hosts", True, False), ("nobody", False, False), ("everyone", True, True)],
)
def test_members_of_no_programme_follow_the_site_setting(
    settings, setting, host_waits, newcomer_waits
):
    settings.VELKOMST_APPROVAL_WITHOUT_PROGRAMME = setting
    assert (new_member("host").approval == "waiting") == host_waits
    assert (new_member("newcomer", name="N").approval == "waiting") == newcomer_waits


def test_a_newcomer_in_a_hosts_programme_does_not_wait_and_is_found_at_once(
    login, home_page
):
    programme = make_programme("Sailing club", approval="hosts")
    newcomer = new_member("newcomer", name="Nina New", programme=programme)
    host = make_member(role="host", programme=programme)
    assert newcomer.approval == "not_needed"
    assert "Nina New" in login(host).get(reverse("community:directory")).text


# --- A waiting member is out of sight ------------------------------------------


def test_a_new_host_is_invisible_on_every_address_until_approved(login, home_page):
    host = new_member("host", show_photo=True)
    host.photo.save("host.jpg", ContentFile(make_photo_bytes(size=(40, 40))))
    newcomer = make_member(display_name="Nadia")
    # As if asked just before they had to wait (the rule never lets it happen).
    asked = MatchRequest.objects.create(
        sender=host, recipient=newcomer, message=REQUEST_MESSAGE, expectations_version=1
    )
    client = login(newcomer)

    assert (
        WAITING not in client.get(reverse("community:directory"), {"role": "all"}).text
    )
    assert WAITING not in client.get(reverse("community:suggested")).text
    stored = MemberSuggestions.objects.get(profile=newcomer)
    assert host.pk not in stored.candidate_ids
    for name in ("community:profile_detail", "community:profile_photo"):
        assert client.get(reverse(name, args=[host.pk])).status_code == 404
    ask = reverse("community:request_create", args=[host.pk])
    assert client.get(ask).status_code == 404
    assert client.post(ask, {"message": REQUEST_MESSAGE}).status_code == 404

    response = client.post(
        reverse("community:request_accept", args=[asked.pk]),
        {"confirm_expectations": "on"},
        follow=True,
    )
    assert "not available for matching" in response.text
    assert not Match.objects.exists()
    assert MatchRequest.objects.get(pk=asked.pk).status == "pending"

    member_approve(member=host, coordinator=site_coordinator())
    assert WAITING in client.get(reverse("community:directory"), {"role": "all"}).text
    profile = client.get(reverse("community:profile_detail", args=[host.pk]))
    assert profile.status_code == 200


def test_a_waiting_member_sees_nobody_and_is_told_why_instead_of_an_empty_list(
    login, home_page
):
    host = new_member("host")
    newcomer = make_member(display_name="Nadia Newcomer")
    client = login(host)
    for url in (reverse("community:directory"), reverse("community:suggested")):
        page = client.get(url).text
        assert "Nadia Newcomer" not in page
        assert "once a coordinator has talked with you" in page
        assert f'href="{reverse("community:home")}"' in page
    assert (
        client.get(reverse("community:profile_detail", args=[newcomer.pk])).status_code
        == 404
    )
    with pytest.raises(RuleBroken, match="A coordinator talks with every new member"):
        match_request_create(
            sender=host,
            recipient=newcomer,
            message=REQUEST_MESSAGE,
            confirm_expectations=True,
        )


def test_a_waiting_host_cannot_accept_a_request(login, home_page):
    host = new_member("host")
    newcomer = make_member()
    asked = MatchRequest.objects.create(
        sender=newcomer, recipient=host, message=REQUEST_MESSAGE, expectations_version=1
    )
    response = login(host).post(
        reverse("community:request_accept", args=[asked.pk]),
        {"confirm_expectations": "on"},
        follow=True,
    )
    assert "You can accept requests once your profile is approved" in response.text
    assert not Match.objects.exists()


# --- What the member is told -----------------------------------------------------


def _finish_set_up_as_host(client, aarhus):
    from tests.community.test_profile_setup import _interest_ids, _step, _step_2

    _step(
        client,
        1,
        {"role": "host", "display_name": "Hanne", "household": "couple"},
    )
    _step(client, 2, _step_2(aarhus, ("da", "native"), ("en", "fluent")))
    _step(client, 3, {"interests": _interest_ids("Cooking", "Hiking", "Sailing")})
    return _step(
        client,
        4,
        {"time_per_month": "1-2", "capacity": "1", "about": "We love the bay."},
        follow=True,
    )


def test_a_host_who_finishes_the_set_up_is_told_a_coordinator_will_call(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import _member_municipality, make_account

    coordinator = site_coordinator(email="site@example.org")
    user = make_account()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _finish_set_up_as_host(client, _member_municipality("Aarhus"))

    assert response.redirect_chain[-1][0] == reverse("community:home")
    page = response.text
    assert "A coordinator will contact you before you are matched" in page
    assert "A coordinator will contact you" in page
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Waiting since {today}" in page
    assert "Fill in your conversation wheel" in page
    profile = Profile.objects.get(user=user)
    assert (profile.approval, profile.is_listed) == ("waiting", False)
    (told,) = mailoutbox
    assert told.to == [coordinator.email]
    assert "Hanne waits for your approval" in told.subject
    assert member_page(profile) in told.body


def test_the_waiting_home_names_who_will_call(login, home_page):
    named = make_programme(
        "Nordlys", contact_name="Camilla Krogh", contact_email="camilla@nordlys.example"
    )
    page = login(new_member(programme=named)).get("/me/").text
    assert "Camilla Krogh from Nordlys will contact you." in page
    assert 'href="mailto:camilla@nordlys.example"' in page

    unnamed = make_programme("Sailing club")
    programme_coordinator(unnamed, first_name="Bo", last_name="Berg")
    page = login(new_member(name="Other", programme=unnamed)).get("/me/").text
    assert "Bo Berg from Sailing club will contact you." in page
    # Nothing of the states that need others to see you.
    assert "Ask someone to match" not in page


def test_the_waiting_home_is_in_danish_under_da(login, home_page):
    page = login(new_member()).get("/da/me/").text
    assert "En koordinator kontakter dig" in page
    assert "Mens du venter" in page


# --- The coordinator decides --------------------------------------------------------


def test_approving_lists_the_member_and_tells_them_in_their_language(
    client, login, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    host = new_member(preferred_language="da")
    newcomer = make_member(display_name="Nadia")
    # The newcomer's suggestions were worked out while the host waited.
    member_suggestions_compute(profile=newcomer)
    coordinator = site_coordinator(first_name="Mette", last_name="Holm")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, host, "approve", message="Velkommen til!", note=NOTE)
    assert response.status_code == 302
    assert response.url == QUEUE

    host.refresh_from_db()
    assert (host.approval, host.is_listed) == ("approved", True)
    assert host.approval_decided_by == coordinator
    assert host.approval_note == NOTE
    (told,) = mailoutbox
    assert told.to == [host.user.email]
    assert told.subject == f"[Velkomst] Velkommen i værtsprogrammet, {WAITING}"
    assert "Din profil er godkendt" in told.body
    assert "Velkommen til!" in told.body
    assert NOTE not in told.body
    assert "/da/members/suggested/" in told.body

    # Found at once: in the directory and in suggestions stored before.
    newcomer_client = login(newcomer)
    assert WAITING in newcomer_client.get(reverse("community:suggested")).text
    assert "A coordinator will contact you" not in login(host).get("/me/").text


def test_declining_needs_a_message_and_the_member_reads_it_but_never_the_note(
    client, login, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    programme = make_programme("Nordlys", contact_email="hello@nordlys.example")
    host = new_member(programme=programme)
    client.force_login(programme_coordinator(programme))

    with django_capture_on_commit_callbacks(execute=True):
        refused = decide(client, host, "decline", message="   ", note=NOTE)
    assert refused.status_code == 400
    assert "Please write the member a few words on why" in refused.text
    assert NOTE in refused.text  # what was typed stays
    host.refresh_from_db()
    assert (host.approval, host.approval_note) == ("waiting", "")
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, host, "decline", message=DECLINE, note=NOTE).url == QUEUE
    host.refresh_from_db()
    assert (host.approval, host.is_listed, host.approval_message) == (
        "declined",
        False,
        DECLINE,
    )
    (told,) = mailoutbox
    assert told.subject == f"[Velkomst] About your profile, {WAITING}"
    assert DECLINE in told.body and "hello@nordlys.example" in told.body
    assert NOTE not in told.body

    member = login(host)
    home = member.get("/me/").text
    assert "You are not matched through the programme for now" in home
    assert DECLINE in home and "hello@nordlys.example" in home
    assert NOTE not in home
    assert (
        "not matched through the programme"
        in member.get(reverse("community:directory")).text
    )
    export = member.get(reverse("community:export_data")).content.decode()
    assert NOTE not in export and "declined" in export


def test_a_second_decision_is_refused_clearly_and_changes_nothing(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    host = new_member()
    first = site_coordinator(first_name="Mette", last_name="Holm")
    with django_capture_on_commit_callbacks(execute=True):
        member_approve(member=host, coordinator=first)
    with pytest.raises(RuleBroken, match="was already approved by Mette Holm on"):
        member_approve(member=host, coordinator=UserFactory())

    client.force_login(site_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, host, "decline", message=DECLINE)
    assert response.status_code == 400
    assert "was already approved by Mette Holm" in response.text
    assert "Nothing was changed." in response.text
    host.refresh_from_db()
    assert (host.approval, host.approval_decided_by) == ("approved", first)
    assert len(mailoutbox) == 1


def test_bad_input_gets_a_clear_message_never_an_error_page(client, home_page):
    host = new_member()
    client.force_login(site_coordinator())
    unknown = decide(client, host, "delete")
    assert unknown.status_code == 400
    assert "Choose to save the note, approve or decline." in unknown.text
    too_long = decide(client, host, "approve", message="x" * 2001)
    assert too_long.status_code == 400
    assert "at most 2000 characters" in too_long.text
    host.refresh_from_db()
    assert host.approval == "waiting"
    # Somebody who never had to wait has no page here.
    never = new_member("newcomer", name="Nina")
    assert client.get(member_page(never)).status_code == 404
    assert client.get(QUEUE + "not-a-number/").status_code == 404


def test_the_note_is_saved_alone_and_stays_with_the_coordinators(
    client, login, home_page
):
    host = new_member()
    client.force_login(site_coordinator())
    assert decide(client, host, "note", note=NOTE).url == member_page(host)
    host.refresh_from_db()
    assert (host.approval, host.approval_note) == ("waiting", NOTE)
    assert NOTE in client.get(member_page(host)).text
    assert NOTE not in login(host).get("/me/").text


# --- Scope ------------------------------------------------------------------------


def test_coordinators_see_and_decide_only_about_their_programmes_members(
    client, home_page
):
    a, b = make_programme("Programme A"), make_programme("Programme B")
    mine = new_member(name="Host of A", programme=a)
    theirs = new_member(name="Host of B", programme=b)
    outside = new_member(name="Host of none")

    client.force_login(programme_coordinator(a))
    queue = client.get(QUEUE).text
    assert "Host of A" in queue
    assert "Host of B" not in queue and "Host of none" not in queue
    assert client.get(member_page(theirs)).status_code == 404
    assert decide(client, theirs, "approve").status_code == 404
    assert decide(client, outside, "approve").status_code == 404
    assert Profile.objects.get(pk=theirs.pk).approval == "waiting"
    assert client.get(member_page(mine)).status_code == 200

    client.force_login(site_coordinator())
    queue = client.get(QUEUE).text
    assert all(name in queue for name in ("Host of A", "Host of B", "Host of none"))


def test_members_and_editors_may_not_use_the_queue(client, home_page, editor):
    host = new_member()
    for user in (make_member().user, editor):
        client.force_login(user)
        assert client.get(QUEUE).status_code in (302, 403)
        assert decide(client, host, "approve").status_code in (302, 403)
    assert Profile.objects.get(pk=host.pk).approval == "waiting"


def test_the_queue_is_longest_waiting_first_in_a_fixed_number_of_queries(
    client, home_page, django_assert_max_num_queries
):
    now = timezone.now()
    for days, name in ((1, "Yesterday"), (9, "Nine days"), (4, "Four days")):
        member = new_member(name=name)
        Profile.objects.filter(pk=member.pk).update(
            approval_waiting_since=now - timedelta(days=days)
        )
    client.force_login(site_coordinator())
    client.get(QUEUE)  # warm the admin's own caches
    with django_assert_max_num_queries(20):
        page = client.get(QUEUE).text
    assert page.index("Nine days") < page.index("Four days") < page.index("Yesterday")
    for _more in range(5):
        new_member(name="More")
    with django_assert_max_num_queries(20):
        client.get(QUEUE)


# --- Counts -------------------------------------------------------------------------


def test_the_menu_dashboard_and_home_panel_count_who_waits_and_how_long(
    client, home_page
):
    programme = make_programme("Nordlys")
    longest = new_member(programme=programme)
    Profile.objects.filter(pk=longest.pk).update(
        approval_waiting_since=timezone.now() - timedelta(days=6, hours=2)
    )
    new_member(name="Another")  # no programme: the site's coordinators only

    client.force_login(site_coordinator())
    dashboard = client.get("/admin/community/dashboard/").text
    assert "Waiting for approval" in dashboard
    assert "longest wait: 6 days" in dashboard
    home = client.get(reverse("wagtailadmin_home")).text
    assert "2 members wait for approval" in home
    assert "Waiting for approval (2)" in home

    client.force_login(programme_coordinator(programme))
    home = client.get(reverse("wagtailadmin_home")).text
    assert "1 member waits for approval" in home
    assert "Waiting for approval (1)" in home
    member_approve(member=longest, coordinator=UserFactory())
    home = client.get(reverse("wagtailadmin_home")).text
    assert "waits for approval" not in home
    assert "Waiting for approval (" not in home


# --- When the member or the setting changes -----------------------------------------


def test_a_programme_that_starts_asking_keeps_showing_its_members(login, home_page):
    programme = make_programme("Open club", approval="nobody")
    shown = new_member(name="Shown Host", programme=programme)
    assert (shown.approval, shown.is_listed) == ("not_needed", True)
    programme.approval = "hosts"
    programme_save(programme)
    shown.refresh_from_db()
    assert (shown.approval, shown.is_listed) == ("approved", True)
    # A host finishing the set-up from now on waits.
    assert new_member(programme=programme).approval == "waiting"


def test_a_programme_that_stops_asking_shows_its_waiting_members(login, home_page):
    programme = make_programme("Careful club", approval="everyone")
    waiting = new_member("newcomer", programme=programme)
    assert waiting.approval == "waiting"
    programme.approval = "nobody"
    programme_save(programme)
    waiting.refresh_from_db()
    assert (waiting.approval, waiting.is_listed) == ("not_needed", True)
    host = make_member(role="host", programme=programme)
    assert WAITING in login(host).get(reverse("community:directory")).text


def test_joining_a_programme_that_asks_means_waiting_and_the_member_is_told(
    login, home_page
):
    newcomer = new_member("newcomer", name="Nina")
    assert newcomer.is_listed
    programme = make_programme("Careful club", approval="everyone")
    response = login(newcomer).post(
        reverse("community:programme_join", args=[programme.invite_code]),
        follow=True,
    )
    assert "You are now in Careful club." in response.text
    assert "A coordinator talks with each new member before they are matched" in (
        response.text
    )
    newcomer.refresh_from_db()
    assert (newcomer.approval, newcomer.is_listed) == ("waiting", False)


def test_a_member_already_in_touch_with_others_counts_as_approved(home_page):
    newcomer = new_member("newcomer", name="Nina")
    make_request(newcomer, make_member(role="host"))
    profile_programme_set(
        profile=newcomer, programme=make_programme(approval="everyone")
    )
    newcomer.refresh_from_db()
    assert (newcomer.approval, newcomer.is_listed) == ("approved", True)
    assert newcomer.approval_decided_by is None


def test_becoming_a_host_means_waiting(login, home_page):
    member = new_member("newcomer", name="Nina")
    assert member.is_listed
    profile_update(profile=member, data={"role": "host", "capacity": 1})
    member.refresh_from_db()
    assert (member.approval, member.is_listed) == ("waiting", False)


def test_once_approved_a_member_stays_approved_whatever_they_change(home_page):
    host = new_member()
    # The member's own copy is from before the decision, as in their request.
    member_approve(member=Profile.objects.get(pk=host.pk), coordinator=UserFactory())
    profile_programme_set(profile=host, programme=make_programme(approval="everyone"))
    profile_programme_set(profile=host, programme=None)
    host.refresh_from_db()
    assert (host.approval, host.is_listed) == ("approved", True)


def test_a_waiting_member_who_leaves_is_out_of_the_queue_and_the_note_is_gone(
    client, home_page
):
    host = new_member()
    Profile.objects.filter(pk=host.pk).update(approval_note=NOTE)
    account_delete(user=host.user)
    host.refresh_from_db()
    assert (host.approval, host.approval_note) == ("not_needed", "")
    client.force_login(site_coordinator())
    assert client.get(member_page(host)).status_code == 404


# --- The rules hold in the database too ---------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"approval": "declined", "approval_message": ""},
        {"approval": "waiting", "approval_waiting_since": None},
        {"approval": "approved", "approval_decided_at": None},
        {"approval": "maybe"},
    ],
)
def test_the_database_refuses_an_approval_state_that_breaks_the_rules(fields):
    host = new_member()
    now = timezone.now()
    defaults = (
        {"approval_decided_at": now}
        if fields["approval"]
        in (
            "approved",
            "declined",
        )
        else {}
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(pk=host.pk).update(**(defaults | fields))


def test_the_database_refuses_an_unknown_programme_setting():
    programme = make_programme()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(programme).objects.filter(pk=programme.pk).update(approval="some")


def test_the_migration_approves_every_complete_profile_already_there():
    migration = importlib.import_module(
        "community.migrations.0019_coordinator_approval"
    )
    complete = make_member(role="host")
    incomplete = make_member(role="host", interests=["Hiking"])
    Profile.objects.update(approval="not_needed", approval_decided_at=None)
    migration.approve_the_members_already_here(django_apps, None)
    assert Profile.objects.get(pk=complete.pk).approval == "approved"
    assert Profile.objects.get(pk=incomplete.pk).approval == "not_needed"


def test_no_e_mail_about_waiting_goes_out_for_a_member_who_never_waits(
    mailoutbox, django_capture_on_commit_callbacks
):
    site_coordinator(email="site@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        new_member("newcomer")
    assert mail.outbox == []
