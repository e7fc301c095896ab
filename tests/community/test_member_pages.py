"""A member's own pages (templates/community/member_base.html) stay out of search
engines; the public pages do not say so."""

import pytest
from django.urls import reverse

from tests.factories import make_match, make_member

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


@pytest.fixture
def pair(db):
    host = make_member(role="host", display_name="Hanne Host")
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    return host, newcomer, make_match(host, newcomer)


def test_a_members_own_pages_are_kept_out_of_search_engines(login, pair):
    host, newcomer, match = pair
    client = login(newcomer)
    for url in (
        reverse("community:requests"),
        reverse("community:matches"),
        reverse("community:match_detail", args=[match.pk]),
        reverse("community:conversations"),
        reverse("community:blocked_list"),
        reverse("community:my_events"),
        reverse("community:wheel"),
        reverse("community:profile_detail", args=[host.pk]),
        reverse("community:report", args=[host.pk]),
    ):
        page = client.get(url).content.decode()
        head = page.split("</head>")[0]
        assert head.count(NOINDEX) == 1, url


def test_the_home_page_is_not_marked_noindex(client, home_page):
    assert NOINDEX not in client.get("/").content.decode()
