"""Listings must cost the same number of queries whatever the number of pages.

Each test renders a page with 3 children, then with 15, and asserts both renders
stay within one fixed budget and that the second costs no more than the first. The
children have images, so rendition look-ups are counted too. Each URL is fetched
once before measuring: the first visit creates the image renditions (inserts).
Then it is measured twice: with a warm cache (renditions found in the cache) and
with a cold one (the cache emptied, as after a restart or once entries expire).
"""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_event, make_idea, make_image, make_information_page

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 15
# The home page shows at most 3 events and 4 ideas; start above that so both
# renders show full lists and only the number of pages behind them differs.
HOME_FEW = 8

# Measured, the same for 3 and for 15 children, with a warm cache: home page 18,
# idea index 16, event index 16, search 6; with a cold one: 26, 24, 25, 13. With
# content in two languages, Wagtail looks up the active language on every page
# and, when its cache is cold, the home page's translations; the cold frame
# looks up the home page in the page's language for the menu, and the language
# link the page's translations and translated ancestors (in one query). The
# headroom leaves room for one prefetch query per listing (e.g.
# prefetch_renditions), not for one per child.
HOME_PAGE_BUDGET = 27
IDEA_INDEX_BUDGET = 25
EVENT_INDEX_BUDGET = 26
SEARCH_BUDGET = 15  # each page once, in the reader's language: the locale


CACHE_STATES = ("warm cache", "cold cache")


@pytest.fixture(autouse=True)
def _without_the_page_cache(settings):
    """What drawing a page costs (every signed-in visit, and an anonymous one
    after a change): the anonymous page cache (cms_pages/page_cache.py) would
    answer these visits without a query."""
    settings.VELKOMST_PAGE_CACHE_SECONDS = 0


def _get(client, url: str, params: dict | None, cache_state: str):
    """One visit. Warm: a returning visitor, renditions come from Wagtail's
    rendition cache. Cold: the first visitor after the cache was emptied (a
    restart, a cache expiry): renditions exist but are read from the database."""
    if cache_state == "cold cache":
        cache.clear()
    response = client.get(url, params)
    assert response.status_code == 200
    return response


@pytest.fixture
def measure(client):
    """Render a URL with a warm and with a cold cache; return the response and
    the SQL of every query, per cache state."""

    def render(url: str, params: dict | None = None):
        client.get(url, params)  # first visit: creates renditions, fills caches
        queries = {}
        for state in CACHE_STATES:
            with CaptureQueriesContext(connection) as captured:
                response = _get(client, url, params, state)
            queries[state] = [query["sql"] for query in captured.captured_queries]
        return response, queries

    return render


@pytest.fixture
def within_budget(client, django_assert_max_num_queries):
    """Render a URL again, warm then cold, failing above ``budget`` queries."""

    def render(url: str, params: dict | None = None, *, budget: int):
        for state in CACHE_STATES:
            with django_assert_max_num_queries(budget):
                _get(client, url, params, state)

    return render


def _shape(sql: str) -> str:
    """The query with its literal values blanked, so per-row look-ups that differ
    only in an id count as the same query."""
    sql = re.sub(r"IN \([^)]*\)", "IN (…)", sql)
    sql = re.sub(r"'[^']*'", "'…'", sql)
    return re.sub(r"\b\d+\b", "N", sql)


def _grown(few: list[str], many: list[str]) -> str:
    before, after = Counter(map(_shape, few)), Counter(map(_shape, many))
    grown = [
        f"{before[shape]} -> {count} x {shape}"
        for shape, count in after.most_common()
        if count > before[shape]
    ]
    return "\n".join(grown) or "(no query shape repeats more often)"


def _assert_does_not_grow(few: dict, many: dict, *, budget: int, children=(FEW, MANY)):
    """Per cache state: as many queries or fewer for more children, and within
    budget. Reports every query shape that ran more often with more children."""
    for state in CACHE_STATES:
        print(
            f"{state}: {len(few[state])} queries with {children[0]} children, "
            f"{len(many[state])} with {children[1]}"
        )
    for state in CACHE_STATES:
        before, after = few[state], many[state]
        assert len(after) <= len(before), (
            f"{state}: {len(before)} queries with {children[0]} children but "
            f"{len(after)} with {children[1]}; these ran more often:\n"
            f"{_grown(before, after)}"
        )
        for queries in (before, after):
            assert len(queries) <= budget, (
                f"{state}: {len(queries)} queries, budget {budget}:\n"
                + "\n".join(queries)
            )


def _add_ideas(index, count: int, *, start: int = 0):
    for number in range(start, start + count):
        make_idea(
            index,
            title=f"Idea {number:02d}",
            image=make_image(),
            tags=["outdoors", f"tag{number}"],
            is_featured=number % 2 == 0,
        )


def _add_events(index, count: int, *, start: int = 0):
    """``count`` events with images, alternately upcoming and past."""
    now = timezone.now()
    for number in range(start, start + count):
        days = timedelta(days=number + 1)
        upcoming = number % 2 == 0
        make_event(
            index,
            title=f"{'Upcoming' if upcoming else 'Past'} event {number:02d}",
            start=now + days if upcoming else now - days,
            image=make_image(),
        )


def test_home_page_queries_do_not_grow_with_events_and_ideas(
    measure, within_budget, home_page, idea_index, event_index
):
    _add_ideas(idea_index, HOME_FEW)
    _add_events(event_index, HOME_FEW)
    _, few = measure(home_page.url)

    _add_ideas(idea_index, MANY - HOME_FEW, start=HOME_FEW)
    _add_events(event_index, MANY - HOME_FEW, start=HOME_FEW)
    response, many = measure(home_page.url)

    assert "Upcoming event 00" in response.text
    _assert_does_not_grow(few, many, budget=HOME_PAGE_BUDGET, children=(HOME_FEW, MANY))
    within_budget(home_page.url, budget=HOME_PAGE_BUDGET)


def test_idea_index_queries_do_not_grow_with_ideas(measure, within_budget, idea_index):
    _add_ideas(idea_index, FEW)
    _, few = measure(idea_index.url)

    _add_ideas(idea_index, MANY - FEW, start=FEW)
    response, many = measure(idea_index.url)

    assert "Idea 00" in response.text
    _assert_does_not_grow(few, many, budget=IDEA_INDEX_BUDGET)
    within_budget(idea_index.url, budget=IDEA_INDEX_BUDGET)


def test_filtered_idea_index_queries_do_not_grow_with_ideas(
    measure, within_budget, idea_index
):
    filters = {"tag": "outdoors", "children": "0"}
    _add_ideas(idea_index, FEW)
    _, few = measure(idea_index.url, filters)

    _add_ideas(idea_index, MANY - FEW, start=FEW)
    _, many = measure(idea_index.url, filters)

    _assert_does_not_grow(few, many, budget=IDEA_INDEX_BUDGET)
    within_budget(idea_index.url, filters, budget=IDEA_INDEX_BUDGET)


def test_event_index_queries_do_not_grow_with_events(
    measure, within_budget, event_index
):
    _add_events(event_index, FEW)
    _, few = measure(event_index.url)

    _add_events(event_index, MANY - FEW, start=FEW)
    response, many = measure(event_index.url)

    assert "Upcoming event 14" in response.text
    assert "Past event 13" in response.text
    _assert_does_not_grow(few, many, budget=EVENT_INDEX_BUDGET)
    within_budget(event_index.url, budget=EVENT_INDEX_BUDGET)


def test_search_queries_do_not_grow_with_results(
    measure, within_budget, home_page, idea_index
):
    def add(start: int, count: int):
        for number in range(start, start + count):
            make_information_page(
                home_page, title=f"Page {number:02d}", introduction="Walrus facts."
            )
            make_idea(idea_index, title=f"Walrus idea {number:02d}", image=make_image())

    add(0, FEW)
    _, few = measure("/search/", {"q": "walrus"})

    add(FEW, MANY - FEW)
    response, many = measure("/search/", {"q": "walrus"})

    assert "30 results" in response.text
    _assert_does_not_grow(few, many, budget=SEARCH_BUDGET)
    within_budget("/search/", {"q": "walrus"}, budget=SEARCH_BUDGET)
