"""What members and editors type (tag names, municipality names, the reasons
built from them) is printed escaped in the member directory: its filter lists
(community/templatetags/directory_filters.py) and its cards
(templates/components/member_cards.html)."""

import pytest
from django.urls import reverse
from django.utils import translation

from community.matching.reads import forget_municipalities
from community.models import InterestTag, Municipality, ProfessionTag
from community.services.tags import tag_get_or_create
from community.templatetags.directory_filters import (
    filter_municipality_options,
    filter_options,
    filter_tick_boxes,
)
from tests.factories import make_member

NASTY = """<script>alert("hi")</script> Tom & Jerry's"""
ESCAPED = "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; Tom &amp; Jerry&#x27;s"


def test_tick_boxes_escape_values_and_labels():
    html = filter_tick_boxes("interests", (('a"b&c', NASTY, True), ("x", "X", False)))
    assert html == (
        '<label class="filters__choice" for="id_interests_0"><input type="checkbox" '
        'name="interests" value="a&quot;b&amp;c" id="id_interests_0" checked> '
        f"{ESCAPED}</label>"
        '<label class="filters__choice" for="id_interests_1"><input type="checkbox" '
        'name="interests" value="x" id="id_interests_1"> X</label>'
    )


def test_options_escape_values_and_labels():
    html = filter_options((("", "Any", False), ("<b>", NASTY, True)))
    assert html == (
        '<option value="">Any</option>'
        f'<option value="&lt;b&gt;" selected>{ESCAPED}</option>'
    )


def test_municipality_options_escape_region_labels_and_names():
    html = filter_municipality_options(
        (("", "Anywhere", False), ((NASTY, (("101", NASTY, True),)),))
    )
    assert html == (
        '<option value="">Anywhere</option>'
        f'<optgroup label="{ESCAPED}">'
        f'<option value="101" selected>{ESCAPED}</option></optgroup>'
    )


def test_a_list_is_printed_as_chosen_each_time_and_in_each_language():
    rows = (("a", "A", False),)
    chosen = (("a", "A", True),)
    assert "selected" not in filter_options(rows)
    assert "selected" in filter_options(chosen)
    assert "selected" not in filter_options(rows)
    with translation.override("da"):
        from django.utils.translation import gettext_lazy

        danish = filter_options((("", gettext_lazy("Anywhere"), False),))
    assert filter_options((("", gettext_lazy("Anywhere"), False),)) != danish


@pytest.mark.django_db
def test_the_directory_prints_what_members_typed_escaped(login):
    tag_get_or_create(InterestTag, name=NASTY, curated=True)
    tag_get_or_create(ProfessionTag, name=NASTY)
    Municipality.objects.filter(name="Odense").update(name=NASTY)
    forget_municipalities()
    try:
        interests = [NASTY, "Hiking", "Cooking"]
        me = make_member(role="newcomer", interests=interests)
        make_member(role="host", display_name="Hanne Host", interests=interests)
        page = login(me).get(reverse("community:directory")).content.decode()
    finally:
        forget_municipalities()
    assert "<script>" not in page
    slug = "scriptalerthiscript-tom-jerrys"
    assert f'value="{slug}" id="id_interests_0"> {ESCAPED}</label>' in page
    assert f'<option value="{slug}">{ESCAPED}</option>' in page  # background
    assert f'<option value="461">{ESCAPED}</option>' in page  # municipality
    assert f"<li>You both like {ESCAPED}" in page  # a reason on Hanne's card
    assert f'<li class="tag tag--shared">{ESCAPED}<span' in page
