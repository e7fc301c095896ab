"""The step-by-step set-up, the edit page, the gate in front of other members'
profiles, and bad input in every profile field."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from community.models import InterestTag, LanguageTag, Profile
from community.permissions import member_required
from community.services.profiles import profile_get_or_create_for
from tests.factories import _member_municipality, make_account

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
STEP_1 = {
    "role": "newcomer",
    "display_name": "Lucía",
    "age_group": "2",
    "household": "family",
    "children_0_5": "on",
}


def _languages(*rows):
    data = {
        "languages-TOTAL_FORMS": str(max(3, len(rows))),
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "8",
    }
    for index, (code, level) in enumerate(rows):
        data[f"languages-{index}-language"] = code
        data[f"languages-{index}-level"] = level
    return data


def _step_2(municipality, *rows):
    return {
        "municipality": str(municipality.pk),
        **_languages(*(rows or [("en", "fluent")])),
    }


def _interest_ids(*names):
    from community.services.tags import tag_get_or_create

    return [str(tag_get_or_create(InterestTag, name=n, curated=True).pk) for n in names]


STEP_4_NEWCOMER = {
    "arrival_date": "2026-09-01",
    "expectations": "Someone to show us the city.",
    "about": "We moved from Madrid for my job.",
    "employer": "",
    "show_age_group": "on",
    "is_available": "on",
}


@pytest.fixture
def aarhus(db):
    return _member_municipality("Aarhus")


@pytest.fixture
def member_client(client, home_page):
    user = make_account()
    client.force_login(user)
    client.user = user
    return client


def _step(client, number, data, **extra):
    return client.post(
        reverse("community:profile_setup_step", args=[number]), data, **extra
    )


def test_each_set_up_step_saves_and_moves_on_then_suggestions(member_client, aarhus):
    client = member_client
    response = client.get(reverse("community:profile_setup"))
    assert response.url == reverse("community:profile_setup_step", args=[1])
    page = client.get(response.url)
    assert "Step 1 of 4" in page.text

    assert _step(client, 1, STEP_1).url == reverse(
        "community:profile_setup_step", args=[2]
    )
    profile = Profile.objects.get(user=client.user)
    assert (profile.role, profile.display_name, profile.household) == (
        "newcomer",
        "Lucía",
        "family",
    )
    assert profile.children_0_5 and not profile.children_6_12

    response = _step(client, 2, _step_2(aarhus, ("es", "native"), ("da", "learning")))
    assert response.url == reverse("community:profile_setup_step", args=[3])
    profile.refresh_from_db()
    assert profile.municipality == aarhus
    assert dict(profile.language_items.values_list("tag__code", "level")) == {
        "es": "native",
        "da": "learning",
    }
    assert LanguageTag.objects.get(code="es").name == "Spanish"
    assert profile.spoken_mask and profile.learning_mask

    data = {
        "interests": _interest_ids("Cooking", "Hiking"),
        "more_interests": "Jazz, jazz , ",
    }
    response = _step(client, 3, data)
    assert response.url == reverse("community:profile_setup_step", args=[4])
    assert sorted(profile.interest_items.values_list("tag__name", flat=True)) == [
        "Cooking",
        "Hiking",
        "Jazz",
    ]
    profile.refresh_from_db()
    assert profile.interest_mask != 0

    page = client.get(reverse("community:profile_setup_step", args=[4]))
    assert "Step 4 of 4" in page.text
    assert 'name="arrival_date"' in page.text
    assert 'name="capacity"' not in page.text  # hosts only

    response = _step(client, 4, STEP_4_NEWCOMER, follow=True)
    assert response.redirect_chain[0][0] == reverse("community:suggested")
    assert any("Your profile is ready" in str(m) for m in response.context["messages"])
    profile.refresh_from_db()
    assert str(profile.arrival_date) == "2026-09-01"
    assert profile.is_complete and profile.is_listed


def test_an_invalid_step_keeps_what_was_typed(member_client):
    response = _step(member_client, 1, {**STEP_1, "role": ""})
    assert response.status_code == 200
    assert 'value="Lucía"' in response.text
    assert not Profile.objects.get(user=member_client.user).role


def test_host_step_asks_for_time_and_capacity(member_client):
    _step(member_client, 1, {**STEP_1, "role": "host"})
    response = _step(member_client, 4, {"capacity": "5", "about": ""})
    assert response.status_code == 200
    form = response.context["forms"]["give"]
    assert "time_per_month" in form.errors
    assert "capacity" in form.errors


@pytest.mark.parametrize(
    "about",
    ["Call me: +45 12 34 56 78", "Write to me@example.dk", "Ring 12345678"],
)
def test_about_me_refuses_phone_numbers_and_email_addresses(member_client, about):
    """As its help text says: contact details stay out of the profile; what was
    typed stays in the form, and nothing is saved."""
    _step(member_client, 1, {**STEP_1, "role": "newcomer"})
    response = _step(member_client, 4, {**STEP_4_NEWCOMER, "about": about})
    assert response.status_code == 200
    assert "Please leave out phone numbers and e-mail addresses" in response.text
    assert Profile.objects.get(user=member_client.user).about == ""


def test_about_me_may_name_years_and_ages(member_client):
    about = "We lived in Madrid 2010-2020; the children are 4, 7 and 12."
    _step(member_client, 1, {**STEP_1, "role": "newcomer"})
    _step(member_client, 4, {**STEP_4_NEWCOMER, "about": about})
    assert Profile.objects.get(user=member_client.user).about == about


def test_language_rows_refuse_duplicates_and_unknown_codes(member_client, aarhus):
    response = _step(
        member_client, 2, _step_2(aarhus, ("en", "fluent"), ("en", "learning"))
    )
    assert "same language twice" in response.text
    response = _step(member_client, 2, _step_2(aarhus, ("xx'; DROP", "fluent")))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    response = _step(member_client, 2, {"municipality": str(aarhus.pk), **_languages()})
    assert "at least one language" in response.text


def test_interests_need_three_and_at_most_twenty(member_client):
    response = _step(member_client, 3, {"more_interests": "Chess, Chess"})
    assert "at least three interests" in response.text
    many = ", ".join(f"Hobby {n}" for n in range(21))
    response = _step(member_client, 3, {"more_interests": many})
    assert "20 interests at most" in response.text
    assert not InterestTag.objects.filter(name="Hobby 1").exists()


def test_home_sends_a_profile_not_begun_to_the_set_up_and_shows_a_complete_one(
    client, home_page, newcomer
):
    user = make_account()
    client.force_login(user)
    assert client.get(reverse("community:home")).url == reverse(
        "community:profile_setup"
    )
    client.force_login(newcomer.user)
    response = client.get(reverse("community:home"))
    assert response.status_code == 200
    assert "Ask someone to match" in response.text


def _request_through_middleware(user):
    request = RequestFactory().get("/members/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user
    return request


def test_member_required_redirects_an_incomplete_profile_saying_what_is_missing(
    home_page,
):
    seen = []

    @member_required
    def view(request):
        seen.append(request.profile)
        return HttpResponse("members")

    user = make_account()
    request = _request_through_middleware(user)
    response = view(request)

    assert response.status_code == 302
    assert response.url == reverse("community:profile_setup")
    (message,) = [str(m) for m in get_messages(request)]
    for missing in (
        "your role",
        "your municipality",
        "at least one language",
        "at least three interests",
    ):
        assert missing in message
    assert not seen


def test_member_required_lets_a_complete_member_in_with_their_profile(
    home_page, newcomer
):
    @member_required
    def view(request):
        return HttpResponse(request.profile.display_name)

    response = view(_request_through_middleware(newcomer.user))
    assert response.content == b"Nadia Newcomer"


def test_member_required_sends_visitors_to_log_in(home_page):
    from django.contrib.auth.models import AnonymousUser

    @member_required
    def view(request):
        return HttpResponse("members")

    response = view(_request_through_middleware(AnonymousUser()))
    assert response.url.startswith(reverse("account_login") + "?next=/members/")


@pytest.mark.parametrize(
    "url",
    [
        "/me/",
        "/me/setup/",
        "/me/setup/2/",
        "/me/profile/",
        "/me/expectations/",
        "/me/data.json",
        "/me/delete/",
    ],
)
def test_signed_out_visitors_are_sent_to_log_in_from_every_me_page(
    client, home_page, url
):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_a_user_without_a_profile_gets_one_lazily(home_page):
    user = make_account()
    assert not Profile.objects.filter(user=user).exists()
    profile = profile_get_or_create_for(user)
    assert profile.user == user and profile_get_or_create_for(user).pk == profile.pk


def test_edit_page_saves_all_parts_at_once(client, home_page, newcomer, aarhus):
    client.force_login(newcomer.user)
    page = client.get(reverse("community:profile_edit"))
    assert page.status_code == 200
    data = {
        **STEP_1,
        **_step_2(aarhus, ("en", "native"), ("de", "conversational")),
        "interests": _interest_ids("Cooking", "Hiking", "Board games"),
        "more_interests": "",
        **STEP_4_NEWCOMER,
        "about": "Updated about me.",
    }
    response = client.post(reverse("community:profile_edit"), data)
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.about == "Updated about me."
    assert newcomer.display_name == "Lucía"
    assert dict(newcomer.language_items.values_list("tag__code", "level")) == {
        "en": "native",
        "de": "conversational",
    }


# --- Bad input: never a 500, never unescaped ------------------------------------

LONG = "x" * 10_000


@pytest.mark.parametrize(
    ("step", "field", "data"),
    [
        (1, "display_name", STEP_1),
        (3, "more_interests", {"interests": []}),
        (4, "about", STEP_4_NEWCOMER),
        (4, "employer", STEP_4_NEWCOMER),
        (4, "expectations", STEP_4_NEWCOMER),
    ],
)
def test_ten_thousand_characters_in_a_text_field_is_a_form_error(
    member_client, step, field, data
):
    _step(member_client, 1, STEP_1)
    response = _step(member_client, step, {**data, field: LONG})
    assert response.status_code == 200
    assert 'class="errorlist' in response.text


def test_ten_thousand_characters_in_a_choice_field_is_a_form_error(
    member_client, aarhus
):
    response = _step(member_client, 2, _step_2(aarhus, (LONG, "fluent")))
    assert response.status_code == 200
    response = _step(member_client, 2, {"municipality": LONG, **_languages()})
    assert response.status_code == 200
    response = _step(member_client, 1, {**STEP_1, "role": LONG, "age_group": LONG})
    assert response.status_code == 200


def test_html_in_every_profile_text_field_is_stored_as_typed_and_shown_escaped(
    member_client, aarhus
):
    client = member_client
    _step(client, 1, {**STEP_1, "display_name": SCRIPT})
    _step(client, 2, _step_2(aarhus))
    _step(
        client,
        3,
        {"interests": _interest_ids("Cooking", "Hiking"), "more_interests": SCRIPT},
    )
    _step(
        client,
        4,
        {
            **STEP_4_NEWCOMER,
            "about": SCRIPT,
            "employer": SCRIPT,
            "expectations": SCRIPT,
        },
    )
    profile = Profile.objects.get(user=client.user)
    assert profile.display_name == profile.about == profile.employer == SCRIPT
    assert profile.interest_items.filter(tag__name=SCRIPT).exists()

    html = client.get(reverse("community:profile_edit")).text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_expectations_confirmation_is_stored_and_next_is_checked(
    client, home_page, newcomer
):
    newcomer.expectations_version = None
    newcomer.save()
    client.force_login(newcomer.user)
    page = client.get(reverse("community:expectations"))
    assert "A host and a newcomer meet" in page.text

    response = client.post(
        reverse("community:expectations") + "?next=https://evil.example/",
        {"confirm": "on"},
    )
    assert response.url == reverse("community:home")
    newcomer.refresh_from_db()
    assert newcomer.expectations_version == 1
    assert newcomer.expectations_confirmed_at is not None

    response = client.post(
        reverse("community:expectations"), {"confirm": "on", "next": "/members/"}
    )
    assert response.url == "/members/"


def test_expectations_must_be_ticked(client, home_page, newcomer):
    newcomer.expectations_version = None
    newcomer.save()
    client.force_login(newcomer.user)
    response = client.post(reverse("community:expectations"), {})
    assert response.status_code == 200
    assert "Please tick the box" in response.text
    newcomer.refresh_from_db()
    assert newcomer.expectations_version is None
