"""Activity ideas and events for a matched pair: the scoring in words, and what
the match page shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from community.pair_ideas import Idea, idea_fit, ideas_ranked
from tests.factories import make_event, make_idea, make_match, make_member

SAILING = Idea(1, "Try sailing at a club", frozenset({"sport", "outdoors"}), False)
MUSEUM = Idea(2, "Visit a museum", frozenset({"culture", "family"}), True)
CITIZEN = Idea(3, "Visit citizen service", frozenset({"information visit"}), False)


def fit(idea, mine=(), theirs=(), children=False):
    return idea_fit(
        idea,
        mine=set(mine),
        theirs=set(theirs),
        other_name="Hanne",
        with_children=children,
    )


def test_a_shared_interest_named_in_the_title_fits_best():
    both = fit(SAILING, mine={"sailing"}, theirs={"sailing"})
    one = fit(SAILING, mine={"sailing"})
    related = fit(SAILING, theirs={"hiking"})
    assert both.score > one.score > related.score > 0
    assert both.reasons == ["you both like sailing"]
    assert related.reasons == ["Hanne likes hiking"]


def test_children_count_only_for_ideas_that_suit_them():
    assert fit(MUSEUM, children=True).reasons == ["good with children"]
    assert fit(SAILING, children=True).score == 0


def test_ideas_with_no_reason_are_left_out_and_the_rest_ranked():
    ranked = ideas_ranked(
        [CITIZEN, MUSEUM, SAILING],
        mine={"museums"},
        theirs={"sailing", "museums"},
        other_name="Hanne",
        with_children=False,
    )
    assert [f.idea.title for f in ranked] == ["Try sailing at a club", "Visit a museum"]


@pytest.mark.django_db
def test_the_match_page_suggests_ideas_and_events_for_the_pair(
    idea_index, event_index, login
):
    host = make_member(role="host", interests=("Sailing", "Hiking", "Cooking"))
    newcomer = make_member(
        role="newcomer", interests=("Sailing", "Museums", "Baking"), household="family"
    )
    match = make_match(newcomer, host)
    make_idea(idea_index, title="Try sailing at a club", tags=["sport", "outdoors"])
    make_idea(idea_index, title="Visit citizen service", tags=["information visit"])
    make_idea(idea_index, title="Secret draft idea", tags=["sport"], publish=False)
    make_event(event_index, title="Welcome meeting", audience="everyone")
    make_event(event_index, title="Hosts' evening", audience="hosts")
    make_event(event_index, title="Family picnic", audience="families")
    make_event(
        event_index,
        title="Last year's party",
        start=timezone.now() - timedelta(days=30),
    )
    html = (
        login(newcomer)
        .get(reverse("community:match_detail", args=[match.pk]))
        .content.decode()
    )
    assert "Ideas for the two of you" in html
    assert "Try sailing at a club" in html and "you both like sailing" in html
    assert "Visit citizen service" not in html
    assert "Secret draft idea" not in html
    assert "Welcome meeting" in html and "Family picnic" in html
    assert "Hosts&#x27; evening" not in html and "Last year" not in html


@pytest.mark.django_db
def test_on_danish_pages_the_reasons_name_the_interests_in_danish(
    idea_index, event_index, login
):
    host = make_member(role="host", interests=("Sailing", "Hiking", "Cooking"))
    newcomer = make_member(role="newcomer", interests=("Sailing", "Museums", "Baking"))
    match = make_match(newcomer, host)
    make_idea(idea_index, title="Try sailing at a club", tags=["sport", "outdoors"])
    client = login(host)
    urls = {}
    for language in ("da", "en"):
        with translation.override(language):
            urls[language] = reverse("community:match_detail", args=[match.pk])
    html = client.get(urls["da"]).content.decode()
    assert "I kan begge lide sejlads" in html
    assert "du kan lide vandreture" in html.lower()
    assert "lide sailing" not in html and "lide hiking" not in html
    english = client.get(urls["en"]).content.decode()
    assert "you both like sailing" in english and "you like hiking" in english
