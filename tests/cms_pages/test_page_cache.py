"""Public pages are kept whole for anonymous visitors (cms_pages/page_cache.py):
the second visit reads nothing from the database, and every change an editor
(or a member signing up for an event) makes shows on the next visit all the
same. Nothing is kept for signed-in members, for visitors with a message
waiting, or behind a privacy setting."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from cms_pages.models import FooterText, SiteDetails
from community.models import EventSignup
from tests.factories import make_event, make_information_page, make_member

pytestmark = pytest.mark.django_db


def _visit(url: str, client: Client | None = None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response


def test_the_second_anonymous_visit_is_served_whole_without_a_query(
    home_page, django_assert_num_queries
):
    page = make_information_page(home_page, title="Practical steps")
    first = _visit(page.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _visit(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The middleware around the cache still does its work on a stored page.
    assert "Content-Security-Policy" in second
    assert second["Content-Language"] == "en"


def test_publishing_a_change_shows_at_once(home_page, editor_client):
    page = make_information_page(home_page, title="Practical steps")
    _visit(page.url)
    page.title = "First steps"
    page.save_revision().publish()
    assert b"First steps" in _visit(page.url).content


def test_unpublishing_takes_the_page_away_at_once(home_page):
    page = make_information_page(home_page, title="Practical steps")
    _visit(page.url)
    page.unpublish()
    assert Client().get(page.url).status_code == 404


def test_a_draft_does_not_show_but_a_changed_snippet_does(home_page):
    page = make_information_page(home_page, title="Practical steps")
    text = FooterText.objects.create(organisation_name="Aarhus host programme")
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))
    details.footer_text = text
    details.save()
    assert b"Aarhus host programme" in _visit(page.url).content

    page.title = "A draft title"
    page.save_revision()
    text.organisation_name = "Aarhus hosts"
    text.save()

    content = _visit(page.url).content
    assert b"Aarhus hosts" in content
    assert b"A draft title" not in content


def test_the_query_keeps_its_own_copy(home_page, idea_index):
    from tests.factories import make_idea

    make_idea(idea_index, title="Picnic in the park", tags=["outdoors"])
    make_idea(idea_index, title="Cooking together", tags=["food"])
    assert b"Cooking together" in _visit(idea_index.url).content
    filtered = _visit(idea_index.url + "?tag=outdoors").content
    assert b"Picnic in the park" in filtered
    assert b"Cooking together" not in filtered


def test_an_event_sign_up_changes_the_places_left_at_once(home_page, event_index):
    event = make_event(event_index, title="Welcome coffee", capacity=10)
    assert b"10 places left" in _visit(event.url).content
    EventSignup.objects.create(
        event=event, profile=make_member(), party_size=3, status="confirmed"
    )
    assert b"7 places left" in _visit(event.url).content


def test_a_signed_in_member_never_gets_nor_leaves_a_stored_page(home_page):
    page = make_information_page(home_page, title="Practical steps")
    member = Client()
    member.force_login(make_member(display_name="Hanne").user)
    response = _visit(page.url, member)
    assert "X-Page-Cache" not in response
    assert _visit(page.url)["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in _visit(page.url, member)
    assert b"Log out" in _visit(page.url, member).content
    assert b"Log out" not in _visit(page.url).content


def test_a_message_for_one_visitor_is_not_kept_for_the_next(home_page):
    member = Client()
    member.force_login(make_member().user)
    member.post("/accounts/logout/")
    after_logout = member.get(home_page.url)
    assert b"You have signed out" in after_logout.content
    assert "X-Page-Cache" not in after_logout
    assert b"You have signed out" not in _visit(home_page.url).content


def test_a_page_behind_a_password_is_never_kept(home_page):
    from django.urls import reverse

    page = make_information_page(home_page, title="Hosts only", introduction="Sesame")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    insider = Client()
    assert b"Sesame" not in insider.get(page.url).content
    insider.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        ),
        {"password": "sesame", "return_url": page.url},
    )
    inside = _visit(page.url, insider)
    assert b"Sesame" in inside.content
    assert "X-Page-Cache" not in inside
    assert b"Sesame" not in Client().get(page.url).content


def test_each_language_has_its_own_copy():
    from tests.browser.bilingual_site import make_bilingual_site

    english, danish = make_bilingual_site()
    assert (
        _visit(english.information.url).content
        != _visit(danish.information.url).content
    )
    assert _visit(danish.information.url)["Content-Language"] == "da"
    assert _visit(danish.information.url)["X-Page-Cache"] == "hit"


def test_the_cache_can_be_turned_off(home_page, settings):
    settings.VELKOMST_PAGE_CACHE_SECONDS = 0
    page = make_information_page(home_page, title="Practical steps")
    _visit(page.url)
    assert "X-Page-Cache" not in _visit(page.url)


def test_pages_that_are_not_wagtail_pages_do_not_look_in_the_cache(
    home_page, monkeypatch
):
    """The log-in page, search and the Danish log-in page are views of their
    own, never kept: the cache is not asked for them. A Wagtail page is."""
    from cms_pages import page_cache

    looked_up = []
    real_get = page_cache.cache.get
    monkeypatch.setattr(
        page_cache.cache,
        "get",
        lambda key, *args, **kwargs: (
            looked_up.append(key) or real_get(key, *args, **kwargs)
        ),
    )
    for url in ("/accounts/login/", "/search/?q=coffee", "/da/accounts/login/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    assert not [key for key in looked_up if key.startswith(page_cache.PAGES)]
    page = make_information_page(home_page, title="Practical steps")
    assert _visit(page.url)["X-Page-Cache"] == "miss"
    assert any(key.startswith(page_cache.PAGES) for key in looked_up)
