"""Odd directory addresses from members, bookmarks and bots: a normal page with a
sentence about what was ignored, never an error page, never a hidden member, and
every value shown back escaped."""

import re

import pytest
from django.urls import reverse

from community.models import Block, InterestTag
from tests.factories import make_member

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("community:directory")
SCRIPT = "<script>alert(1)</script>"
IGNORED = "Some filters were not understood and were ignored"


def listed(html: str) -> list[str]:
    return re.findall(r'class="card__link" href="/members/\d+/">([^<]*)</a>', html)


@pytest.fixture
def client_with_members(login):
    me = make_member(role="newcomer", display_name="Viewer", municipality="Aarhus")
    make_member(role="host", display_name="Hanne Host", municipality="Aarhus")
    make_member(role="host", display_name="Henrik Host", municipality="Odense")
    make_member(role="newcomer", display_name="Other Newcomer")
    blocked = make_member(role="host", display_name="Blocked Host")
    Block.objects.create(blocker=blocked, blocked=me)
    make_member(role="host", display_name="Paused Host", is_available=False)
    return login(me)


def _page(client, query) -> str:
    response = client.get(DIRECTORY, query)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Blocked Host" not in html
    assert "Paused Host" not in html
    return html


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"role": SCRIPT}, "Show"),
        ({"role": "admin"}, "Show"),
        ({"sort": "__class__"}, "Sort by"),
        ({"sort": "-user__password"}, "Sort by"),
        ({"sort": "user__password"}, "Sort by"),
        ({"languages": "xx"}, "Speaks any of"),
        ({"interests": "no-such-interest"}, "Likes any of"),
        ({"profession": "astronaut"}, "Professional background"),
        ({"municipality": "abc"}, "Municipality"),
        ({"municipality": "99999999999999999999999"}, "Municipality"),
        ({"municipality": "-1"}, "Municipality"),
        ({"region": "atlantis"}, "Region"),
        ({"radius": "7"}, "Distance"),
        ({"radius": "1e9"}, "Distance"),
        ({"age_group": "9"}, "Age group"),
        ({"age_group": "__all__"}, "Age group"),
        ({"household": "castle"}, "Household"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(
    client_with_members, query, label
):
    html = _page(client_with_members, query)

    assert f"{IGNORED}: {label}." in html
    # The rest of the page is the default list: the hosts.
    assert sorted(listed(html)) == ["Hanne Host", "Henrik Host"]


def test_a_bad_value_does_not_cancel_the_good_ones(client_with_members):
    html = _page(client_with_members, {"sort": "__class__", "municipality": "461"})

    assert f"{IGNORED}: Sort by." in html
    assert listed(html) == ["Henrik Host"]


def test_several_bad_values_are_named_together(client_with_members):
    html = _page(client_with_members, {"sort": "x", "role": "y", "radius": "z"})

    assert IGNORED in html
    for label in ("Show", "Sort by", "Distance"):
        assert label in html.split(IGNORED)[1].split("</li>")[0]


@pytest.mark.parametrize(
    "query",
    [
        {"ordering": "-user__password"},
        {"order_by": "user__email"},
        {"user__password__startswith": "md5"},
        {"is_available": "false"},
        {"is_deleted": "true"},
        {"csrfmiddlewaretoken": "x"},
    ],
)
def test_parameters_that_are_not_filters_change_nothing(client_with_members, query):
    html = _page(client_with_members, query)

    assert sorted(listed(html)) == ["Hanne Host", "Henrik Host"]
    assert IGNORED not in html


def test_repeated_parameters_do_not_fail(client_with_members):
    response = client_with_members.get(
        DIRECTORY + "?sort=newest&sort=active&sort=__class__&role=host&role=host"
        "&municipality=751&municipality=461&q=a&q=Hanne"
    )

    assert response.status_code == 200


def test_repeated_valid_parameters_use_one_value(client_with_members):
    html = _page(client_with_members, {"municipality": ["751", "461"]})

    assert len(listed(html)) == 1


def test_script_in_the_role_is_never_echoed_unescaped(client_with_members):
    html = _page(client_with_members, {"role": SCRIPT, "q": SCRIPT})

    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the search box value


def test_very_long_search_is_shortened_and_said_so(client_with_members):
    html = _page(client_with_members, {"q": "Hanne" + "x" * 10_000})

    assert "Your search was shortened to 100 characters." in html
    search_box = re.search(r'<input type="search" name="q" value="([^"]*)"', html)
    assert search_box.group(1) == "Hanne" + "x" * 95
    assert listed(html) == []


def test_long_search_of_spaces_and_words_is_fine(client_with_members):
    html = _page(client_with_members, {"q": " ".join(["Hanne"] * 3000)})

    assert listed(html) == ["Hanne Host"]


def test_null_characters_are_dropped(client_with_members):
    html = _page(
        client_with_members,
        {"q": "Han\x00ne", "interests": "\x00", "municipality": "75\x001"},
    )

    assert listed(html) == ["Hanne Host"]


def test_wildcards_in_the_search_are_plain_characters(client_with_members):
    assert listed(_page(client_with_members, {"q": "%"})) == []
    assert listed(_page(client_with_members, {"q": "_"})) == []


def test_very_many_values_for_one_filter_are_cut_short(client_with_members):
    html = _page(
        client_with_members, {"languages": ["en"] + [f"x{n}" for n in range(5000)]}
    )

    assert "Blocked Host" not in html


@pytest.mark.parametrize("page", ["999", "0", "-3", "abc", "1e9", "9" * 50, ""])
def test_odd_page_numbers_give_a_page_and_a_notice(client_with_members, page):
    html = _page(client_with_members, {"page": page})

    assert sorted(listed(html)) == ["Hanne Host", "Henrik Host"]
    if page:
        assert "so here is the" in html


def test_html_in_names_about_and_tags_is_escaped_on_cards(login):
    me = make_member(role="newcomer")
    make_member(
        role="host",
        display_name="<b>Bold</b> Host",
        interests=["<img src=x onerror=alert(1)>", "Chess", "Yoga"],
    )

    html = login(me).get(DIRECTORY).content.decode()

    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; Host" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_free_entry_tag_can_be_filtered_by_its_slug(login):
    me = make_member(role="newcomer")
    make_member(role="host", display_name="Odd Tag", interests=["Unicycling", "A", "B"])
    slug = InterestTag.objects.get(name="Unicycling").slug

    html = login(me).get(DIRECTORY, {"interests": slug}).content.decode()

    assert listed(html) == ["Odd Tag"]
