"""A member's profile page: who may see it, what it shows and what it never shows."""

import re

import pytest
from django.urls import reverse

from community.models import Block
from tests.factories import PartnerOrganisationFactory, make_match, make_member

pytestmark = pytest.mark.django_db


def detail(profile) -> str:
    return reverse("community:profile_detail", args=[profile.pk])


@pytest.fixture
def me(db):
    return make_member(
        role="newcomer",
        display_name="Viewer Newcomer",
        languages={"en": "fluent", "de": "native"},
        interests=["Hiking", "Cooking", "Sailing"],
    )


@pytest.fixture
def hanne(db):
    return make_member(
        role="host",
        display_name="Hanne Host",
        email="hanne.private@example.org",
        about="We live by the harbour.\nWe love long walks.",
        languages={"en": "fluent", "da": "native"},
        interests=["Hiking", "Cooking", "Board games"],
        professions=["Engineering"],
        hopes=["Friendship"],
        capacity=2,
        time_per_month="1-2",
        age_group=3,
        household="couple",
        employer="Vestas",
        show_employer=True,
    )


@pytest.fixture
def browser(login, me):
    return login(me)


def test_signed_out_visitor_is_sent_to_login_without_member_data(client, hanne):
    response = client.get(detail(hanne))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "Hanne" not in response.content.decode()


def test_profile_shows_about_languages_interests_professions_hopes(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    assert "We live by the harbour." in html
    assert "English" in html and "Fluent" in html
    assert "Danish" in html and "Native" in html
    assert "Board games" in html
    assert "Engineering" in html
    assert "Friendship" in html


def test_shared_interests_are_highlighted_in_sight_and_in_words(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    shared = (
        '<li class="tag tag--shared">Hiking'
        '<span class="visually-hidden"> (you share this)</span></li>'
    )
    assert shared in html
    assert '<li class="tag">Board games</li>' in html
    assert "You both like Cooking and Hiking" in html
    assert "You both speak English" in html


def test_host_expectations_show_time_and_free_places(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    assert "1–2 meetings a month" in html
    assert "Can host 2 more newcomers" in html


def test_full_host_says_so(browser, me, hanne):
    make_match(me, hanne)
    make_match(make_member(role="newcomer"), hanne)

    html = browser.get(detail(hanne)).content.decode()

    assert "No free place right now" in html


def test_newcomer_shows_when_they_arrived(login, hanne):
    nadia = make_member(role="newcomer", display_name="Nadia")
    nadia.arrival_date = nadia.arrival_date.replace(year=2025, month=3, day=15)
    nadia.save()

    html = login(hanne).get(detail(nadia)).content.decode()

    assert "Arrived March 2025" in html


def test_age_household_and_employer_are_shown_when_allowed(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    assert "40–49" in html
    assert "Couple" in html
    assert "Vestas" in html


def test_age_household_employer_and_photo_stay_hidden_when_chosen(browser):
    private = make_member(
        role="host",
        display_name="Private Host",
        age_group=5,
        household="family",
        children_0_5=True,
        employer="Secret Corp",
        photo="profile-photos/9/face.jpg",
        show_age_group=False,
        show_household=False,
        show_employer=False,
        show_photo=False,
        partner_organisation=PartnerOrganisationFactory(name="Hidden Partner"),
    )

    html = browser.get(detail(private)).content.decode()

    assert "60–69" not in html
    assert "Family with children" not in html
    assert "children aged" not in html
    assert "Secret Corp" not in html
    assert "Hidden Partner" not in html
    assert "face.jpg" not in html


def test_photo_is_shown_when_allowed(browser):
    member = make_member(role="host", photo="profile-photos/9/smile.jpg")

    assert "smile.jpg" in browser.get(detail(member)).content.decode()


def test_email_address_is_never_shown(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    assert "hanne.private" not in html
    assert hanne.user.username not in html


def test_the_ask_to_match_button_is_on_the_page(browser, hanne):
    html = browser.get(detail(hanne)).content.decode()

    assert "Ask to match" in html
    assert reverse("community:request_create", args=[hanne.pk]) in html


def test_my_own_profile_is_a_preview_without_actions(login, me):
    html = login(me).get(detail(me)).content.decode()

    assert "This is how other members see your profile." in html
    assert "Ask to match" not in html


def test_my_own_profile_is_visible_while_paused(login, me):
    me.is_available = False
    me.save()

    assert login(me).get(detail(me)).status_code == 200


# --- Never found -------------------------------------------------------------------


def _hidden_member(kind: str, me):
    if kind == "missing":
        return type("Missing", (), {"pk": 999_999})()
    fields = {
        "deleted": {"is_deleted": True},
        "paused": {"is_available": False},
        "incomplete": {"interests": ["Hiking"]},
        "no role": {"role": ""},
    }.get(kind, {})
    other = make_member(role=fields.pop("role", "host"), **fields)
    if kind == "blocked by me":
        Block.objects.create(blocker=me, blocked=other)
    elif kind == "blocked me":
        Block.objects.create(blocker=other, blocked=me)
    elif kind == "inactive account":
        other.user.is_active = False
        other.user.save()
    return other


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "deleted",
        "paused",
        "incomplete",
        "no role",
        "blocked by me",
        "blocked me",
        "inactive account",
    ],
)
def test_hidden_members_are_not_found_and_the_reason_is_not_told(browser, me, kind):
    other = _hidden_member(kind, me)

    response = browser.get(detail(other))

    assert response.status_code == 404
    not_found = browser.get(detail(_hidden_member("missing", me)))
    assert _without_csrf(response) == _without_csrf(not_found)


def _without_csrf(response) -> str:
    """The page without the per-response CSRF token of the log-out form and the
    address itself (the language switcher returns to it)."""
    html = re.sub(r'value="[^"]{32,}"', "", response.content.decode())
    return re.sub(r"/members/\d+/", "/members/N/", html)


def test_a_paused_member_i_am_matched_with_stays_visible(browser, me, hanne):
    make_match(me, hanne)
    hanne.is_available = False
    hanne.save()

    assert browser.get(detail(hanne)).status_code == 200


def test_html_in_every_profile_field_is_escaped(browser):
    script = "<script>alert(1)</script>"
    member = make_member(
        role="host",
        display_name=script,
        about=script,
        expectations=script,
        employer=script,
        show_employer=True,
        interests=[script, "Chess", "Yoga"],
        professions=[script + " job"],
        hopes=[script + " hope"],
    )

    html = browser.get(detail(member)).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
