"""The directory and the suggestions cost a fixed number of queries, whether a
page shows 5 members or 20 and whether 5 or 25 members match.

Measured on SQLite: /members/ 11 queries (12 with every filter set, which checks
the chosen municipality), /members/suggested/ 10, a profile page 16; the same
for 5 and for 25 members. Most belong to the site around the list (session, the
user with their profile, the header notices in one query, Wagtail navigation and
settings). The list itself: my tags for the ranking (one query for all four
facets), the blocks (with, for suggestions, my matches and pending requests, in
the same query), the filter choices and the chosen tags (from the cache: no
query), the bounded count, the page's ids, their profiles and their tags (one
query). Suggestions read my stored shortlist and rank it again with the page's
profiles in one query. The budgets leave room for a query or two in the site's
frame, not for one per card.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_member

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 25
DIRECTORY_BUDGET = 15
SUGGESTED_BUDGET = 13
PROFILE_BUDGET = 19

FILTERED = {
    "languages": ["en", "de"],
    "interests": ["hiking", "cooking"],
    "q": "o",
    "municipality": "751",
    "radius": "50",
    "age_group": ["2", "3"],
    "sort": "score",
}


def _make_hosts(count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        make_member(
            role="host",
            display_name=f"Host {number}",
            languages={"en": "fluent", "de": "native"},
            interests=["Hiking", "Cooking", f"Interest {number}"],
            professions=["Engineering"],
            hopes=["Friendship"],
            municipality="Aarhus",
            capacity=2,
        )


@pytest.fixture
def viewer_client(login):
    me = make_member(
        role="newcomer",
        languages={"en": "fluent", "da": "learning"},
        interests=["Hiking", "Cooking", "Sailing"],
        municipality="Aarhus",
    )
    client = login(me)
    client.get(reverse("community:directory"))  # the once-a-while activity write
    return client


def _count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("url", "params", "budget"),
    [
        (reverse("community:directory"), None, DIRECTORY_BUDGET),
        (reverse("community:directory"), FILTERED, DIRECTORY_BUDGET),
        (reverse("community:directory"), {"sort": "newest"}, DIRECTORY_BUDGET),
        (reverse("community:directory"), {"role": "all"}, DIRECTORY_BUDGET),
        (reverse("community:suggested"), None, SUGGESTED_BUDGET),
    ],
)
def test_queries_do_not_grow_with_members_on_the_page(
    viewer_client, django_assert_max_num_queries, url, params, budget
):
    _make_hosts(FEW)
    # The first visit to the suggestions works out and stores my shortlist
    # (that visit's budget: tests/community/test_suggestions_stored.py).
    viewer_client.get(url, params or {})
    few = _count(viewer_client, url, params)
    _make_hosts(MANY - FEW, start=FEW)
    many = _count(viewer_client, url, params)

    assert many == few
    with django_assert_max_num_queries(budget):
        response = viewer_client.get(url, params or {})
    assert response.content.decode().count('class="card member-card"') == 20


def test_profile_page_has_a_fixed_budget(viewer_client, django_assert_max_num_queries):
    _make_hosts(1)
    from community.models import Profile

    host = Profile.objects.get(display_name="Host 0")
    url = reverse("community:profile_detail", args=[host.pk])
    with django_assert_max_num_queries(PROFILE_BUDGET):
        response = viewer_client.get(url)
    assert response.status_code == 200
