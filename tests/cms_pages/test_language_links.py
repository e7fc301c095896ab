"""The language link in the header and the hreflang links in the head: the page
being read, in the other language (cms_pages/alternates.py)."""

import re
from html import unescape
from urllib.parse import quote

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from cms_pages.alternates import alternates_for_request
from cms_pages.demo.translate import translate_object
from tests.factories import (
    make_idea,
    make_idea_index,
    make_information_page,
    make_member,
)

pytestmark = pytest.mark.django_db

DANISH_HOME = {"Velkomst": "Velkomst", "velkomst-home": "hjem"}


@pytest.fixture
def danish(db):
    return Locale.objects.get(language_code="da")


@pytest.fixture
def danish_home(home_page, danish):
    translate_object(home_page, danish, DANISH_HOME)
    return home_page.get_translation(danish)


def _translate(page, danish, memory: dict[str, str]):
    """Translate ``page`` the way an editor does in wagtail-localize."""
    translate_object(page, danish, memory)
    return page.get_translation(danish)


def _hreflang(html: str) -> dict[str, str]:
    return {
        code: unescape(href)
        for code, href in re.findall(
            r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html
        )
    }


def _language_link(html: str) -> tuple[str, str]:
    """(href, text) of the header's link to the other language."""
    match = re.search(
        r'<a class="language-link" href="([^"]+)" lang="(\w+)" hreflang="\2">'
        r"(?:<svg.*?</svg>)?([^<]+)</a>",
        html,
        re.DOTALL,
    )
    assert match, "no language link"
    return unescape(match.group(1)), match.group(3)


def _choose(code: str, url: str) -> str:
    return f"/i18n/choose/{code}/?next={quote(url)}"


def test_a_translated_page_links_to_its_translation_both_ways(
    client, home_page, danish_home, danish
):
    page = make_information_page(home_page, title="Become a host", slug="become-a-host")
    _translate(
        page, danish, {"Become a host": "Bliv vært", "become-a-host": "bliv-vaert"}
    )

    english = client.get("/become-a-host/").text
    assert _language_link(english) == (_choose("da", "/da/bliv-vaert/"), "Dansk")
    assert _hreflang(english) == {
        "en": "http://testserver/become-a-host/",
        "x-default": "http://testserver/become-a-host/",
        "da": "http://testserver/da/bliv-vaert/",
    }

    danish_html = client.get("/da/bliv-vaert/").text
    assert '<html lang="da">' in danish_html
    assert _language_link(danish_html) == (_choose("en", "/become-a-host/"), "English")
    assert _hreflang(danish_html) == _hreflang(english)


def test_following_the_language_link_lands_on_the_translation(
    client, home_page, danish_home, danish
):
    page = make_information_page(home_page, title="Become a host", slug="become-a-host")
    _translate(
        page, danish, {"Become a host": "Bliv vært", "become-a-host": "bliv-vaert"}
    )
    href, _text = _language_link(client.get("/become-a-host/").text)

    response = client.get(href, follow=True)

    assert response.redirect_chain[-1][0] == "/da/bliv-vaert/"
    assert "Bliv vært" in response.text


def test_a_page_not_translated_links_to_its_nearest_translated_ancestor(
    client, home_page, danish_home, danish
):
    ideas = make_idea_index(home_page, title="Ideas", slug="ideas")
    _translate(ideas, danish, {"Ideas": "Ideer", "ideas": "ideer"})
    idea = make_idea(ideas, title="Winter swimming", slug="winter-swimming")

    html = client.get(idea.url).text

    assert _language_link(html) == (_choose("da", "/da/ideer/"), "Dansk")
    # The ancestor is a stand-in, not the same page: no hreflang for Danish.
    assert set(_hreflang(html)) == {"en", "x-default"}


def test_without_any_danish_page_the_link_leads_to_the_danish_home(client, home_page):
    page = make_information_page(home_page, title="Housing", slug="housing")

    href, text = _language_link(client.get(page.url).text)

    assert (href, text) == (_choose("da", "/da/"), "Dansk")


def test_a_draft_translation_is_not_linked(client, home_page, danish_home, danish):
    page = make_information_page(home_page, title="Housing", slug="housing")
    draft = _translate(page, danish, {"Housing": "Bolig", "housing": "bolig"})
    draft.unpublish()

    href, _text = _language_link(client.get("/housing/").text)

    assert href == _choose("da", "/da/")


def test_a_filtered_list_stays_filtered_in_the_other_language(
    client, home_page, danish_home, danish
):
    ideas = make_idea_index(home_page, title="Ideas", slug="ideas")
    _translate(ideas, danish, {"Ideas": "Ideer", "ideas": "ideer"})

    html = client.get("/ideas/?tag=outdoors&children=1").text

    href, _text = _language_link(html)
    assert href == _choose("da", "/da/ideer/?tag=outdoors&children=1")
    assert _hreflang(html)["da"] == (
        "http://testserver/da/ideer/?tag=outdoors&children=1"
    )


@pytest.mark.parametrize(
    ("url", "danish_url"),
    [
        ("/search/?q=sailing", "/da/search/?q=sailing"),
        ("/accounts/login/?next=/members/", "/da/accounts/login/?next=/members/"),
        ("/accounts/signup/", "/da/accounts/signup/"),
    ],
)
def test_other_views_link_to_their_own_address_in_the_other_language(
    client, home_page, url, danish_url
):
    english = client.get(url).text
    assert _language_link(english) == (_choose("da", danish_url), "Dansk")
    assert _hreflang(english)["da"] == f"http://testserver{danish_url}"

    danish_html = client.get(danish_url).text
    assert _language_link(danish_html) == (_choose("en", url), "English")


def test_a_members_page_in_danish_links_to_the_english_one(client, home_page):
    client.force_login(make_member().user)

    html = client.get("/da/me/blocked/?page=2").text

    assert '<html lang="da">' in html
    assert _language_link(html) == (_choose("en", "/me/blocked/?page=2"), "English")
    assert _hreflang(html) == {
        "en": "http://testserver/me/blocked/?page=2",
        "x-default": "http://testserver/me/blocked/?page=2",
        "da": "http://testserver/da/me/blocked/?page=2",
    }


def test_a_page_not_found_links_to_the_other_home(client, home_page):
    response = client.get("/da/no-such-page/")

    assert response.status_code == 404
    assert _language_link(response.text) == (_choose("en", "/"), "English")
    assert set(_hreflang(response.text)) == {"da"}


def test_alternates_name_each_language_in_itself(home_page):
    request = RequestFactory().get("/da/accounts/login/")
    with translation.override("da"):
        alternates = {a.code: a for a in alternates_for_request(request)}

    assert alternates["da"].is_current and alternates["da"].name == "Dansk"
    assert alternates["en"].is_default and alternates["en"].name == "English"
    assert alternates["en"].url == "/accounts/login/"


def test_publishing_a_translation_updates_the_cached_link(
    client, home_page, danish_home, danish
):
    page = make_information_page(home_page, title="Housing", slug="housing")
    assert _language_link(client.get("/housing/").text)[0] == _choose("da", "/da/")

    _translate(page, danish, {"Housing": "Bolig", "housing": "bolig"})

    assert _language_link(client.get("/housing/").text)[0] == _choose(
        "da", "/da/bolig/"
    )


def test_search_finds_each_page_once_in_the_readers_language(
    client, home_page, danish, danish_home
):
    page = make_information_page(home_page, title="Become a host", slug="host")
    _translate(page, danish, {"Become a host": "Bliv vært", "host": "bliv-vaert"})
    english = client.get("/search/", {"q": "host"}).content.decode()
    assert "Become a host" in english and "Bliv vært" not in english
    dansk = client.get("/da/search/", {"q": "vært"}).content.decode()
    assert "Bliv vært" in dansk and "Become a host" not in dansk
    # A page with no Danish translation is still found from the Danish pages.
    make_information_page(home_page, title="Tax card", slug="tax")
    assert "Tax card" in client.get("/da/search/", {"q": "tax"}).content.decode()


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each address in /sitemap.xml → its hreflang alternates."""
    xml = client.get("/sitemap.xml").content.decode()
    entries = re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", xml)
    return {
        loc: dict(re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', rest))
        for loc, rest in entries
    }


def test_the_sitemap_lists_both_languages_with_their_alternates(
    client, home_page, danish_home, danish
):
    page = make_information_page(home_page, title="Become a host", slug="become-a-host")
    _translate(
        page, danish, {"Become a host": "Bliv vært", "become-a-host": "bliv-vaert"}
    )
    make_information_page(home_page, title="Your first weeks", slug="first-weeks")
    draft = make_information_page(home_page, title="Draft", slug="draft")
    draft.unpublish()

    sitemap = _sitemap(client)  # addresses on the Wagtail site's host name

    both = {
        "en": "http://localhost/become-a-host/",
        "da": "http://localhost/da/bliv-vaert/",
        "x-default": "http://localhost/become-a-host/",
    }
    assert sitemap["http://localhost/become-a-host/"] == both
    assert sitemap["http://localhost/da/bliv-vaert/"] == both
    assert sitemap["http://localhost/da/"]["en"] == "http://localhost/"
    # A page in one language only names no alternates; drafts are not listed.
    assert sitemap["http://localhost/first-weeks/"] == {}
    assert "http://localhost/draft/" not in sitemap
