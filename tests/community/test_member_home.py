"""A member's home (/me/): in every state it says what to do next and links
there; only its member sees it, in a bounded number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from community.models import CheckIn, EventSignup, Match, Profile
from tests.factories import make_event, make_idea, make_match, make_member, make_message

pytestmark = pytest.mark.django_db

HOME = "/me/"


def _page(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.text


def test_signed_out_visitors_are_sent_to_log_in(client, home_page):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/me/"


def test_the_header_member_link_leads_home(login, newcomer, home_page):
    page = _page(login(newcomer))
    link = f'class="member-nav__link" href="{HOME}" aria-current="page">My page</a>'
    assert link in page
    # The first of the member links, in Danish too.
    assert page.index(link) < page.index('class="member-nav__link" href="/members/"')
    danish = login(newcomer).get("/da/me/").text
    assert 'aria-current="page">Min side</a>' in danish


def test_an_unfinished_set_up_names_the_next_step_and_continues_there(login, home_page):
    member = make_member(role="host", display_name="Half Done")
    member.language_items.all().delete()
    Profile.objects.filter(pk=member.pk).update(is_listed=False)
    member.refresh_from_db()
    page = _page(login(member))
    assert "Finish your profile" in page
    assert "Step 2 of 4: Where and which languages?" in page
    assert "Still missing: at least one language." in page
    assert f'href="{reverse("community:profile_setup_step", args=[2])}"' in page
    assert "Continue the set-up" in page
    # Nothing of the other states before the profile is ready.
    assert "Your events" not in page


def test_without_a_match_the_best_suggestions_show_with_their_reasons(
    login, home_page, newcomer
):
    host = make_member(role="host", display_name="Hiking Hanne", capacity=1)
    page = _page(login(newcomer))
    assert "Ask someone to match" in page
    assert "Hiking Hanne" in page
    assert "You both like" in page
    assert f'href="{reverse("community:profile_detail", args=[host.pk])}"' in page
    assert f'href="{reverse("community:suggested")}"' in page


def test_without_suggestions_the_page_says_what_helps(login, home_page, newcomer):
    page = _page(login(newcomer))
    assert "No suggestions right now." in page
    assert f'href="{reverse("community:directory")}"' in page


def test_a_paused_member_is_told_nobody_sees_them(login, home_page):
    member = make_member(role="newcomer", is_available=False)
    page = _page(login(member))
    assert "Your profile is paused" in page
    assert f'href="{reverse("community:profile_edit")}"' in page


def test_a_sent_request_says_whom_since_when_and_what_happens_next(
    login, home_page, host, newcomer
):
    from tests.factories import make_request

    request = make_request(newcomer, host)
    page = _page(login(newcomer))
    assert "Your request" in page
    assert "Hanne Host" in page
    assert "sent on" in page
    expires = date_format(
        timezone.localtime(request.created_at + timedelta(days=14)), "DATE_FORMAT"
    )
    assert f"Without an answer by {expires}, the request expires" in page
    assert f'href="{reverse("community:requests")}#request-{request.pk}"' in page
    assert "Ask someone to match" not in page


def test_a_request_waiting_for_my_answer_comes_first(login, home_page):
    from tests.factories import make_request

    host = make_member(role="host", display_name="Hanne Host", capacity=2)
    asker = make_member(role="newcomer", display_name="Nadia Newcomer")
    asked = make_member(role="newcomer", display_name="Omar Other")
    received = make_request(asker, host)
    make_request(host, asked)
    page = _page(login(host))
    assert "A request waits for your answer" in page
    assert "Read and answer Nadia Newcomer" in page
    assert f'href="{reverse("community:requests")}#request-{received.pk}"' in page
    assert page.index("Read and answer Nadia Newcomer") < page.index("Omar Other")


def _checkin_due(match, profile) -> CheckIn:
    return CheckIn.objects.create(
        match=match, profile=profile, number=1, due_at=timezone.now()
    )


def test_a_matched_member_sees_the_match_messages_check_in_events_and_ideas(
    login, home_page, event_index, idea_index, matched_pair
):
    host, newcomer, match = matched_pair
    make_message(match, host, "Hej! Coffee on Saturday?")
    checkin = _checkin_due(match, newcomer)
    event = make_event(event_index, title="Harbour walk")
    EventSignup.objects.create(
        event=event, profile=newcomer, party_size=1, status="confirmed"
    )
    make_idea(idea_index, title="Hike in Marselisborg", tags=["outdoors"])
    page = _page(login(newcomer))
    assert "You and Hanne Host" in page
    assert "1 unread message" in page
    assert (
        f'href="{reverse("community:conversation", args=[match.conversation.pk])}"'
        in (page)
    )
    assert f'href="{reverse("community:match_detail", args=[match.pk])}"' in page
    assert "Check-in due" in page
    assert f'href="{reverse("community:checkin", args=[checkin.pk])}"' in page
    assert "Harbour walk" in page
    assert "Hike in Marselisborg" in page
    assert "Ask someone to match" not in page


def test_an_answered_check_in_and_a_past_event_are_not_shown(
    login, home_page, event_index, matched_pair
):
    host, newcomer, match = matched_pair
    checkin = _checkin_due(match, newcomer)
    CheckIn.objects.filter(pk=checkin.pk).update(answered_at=timezone.now())
    event = make_event(
        event_index,
        title="Last year's picnic",
        start=timezone.now() - timedelta(days=3),
    )
    EventSignup.objects.create(
        event=event, profile=newcomer, party_size=1, status="confirmed"
    )
    page = _page(login(newcomer))
    assert "Check-in due" not in page
    assert "Last year's picnic" not in page
    assert "You have not signed up for anything coming up." in page
    # Nothing unread: the next step is to agree on a meeting.
    assert "Write to each other and agree when and where to meet." in page
    assert "Write to Hanne Host" in page


def test_another_members_state_never_shows(login, home_page, matched_pair):
    host, newcomer, match = matched_pair
    stranger = make_member(role="newcomer", display_name="Sam Stranger")
    page = _page(login(stranger))
    assert "You and Hanne Host" not in page
    assert "unread message" not in page
    assert f'href="{reverse("community:match_detail", args=[match.pk])}"' not in page


def test_the_home_page_is_in_danish_under_da(login, home_page, newcomer):
    page = login(newcomer).get("/da/me/").text
    assert "Bed nogen om et match" in page
    assert "Ask someone to match" not in page


def test_home_reads_in_a_bounded_number_of_queries_when_matched(
    login, home_page, event_index, idea_index, django_assert_max_num_queries
):
    from community.services.meetings import meeting_accept, meeting_propose

    host = make_member(role="host", display_name="Hanne Host", capacity=3)
    client = login(host)
    for number in range(3):
        newcomer = make_member(role="newcomer", display_name=f"Newcomer {number}")
        match = make_match(newcomer, host)
        make_message(match, newcomer)
        # Each pair has an agreed meeting and a suggestion waiting for me.
        for days in (3, 5):
            meeting = meeting_propose(
                match=match,
                by=newcomer,
                starts_at=timezone.now() + timedelta(days=days),
                place=f"Café {number}",
            )
        meeting_accept(meeting=meeting, by=host)
        meeting_propose(
            match=match,
            by=newcomer,
            starts_at=timezone.now() + timedelta(days=9),
            place="The harbour",
        )
        _checkin_due(match, host)
        event = make_event(event_index, title=f"Event {number}")
        EventSignup.objects.create(
            event=event, profile=host, party_size=1, status="waiting"
        )
        make_idea(idea_index, title=f"Idea {number}", tags=["outdoors"])
    with django_assert_max_num_queries(40):
        page = _page(client)
    assert page.count("unread message") == 3
    assert page.count("Meeting agreed") == 3
    assert page.count("suggests meeting") == 3


def test_home_reads_the_same_number_of_queries_for_one_match_or_three(
    login, home_page, idea_index
):
    """The pairs' ideas, conversations and other members are read for all
    matches together, never once per match."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    host = make_member(role="host", display_name="Hanne Host", capacity=3)
    client = login(host)
    for number in range(3):
        make_idea(idea_index, title=f"Idea {number}", tags=["outdoors"])

    def queries_with_matches(count):
        while Match.objects.filter(host=host).count() < count:
            newcomer = make_member(
                role="newcomer", interests=["outdoors", "cooking", "music"]
            )
            make_message(make_match(newcomer, host), newcomer)
        with CaptureQueriesContext(connection) as queries:
            page = _page(client)
        assert page.count("unread message") == count
        return len(queries)

    queries_with_matches(1)  # fills the caches (site, municipalities)
    assert queries_with_matches(1) == queries_with_matches(3)


def test_home_reads_in_a_bounded_number_of_queries_when_looking(
    login, home_page, newcomer, django_assert_max_num_queries
):
    from tests.factories import make_request

    for number in range(5):
        make_member(role="host", display_name=f"Host {number}", capacity=1)
    for _number in range(3):
        make_request(make_member(role="host", capacity=1), newcomer)
    client = login(newcomer)
    with django_assert_max_num_queries(25):
        _page(client)


def test_a_matched_member_sees_the_next_meeting_or_a_suggestion_to_answer(
    login, home_page, matched_pair
):
    from community.services.meetings import meeting_accept, meeting_propose

    host, newcomer, match = matched_pair
    suggest_url = reverse("community:meeting_new", args=[match.pk])
    page = _page(login(newcomer))
    assert "No meeting agreed yet." in page
    assert f'href="{suggest_url}?next=home"' in page

    meeting = meeting_propose(
        match=match,
        by=host,
        starts_at=timezone.now() + timedelta(days=4),
        place="Aarhus Ø, by the water",
    )
    page = _page(login(newcomer))
    assert "Hanne Host suggests meeting" in page
    accept = reverse("community:meeting_accept", args=[meeting.pk])
    assert f'action="{accept}"' in page
    assert '<input type="hidden" name="next" value="home">' in page
    assert "Aarhus Ø, by the water" in page
    # The one who suggested it waits.
    assert "Waiting for Nadia Newcomer's answer." in _page(login(host))

    meeting_accept(meeting=meeting, by=newcomer)
    for member in (host, newcomer):
        page = _page(login(member))
        assert "Meeting agreed" in page
        assert f'action="{accept}"' not in page
        assert "No meeting agreed yet." not in page
