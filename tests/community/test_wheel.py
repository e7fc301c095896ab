"""The conversation wheel: the drawing's geometry, saving it, bad input, and
seeing both wheels on the match page (only there)."""

import pytest
from django.urls import reverse

from community.models import LifeArea, WheelArea
from community.selectors.pairs import wheel_answers
from community.services.errors import RuleBroken
from community.services.wheel import wheel_save
from community.wheel import wheel_is_filled, wheel_slices
from tests.factories import make_match, make_member

pytestmark = pytest.mark.django_db


def test_every_area_is_an_equal_slice_reaching_as_far_as_it_matters():
    slices = wheel_slices({"family": (3, "Kids"), "work": (1, ""), "food": (0, "")})
    assert [s.area for s in slices] == [area.value for area in LifeArea]
    family, work = slices[0], slices[1]
    assert family.filled == family.outline  # matters most: the full slice
    assert work.filled and work.filled != work.outline
    assert all(s.filled == "" for s in slices[2:])  # 0 or not answered
    assert family.anchor == "start" and slices[-1].anchor == "end"
    assert not wheel_is_filled({"food": (0, "")})
    assert wheel_is_filled({"food": (2, "")})


def test_out_of_range_answers_are_clamped_in_the_drawing():
    (first, *_rest) = wheel_slices({"family": (9, "")})
    assert first.importance == 3


def url(name, *args):
    return reverse(f"community:{name}", args=args)


def form_data(**answers):
    data = {}
    for area in LifeArea:
        importance, note = answers.get(area.value, (0, ""))
        data[f"{area.value}_importance"] = str(importance)
        data[f"{area.value}_note"] = note
    return data


def test_a_member_fills_in_the_wheel(newcomer, login):
    client = login(newcomer)
    assert client.get(url("wheel")).status_code == 200
    response = client.post(
        url("wheel"),
        form_data(family=(3, "Two kids, 4 and 7"), language=(2, "Danish class")),
    )
    assert response.status_code == 302
    assert wheel_answers(profile_id=newcomer.pk)["family"] == (3, "Two kids, 4 and 7")
    page = client.get(url("wheel")).content.decode()
    assert 'role="img"' in page and "Family: matters most" in page
    # Saving again updates, never duplicates.
    client.post(url("wheel"), form_data(family=(1, "")))
    assert WheelArea.objects.filter(profile=newcomer, area="family").count() == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"family_importance": "7"}, "Select a valid choice"),
        ({"work_importance": "two"}, "Select a valid choice"),
        ({"food_note": "x" * 141}, "at most 140 characters"),
    ],
)
def test_bad_answers_get_a_message_and_change_nothing(newcomer, login, change, words):
    response = login(newcomer).post(url("wheel"), {**form_data(), **change})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not WheelArea.objects.exists()


def test_the_service_refuses_unknown_areas_and_importances(newcomer):
    for answers in ({"religion": (1, "")}, {"family": (4, "")}):
        with pytest.raises(RuleBroken):
            wheel_save(profile=newcomer, answers=answers)
    assert not WheelArea.objects.exists()


def test_matched_members_see_both_wheels_escaped(newcomer, host, login):
    match = make_match(newcomer, host)
    wheel_save(profile=host, answers={"food": (3, "<b>Smørrebrød</b> Sundays")})
    html = login(newcomer).get(url("match_detail", match.pk)).content.decode()
    assert "You have not filled in your wheel yet." in html
    assert "&lt;b&gt;Smørrebrød&lt;/b&gt; Sundays" in html
    assert "<b>Smørrebrød" not in html
    # Nobody else: the match page is the only place a wheel is shown to others.
    stranger = login(make_member(role="newcomer"))
    assert stranger.get(url("match_detail", match.pk)).status_code == 404
    assert (
        "Smørrebrød"
        not in stranger.get(url("profile_detail", host.pk)).content.decode()
    )
