"""The member directory and the suggestions: who is listed, in which order, and
what each card shows. The viewer is a newcomer in Aarhus who speaks English."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Block, Profile
from tests.factories import make_match, make_member, make_request

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("community:directory")
SUGGESTED = reverse("community:suggested")


def listed(response) -> list[str]:
    """The names on the member cards, in order."""
    assert response.status_code == 200
    return re.findall(
        r'class="card__link" href="/members/\d+/">([^<]*)</a>', response.text
    )


@pytest.fixture
def me(db):
    return make_member(
        role="newcomer",
        display_name="Viewer Newcomer",
        municipality="Aarhus",
        languages={"en": "fluent", "da": "learning"},
        interests=["Hiking", "Cooking", "Sailing"],
        household="family",
        children_6_12=True,
    )


@pytest.fixture
def browse(login, me):
    client = login(me)

    def get(url=DIRECTORY, params=None):
        return client.get(url, params or {})

    return get


def host(name, **kw):
    kw.setdefault("languages", {"en": "fluent"})
    return make_member(role="host", display_name=name, **kw)


# --- Who is listed ----------------------------------------------------------------


def test_signed_out_visitor_is_sent_to_login_and_sees_no_member(client):
    host("Hidden From Strangers")
    for url in (DIRECTORY, SUGGESTED):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        assert "Hidden From Strangers" not in response.content.decode()


def test_newcomer_sees_hosts_by_default(browse):
    host("Hanne Host")
    make_member(role="newcomer", display_name="Other Newcomer")

    assert listed(browse()) == ["Hanne Host"]


def test_host_sees_newcomers_by_default(login):
    viewer = host("Viewer Host")
    host("Other Host")
    make_member(role="newcomer", display_name="Nadia Newcomer")

    assert listed(login(viewer).get(DIRECTORY)) == ["Nadia Newcomer"]


def test_everyone_shows_both_roles_and_my_own_role_can_be_chosen(browse):
    host("Hanne Host")
    make_member(role="newcomer", display_name="Other Newcomer")

    assert sorted(listed(browse(params={"role": "all"}))) == [
        "Hanne Host",
        "Other Newcomer",
    ]
    assert listed(browse(params={"role": "newcomer"})) == ["Other Newcomer"]


def test_members_i_share_no_spoken_language_with_are_not_candidates(browse):
    host("Speaks English")
    host("Speaks German Only", languages={"de": "native"})
    host("Learns English", languages={"de": "native", "en": "learning"})

    assert listed(browse()) == ["Speaks English"]
    assert listed(browse(SUGGESTED)) == ["Speaks English"]


@pytest.mark.parametrize(
    "hidden",
    ["paused", "deleted", "inactive account", "few interests", "no municipality"],
)
def test_paused_deleted_and_incomplete_members_never_appear(browse, hidden):
    host("Visible Host")
    fields = {
        "paused": {"is_available": False},
        "deleted": {"is_deleted": True},
        "few interests": {"interests": ["Hiking", "Cooking"]},
        "no municipality": {"municipality": None},
    }.get(hidden, {})
    other = host("Hidden Host", **fields)
    if hidden == "inactive account":
        other.user.is_active = False
        other.user.save()

    for url in (DIRECTORY, SUGGESTED):
        for params in ({}, {"role": "all"}, {"q": "Hidden"}, {"sort": "newest"}):
            assert "Hidden Host" not in browse(url, params).text


@pytest.mark.parametrize("direction", ["I blocked them", "they blocked me"])
def test_blocked_members_never_appear_either_way(browse, me, direction):
    host("Visible Host")
    other = host("Blocked Host")
    if direction == "I blocked them":
        Block.objects.create(blocker=me, blocked=other)
    else:
        Block.objects.create(blocker=other, blocked=me)

    for url in (DIRECTORY, SUGGESTED):
        for params in ({}, {"role": "all"}, {"q": "Blocked"}):
            html = browse(url, params).text
            assert "Blocked Host" not in html
    assert listed(browse()) == ["Visible Host"]


def test_i_am_never_listed_myself(browse):
    assert "Viewer Newcomer" not in listed(browse(params={"role": "all"}))


# --- Each filter narrows ---------------------------------------------------------


def test_language_filter_keeps_members_who_speak_any_chosen_language(browse):
    host("English Only")
    host("Also German", languages={"en": "fluent", "de": "native"})
    host("Also French", languages={"en": "fluent", "fr": "conversational"})
    host("Learns German", languages={"en": "fluent", "de": "learning"})

    names = listed(browse(params={"languages": ["de", "fr"]}))

    assert sorted(names) == ["Also French", "Also German"]


def test_interest_filter_keeps_members_who_like_any_chosen_interest(browse):
    host("Sailor", interests=["Sailing", "Baking", "Chess"])
    host("Baker", interests=["Baking", "Chess", "Yoga"])
    host("Runner", interests=["Running", "Chess", "Yoga"])

    names = listed(browse(params={"interests": ["sailing", "baking"]}))

    assert sorted(names) == ["Baker", "Sailor"]
    assert listed(browse(params={"interests": "sailing"})) == ["Sailor"]


def test_profession_filter(browse):
    host("Engineer", professions=["Engineering"])
    host("Teacher", professions=["Education"])

    assert listed(browse(params={"profession": "engineering"})) == ["Engineer"]


def test_municipality_and_region_filters(browse):
    host("In Aarhus", municipality="Aarhus")
    host("In Odense", municipality="Odense")
    host("In Copenhagen", municipality="København")

    assert listed(browse(params={"municipality": "461"})) == ["In Odense"]
    assert listed(browse(params={"region": "hovedstaden"})) == ["In Copenhagen"]


def test_radius_around_the_chosen_municipality(browse):
    host("In Aarhus", municipality="Aarhus")
    host("In Skanderborg", municipality="Skanderborg")  # about 20 km away
    host("In Copenhagen", municipality="København")  # about 155 km away

    assert listed(browse(params={"municipality": "751"})) == ["In Aarhus"]
    near = listed(browse(params={"municipality": "751", "radius": "25"}))
    assert sorted(near) == ["In Aarhus", "In Skanderborg"]
    wide = listed(browse(params={"municipality": "751", "radius": "100"}))
    assert sorted(wide) == ["In Aarhus", "In Skanderborg"]


def test_radius_without_a_municipality_is_measured_from_where_i_live(browse):
    host("In Skanderborg", municipality="Skanderborg")
    host("In Copenhagen", municipality="København")

    assert listed(browse(params={"radius": "25"})) == ["In Skanderborg"]


def test_age_group_filter_leaves_out_members_who_hide_their_age(browse):
    host("Thirties", age_group=2)
    host("Fifties", age_group=4)
    host("Hidden Thirties", age_group=2, show_age_group=False)

    assert listed(browse(params={"age_group": ["2", "3"]})) == ["Thirties"]


def test_household_and_children_filters(browse):
    host("Family", household="family", children_0_5=True)
    host("Couple", household="couple")
    host("Private Family", household="family", children_0_5=True, show_household=False)

    assert listed(browse(params={"household": "couple"})) == ["Couple"]
    assert listed(browse(params={"has_children": "on"})) == ["Family"]


def test_free_places_filter_keeps_hosts_with_room(browse, me):
    host("Has Room", capacity=2)
    full = host("Full Host", capacity=1)
    other = make_member(role="newcomer", languages={"en": "fluent"})
    make_match(other, full)

    assert listed(browse(params={"free_places": "on"})) == ["Has Room"]


def test_free_text_finds_by_interest_profession_name_and_about(browse):
    host("Anna", interests=["Birdwatching", "Chess", "Yoga"])
    host("Bo", professions=["Marine biology"])
    host("Carla Sørensen")
    host("Dorte", about="We love our allotment garden.")

    assert listed(browse(params={"q": "birdwatch"})) == ["Anna"]
    assert listed(browse(params={"q": "MARINE"})) == ["Bo"]
    assert listed(browse(params={"q": "sørensen"})) == ["Carla Sørensen"]
    assert listed(browse(params={"q": "  allotment  "})) == ["Dorte"]
    assert listed(browse(params={"q": "chess yoga"})) == ["Anna"]


def test_filters_combine(browse):
    host("Sailor In Aarhus", interests=["Sailing", "Chess", "Yoga"])
    host("Sailor In Odense", municipality="Odense", interests=["Sailing", "A", "B"])
    host("Chess In Aarhus", interests=["Chess", "Yoga", "Golf"])

    names = listed(browse(params={"interests": "sailing", "municipality": "751"}))

    assert names == ["Sailor In Aarhus"]


# --- Order ------------------------------------------------------------------------


def test_best_match_comes_first_by_default(browse):
    host("Little In Common", municipality="Aalborg", interests=["A", "B", "C"])
    host(
        "Much In Common",
        municipality="Aarhus",
        interests=["Hiking", "Cooking", "Sailing"],
        household="family",
        children_6_12=True,
    )

    assert listed(browse()) == ["Much In Common", "Little In Common"]


def test_sort_by_newest_and_recently_active(browse):
    old = host("Old But Active")
    new = host("New But Quiet")
    now = timezone.now()
    Profile.objects.filter(pk=old.pk).update(
        created_at=now - timedelta(days=300), last_active_at=now
    )
    Profile.objects.filter(pk=new.pk).update(
        created_at=now - timedelta(days=1), last_active_at=now - timedelta(days=60)
    )
    never = host("Never Active")
    Profile.objects.filter(pk=never.pk).update(
        created_at=now - timedelta(days=500), last_active_at=None
    )

    assert listed(browse(params={"sort": "newest"})) == [
        "New But Quiet",
        "Old But Active",
        "Never Active",
    ]
    assert listed(browse(params={"sort": "active"})) == [
        "Old But Active",
        "New But Quiet",
        "Never Active",
    ]


def test_twenty_members_a_page_and_the_count_of_all(browse):
    for number in range(23):
        host(f"Host {number:02d}")

    first = browse()
    second = browse(params={"page": "2"})

    assert len(listed(first)) == 20
    assert len(listed(second)) == 3
    assert "23 members" in first.text
    assert "Page 1 of 2" in first.text
    assert not set(listed(first)) & set(listed(second))


def test_past_the_counting_bound_the_count_says_more_and_every_page_is_reached(
    browse, monkeypatch
):
    from community.selectors import members

    monkeypatch.setattr(members, "DIRECTORY_COUNT_BOUND", 5)
    for number in range(23):
        host(f"Host {number:02d}")

    first = browse()
    second = browse(params={"page": "2"})

    # Page 1 counts to 20 (its own end) and finds more: no total, but a next page.
    assert "More than 20 members" in first.text
    assert "Page 1</" in re.sub(r"\s+</", "</", first.text)
    assert "page=2" in first.text
    # Asking for page 2 counts further, so its end is known exactly.
    assert "23 members" in second.text
    assert "Page 2 of 2" in second.text
    assert len(listed(first)) == 20
    assert len(listed(second)) == 3
    assert not set(listed(first)) & set(listed(second))


def test_the_filter_form_keeps_what_i_chose_in_pagination_links(browse):
    for number in range(21):
        host(f"Sailor {number:02d}", interests=["Sailing", "Chess", "Yoga"])

    html = browse(params={"interests": "sailing", "sort": "newest"}).text

    assert "interests=sailing&amp;sort=newest&amp;page=2" in html


# --- What the cards show --------------------------------------------------------


def test_card_shows_place_score_and_reasons_in_words(browse):
    host(
        "Hanne Host",
        municipality="Aarhus",
        interests=["Hiking", "Cooking", "Chess"],
        household="family",
        children_6_12=True,
    )

    html = browse().text

    assert "Aarhus, Central Denmark Region" in html
    assert " of 100 points" in html
    assert "You both speak English" in html
    assert "You both like Cooking and Hiking" in html


def test_cards_show_age_household_and_photo_only_when_the_member_allows(browse):
    host(
        "Open Host",
        age_group=3,
        household="couple",
        photo="profile-photos/1/open.jpg",
    )
    host(
        "Private Host",
        age_group=5,
        household="single",
        photo="profile-photos/2/private.jpg",
        show_age_group=False,
        show_household=False,
        show_photo=False,
    )

    html = browse().text

    assert "<li>Aged 40–49</li>" in html
    assert "<li>Couple</li>" in html
    assert "open.jpg" in html
    assert "Aged 60–69" not in html
    assert "<li>Single</li>" not in html
    assert "private.jpg" not in html


def test_cards_never_show_contact_details(browse):
    host("Hanne Host", email="hanne.secret@example.org")

    html = browse().text
    assert "hanne.secret" not in html
    html = browse(SUGGESTED).text
    assert "hanne.secret" not in html


# --- Suggestions --------------------------------------------------------------------


def test_suggestions_are_my_best_matches_of_the_other_role(browse):
    host("Good Match", interests=["Hiking", "Cooking", "Sailing"])
    host("Fair Match", interests=["Golf", "Chess", "Cooking"])
    make_member(role="newcomer", display_name="Another Newcomer")

    response = browse(SUGGESTED)

    assert listed(response) == ["Good Match", "Fair Match"]
    assert "You both like Cooking, Hiking and Sailing" in response.text


def test_suggestions_leave_out_paused_matched_and_pending_members(browse, me):
    host("Free Host", capacity=2)
    host("Paused Host", is_available=False)
    asked = host("Asked Host", capacity=2)
    asking = host("Asking Host", capacity=2)
    matched = host("Matched Host", capacity=2)
    make_request(me, asked)
    make_request(asking, me)
    make_match(me, matched)

    assert listed(browse(SUGGESTED)) == ["Free Host"]


def test_no_suggestions_says_what_helps(browse):
    html = browse(SUGGESTED).text

    assert "No suggestions right now." in html
