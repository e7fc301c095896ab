"""What members and editors type (tag names, municipality names, the reasons
built from them) is printed escaped in the member directory: its filter lists
(community/templatetags/directory_filters.py) and its cards
(community/templatetags/member_cards.py)."""

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
from community.templatetags.member_cards import member_cards
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


def test_a_member_card_escapes_every_field_it_prints():
    card = {
        "url": '/members/1/"x',
        "name": NASTY,
        "initial": "<",
        "is_host": True,
        "photo_url": "",
        "place": NASTY,
        "facts": [NASTY],
        "points": NASTY,
        "strength": NASTY,
        "distance": NASTY,
        "reasons": [NASTY],
        "languages": NASTY,
        "interests": [(NASTY, True), (NASTY, False)],
    }
    html = member_cards(
        [card, {**card, "photo_url": '/media/a"b.jpg'}], heading_level=3
    )
    assert "<script>" not in html
    assert html.count(ESCAPED) == 2 * 10  # ten fields on each card
    assert 'href="/members/1/&quot;x">' in html
    assert (
        '<span class="member-avatar member-avatar--initial member-avatar--host" '
        in html
    )
    assert 'aria-hidden="true">&lt;</span>' in html
    assert 'src="/media/a&quot;b.jpg"' in html
    assert html.count("<h3 ") == 2


def test_member_cards_print_labels_in_the_active_language():
    card = {
        "url": "/members/1/",
        "name": "Hanne",
        "initial": "H",
        "is_host": False,
        "photo_url": "",
        "place": "",
        "facts": [],
        "points": "",
        "strength": "",
        "distance": "",
        "reasons": [],
        "languages": "Dansk",
        "interests": [("Vandreture", True)],
    }
    with translation.override("da"):
        html = member_cards([card], wide=True)
    assert html.startswith('<ul class="card-grid member-grid member-grid--wide">')
    assert (
        "Nytilkommen" in html and "Taler" in html and "(det har I til fælles)" in html
    )
    assert "member-card__reasons" not in html and "member-facts" not in html
    assert "<h2 " in html
