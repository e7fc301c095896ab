"""The coordinators' dashboard: the right numbers on a small programme, only
the coordinator's own programme, closed to everyone else, and a fixed number
of queries however much there is."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.coordination.access import coordinator_scope
from community.models import CheckIn, EventSignup, Report
from community.selectors.dashboard import coordinator_dashboard
from tests.factories import (
    UserFactory,
    make_event,
    make_match,
    make_member,
    make_programme,
    make_request,
)

pytestmark = pytest.mark.django_db

URL = "/admin/community/dashboard/"


def checkin(match, profile, *, number=1, satisfaction=None, wish="", asked_days=1):
    asked = timezone.now() - timedelta(days=asked_days)
    answered = satisfaction is not None or wish
    made = CheckIn.objects.create(
        match=match,
        profile=profile,
        number=number,
        due_at=asked,
        answered_at=asked + timedelta(hours=2) if answered else None,
        satisfaction=satisfaction,
        wish=wish,
    )
    CheckIn.objects.filter(pk=made.pk).update(asked_at=asked)  # auto_now_add
    return made


def fill_programme(programme, label, *, past_event, coming_event, extra=0):
    """Two pairs (one unhappy, one with an overdue check-in), a request
    waiting, an open and a handled report, and event sign-ups. ``extra`` more
    members and pairs, answered check-ins and sign-ups, to grow the data."""
    hosts = [
        make_member(
            role="host",
            display_name=f"Host {label}{n}",
            programme=programme,
            capacity=2,
        )
        for n in (1, 2)
    ]
    newcomers = [
        make_member(display_name=f"Newcomer {label}{n}", programme=programme)
        for n in (1, 2, 3)
    ]
    unhappy = make_match(newcomers[0], hosts[0])
    quiet = make_match(newcomers[1], hosts[1])
    make_request(newcomers[2], hosts[0])
    checkin(unhappy, newcomers[0], satisfaction=2, wish=CheckIn.Wish.NEW_MATCH)
    checkin(unhappy, hosts[0], satisfaction=4)
    checkin(quiet, newcomers[1], asked_days=10)  # overdue (7 days)
    Report.objects.create(
        reporter=newcomers[0], reported=hosts[0], reason=f"Rude to {label}"
    )
    Report.objects.create(
        reporter=newcomers[1], reported=hosts[1], reason="Sorted", handled=True
    )
    EventSignup.objects.create(
        event=past_event, profile=newcomers[0], party_size=3, status="confirmed"
    )
    EventSignup.objects.create(
        event=past_event, profile=hosts[0], party_size=2, status="cancelled"
    )
    EventSignup.objects.create(
        event=coming_event, profile=hosts[1], party_size=1, status="confirmed"
    )
    EventSignup.objects.create(
        event=coming_event, profile=newcomers[2], party_size=4, status="waiting"
    )
    for n in range(extra):
        host = make_member(role="host", programme=programme, capacity=1)
        newcomer = make_member(programme=programme)
        match = make_match(newcomer, host)
        checkin(match, host, satisfaction=5)
        checkin(match, newcomer, satisfaction=3, asked_days=20 + n)
        EventSignup.objects.create(
            event=past_event, profile=newcomer, party_size=1, status="confirmed"
        )
    return {"hosts": hosts, "newcomers": newcomers, "unhappy": unhappy}


@pytest.fixture
def world(event_index):
    coordinator_a, coordinator_b = UserFactory(), UserFactory()
    a = make_programme("Programme A", coordinators=[coordinator_a])
    b = make_programme("Programme B", coordinators=[coordinator_b])
    now = timezone.now()
    past = make_event(event_index, title="Harbour walk", start=now - timedelta(days=9))
    coming = make_event(event_index, title="Cooking night", start=now + timedelta(7))
    events = {"past_event": past, "coming_event": coming}
    return {
        "A": fill_programme(a, "A", **events),
        "B": fill_programme(b, "B", **events, extra=2),
        "programme_a": a,
        "coordinator_a": coordinator_a,
        "events": events,
    }


def test_the_numbers_of_a_small_programme(world):
    dashboard = coordinator_dashboard(scope=coordinator_scope(world["coordinator_a"]))
    (row,) = dashboard.members
    assert row.programme == world["programme_a"]
    assert (row.hosts, row.newcomers, row.total) == (2, 3, 5)
    assert dashboard.pending_requests == 1
    assert dashboard.active_pairs == 2
    reasons = {
        (match.newcomer.display_name, flag.code)
        for match, flags in dashboard.flagged
        for flag in flags
    }
    assert reasons == {
        ("Newcomer A1", "new_match"),
        ("Newcomer A1", "unsatisfied"),
        ("Newcomer A2", "overdue"),
    }
    assert dashboard.overdue_checkins == 1
    assert dashboard.overdue_oldest[0].profile.display_name == "Newcomer A2"
    assert dashboard.overdue_oldest[0].other.display_name == "Host A2"
    assert dashboard.open_reports == 1
    assert dashboard.latest_reports[0].reason == "Rude to A"
    assert dashboard.satisfaction == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 0)]
    # This month holds everything; the eleven before it are empty.
    assert [count for _month, count in dashboard.new_members] == [0] * 11 + [5]
    assert [count for _month, count in dashboard.new_matches] == [0] * 11 + [2]
    assert len(dashboard.new_members) == 12
    first, last = dashboard.new_members[0][0], dashboard.new_members[-1][0]
    assert last == timezone.localdate().replace(day=1)
    assert (last.year - first.year) * 12 + last.month - first.month == 11
    attendance = [
        (row.event.title, row.people, row.upcoming) for row in dashboard.events
    ]
    assert attendance == [("Harbour walk", 3, False), ("Cooking night", 1, True)]


def test_a_whole_site_coordinator_counts_every_programme(world, coordinator_client):
    superuser = UserFactory(is_superuser=True)
    dashboard = coordinator_dashboard(scope=coordinator_scope(superuser))
    assert [row.programme.name for row in dashboard.members] == [
        "Programme A",
        "Programme B",
    ]
    assert dashboard.member_totals.total == 5 + 9
    assert dashboard.active_pairs == 2 + 4
    assert dashboard.open_reports == 2
    assert [row.people for row in dashboard.events] == [3 + 5, 1 + 1]
    page = coordinator_client.get(URL).content.decode()
    assert "Programme A" in page and "Programme B" in page
    assert "Rude to A" in page and "Rude to B" in page


def test_the_dashboard_page_shows_my_programme_and_nothing_of_another(client, world):
    client.force_login(world["coordinator_a"])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Programme A" in page and "Programme B" not in page
    assert "Newcomer A1" in page and "Newcomer A1 asks for a new match" in page
    assert "Host B" not in page and "Newcomer B" not in page
    assert "Rude to A" in page and "Rude to B" not in page
    unhappy = world["A"]["unhappy"]
    assert reverse("community_flagged_pairs:pair", args=[unhappy.pk]) in page
    assert page.count('role="img"') == 4
    # The events chart counts A's three people at the harbour walk, not B's.
    assert "Harbour walk (" in page and "4 in all; the most: Harbour walk" in page


def test_the_dashboard_is_the_first_item_of_the_community_menu(client, world):
    client.force_login(world["coordinator_a"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in home
    assert home.index(URL) < home.index(reverse("community_flagged_pairs:index"))


def test_the_admin_home_page_tells_a_coordinator_what_waits(client, world, editor):
    client.force_login(world["coordinator_a"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your programme today" in home
    assert "2 pairs need following up" in home
    assert "1 overdue check-in" in home and "1 open report" in home
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your programme today" not in home


def test_only_coordinators_see_the_dashboard(client, world, editor_client):
    """An editor may use the admin but is refused (Wagtail turns the 403 into a
    redirect home with a "no permission" message); members and visitors are
    sent to sign in."""
    response = editor_client.get(URL, follow=True)
    assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
    page = response.content.decode()
    assert "do not have permission" in page
    assert "Programme A" not in page and "Newcomer A1" not in page
    client.force_login(world["A"]["hosts"][0].user)
    assert client.get(URL).status_code in (302, 403)
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response.url


def test_the_dashboard_makes_as_many_queries_with_more_data(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["coordinator_a"])
    client.get(URL)  # settle the admin's once-per-process lookups

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    fill_programme(world["programme_a"], "C", **world["events"], extra=3)
    with django_assert_max_num_queries(before):
        assert client.get(URL).status_code == 200
    assert before <= 30
