"""The menu and footer every page draws are cached (cms_pages/frame.py), once per
language; an editor's change, in either language, must show on the next page
all the same, and a signed-in page with nothing on it must stay cheap."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction, Site

from cms_pages.demo.translate import translate_object
from cms_pages.models import FooterText, SiteDetails
from tests.factories import ContactPersonFactory, make_information_page, make_member

pytestmark = pytest.mark.django_db

# Measured: the session's user with their profile (community/auth_backends.py),
# the blocked list, and the header's request notices and unread messages in one
# query. The menu, the site and its details come from the cache.
EMPTY_MEMBER_PAGE_BUDGET = 3


def _menu(client: Client, url: str = "/me/blocked/") -> str:
    html = client.get(url).content.decode()
    start = html.find('class="main-nav"')
    return html[start : html.find("</nav>", start)] if start != -1 else ""


def _footer(client: Client) -> str:
    html = client.get("/me/blocked/").content.decode()
    return html[html.find('<footer class="site-footer">') :]


@pytest.fixture
def member_client(home_page):
    client = Client()
    client.force_login(make_member().user)
    return client


def test_editor_publishing_a_menu_page_shows_it_in_the_menu(
    member_client, editor_client, home_page
):
    make_information_page(home_page, title="Practical steps", show_in_menus=True)
    assert "Practical steps" in _menu(member_client)
    draft = make_information_page(
        home_page, title="Healthcare", show_in_menus=True, publish=False
    )
    assert "Healthcare" not in _menu(member_client)

    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)),
        {
            "title": "Healthcare",
            "slug": draft.slug,
            "introduction": draft.introduction,
            "body-count": "0",
            "show_in_menus": "on",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    assert "Healthcare" in _menu(member_client)


def test_unpublishing_or_restricting_a_menu_page_takes_it_out_of_the_menu(
    member_client, home_page
):
    steps = make_information_page(
        home_page, title="Practical steps", show_in_menus=True
    )
    housing = make_information_page(home_page, title="Housing", show_in_menus=True)
    assert "Practical steps" in _menu(member_client)

    steps.unpublish()
    PageViewRestriction.objects.create(
        page=housing, restriction_type=PageViewRestriction.LOGIN
    )

    menu = _menu(member_client)
    assert "Practical steps" not in menu
    assert "Housing" not in menu


def test_renaming_a_menu_page_renames_its_menu_link(member_client, home_page):
    page = make_information_page(home_page, title="Practical steps", show_in_menus=True)
    assert "Practical steps" in _menu(member_client)

    page.title = "First steps"
    page.save_revision().publish()

    menu = _menu(member_client)
    assert "First steps" in menu
    assert "Practical steps" not in menu


def test_editor_changing_the_site_details_changes_the_footer(member_client):
    assert "Aarhus host programme" not in _footer(member_client)
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))

    details.footer_text = FooterText.objects.create(
        organisation_name="Aarhus host programme"
    )
    details.save()

    assert "Aarhus host programme" in _footer(member_client)


def test_editor_changing_the_footer_text_changes_the_footer(member_client):
    text = FooterText.objects.create(organisation_name="Aarhus host programme")
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))
    details.footer_text = text
    details.save()
    assert "Aarhus host programme" in _footer(member_client)

    text.tagline = "Hosts and newcomers, once a month."
    text.save()

    assert "Hosts and newcomers, once a month." in _footer(member_client)


def test_editor_changing_the_contact_person_changes_the_footer(member_client):
    person = ContactPersonFactory(name="Mette Holm")
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))
    details.contact_person = person
    details.save()
    assert "Mette Holm" in _footer(member_client)

    person.name = "Mette Holm Jensen"
    person.save()

    assert "Mette Holm Jensen" in _footer(member_client)


def test_menu_marks_the_page_being_read_for_each_visitor(client, home_page):
    page = make_information_page(home_page, title="Practical steps", show_in_menus=True)
    _menu(client, home_page.url)

    assert 'aria-current="page"' in _menu(client, page.url)
    assert 'aria-current="page"' not in _menu(client, home_page.url)


def test_signed_in_page_with_nothing_on_it_keeps_to_its_query_budget(
    member_client, home_page, django_assert_max_num_queries
):
    make_information_page(home_page, title="Practical steps", show_in_menus=True)
    member_client.get("/me/blocked/")  # fills the cache

    with django_assert_max_num_queries(EMPTY_MEMBER_PAGE_BUDGET):
        response = member_client.get("/me/blocked/")

    assert "Practical steps" in response.content.decode()


# --- The frame in each language ------------------------------------------------


@pytest.fixture
def danish(db):
    return Locale.objects.get(language_code="da")


@pytest.fixture
def danish_home(home_page, danish):
    translate_object(home_page, danish, {"velkomst-home": "hjem"})
    return home_page.get_translation(danish)


def _footer_at(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.find('<footer class="site-footer">') :]


def test_danish_pages_show_the_danish_menu_and_english_pages_the_english(
    client, home_page, danish_home, danish
):
    steps = make_information_page(
        home_page, title="Practical steps", slug="practical-steps", show_in_menus=True
    )
    make_information_page(home_page, title="Housing", show_in_menus=True)
    translate_object(
        steps,
        danish,
        {"Practical steps": "Praktiske trin", "practical-steps": "praktiske-trin"},
    )

    danish_menu = _menu(client, "/da/")
    assert 'href="/da/praktiske-trin/"' in danish_menu
    assert "Praktiske trin" in danish_menu
    assert "Practical steps" not in danish_menu
    assert "Housing" not in danish_menu  # no Danish page yet
    english_menu = _menu(client, "/")
    assert "Practical steps" in english_menu and "Housing" in english_menu
    assert "Praktiske trin" not in english_menu


def test_translating_a_menu_page_puts_it_in_the_cached_danish_menu(
    client, home_page, danish_home, danish
):
    steps = make_information_page(
        home_page, title="Practical steps", slug="practical-steps", show_in_menus=True
    )
    assert "Praktiske trin" not in _menu(client, "/da/")

    translate_object(
        steps,
        danish,
        {"Practical steps": "Praktiske trin", "practical-steps": "praktiske-trin"},
    )

    assert "Praktiske trin" in _menu(client, "/da/")
    assert "Practical steps" in _menu(client, "/")


def test_the_footer_shows_the_danish_footer_text_and_contact_person_in_danish(
    member_client, danish
):
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))
    details.footer_text = FooterText.objects.create(
        organisation_name="Aarhus host programme", tagline="Meet once a month."
    )
    details.contact_person = ContactPersonFactory(
        name="Mette Holm", role="Programme coordinator", languages="English, Danish"
    )
    details.save()
    assert "Aarhus host programme" in _footer_at(member_client, "/da/me/blocked/")

    translate_object(
        details.footer_text,
        danish,
        {
            "Aarhus host programme": "Værtsprogrammet i Aarhus",
            "Meet once a month.": "Vi mødes en gang om måneden.",
        },
    )
    translate_object(
        details.contact_person,
        danish,
        {
            "Programme coordinator": "Programkoordinator",
            "English, Danish": "engelsk, dansk",
        },
    )

    danish_footer = _footer_at(member_client, "/da/me/blocked/")
    assert "Værtsprogrammet i Aarhus" in danish_footer
    assert "Vi mødes en gang om måneden." in danish_footer
    assert "Programkoordinator" in danish_footer
    assert "engelsk, dansk" in danish_footer
    assert "Aarhus host programme" not in danish_footer
    english_footer = _footer_at(member_client, "/me/blocked/")
    assert "Aarhus host programme" in english_footer
    assert "Programme coordinator" in english_footer
    assert "Værtsprogrammet" not in english_footer


def test_changing_the_danish_footer_text_changes_only_the_danish_footer(
    member_client, danish
):
    text = FooterText.objects.create(organisation_name="Aarhus host programme")
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))
    details.footer_text = text
    details.save()
    translate_object(
        text, danish, {"Aarhus host programme": "Værtsprogrammet i Aarhus"}
    )
    assert "Værtsprogrammet i Aarhus" in _footer_at(member_client, "/da/me/blocked/")

    translate_object(text, danish, {"Aarhus host programme": "Aarhus' værtsprogram"})

    assert "Aarhus&#x27; værtsprogram" in _footer_at(member_client, "/da/me/blocked/")
    assert "Aarhus host programme" in _footer_at(member_client, "/me/blocked/")


def test_a_danish_member_page_keeps_to_its_query_budget(
    member_client, home_page, danish_home, django_assert_max_num_queries
):
    make_information_page(home_page, title="Practical steps", show_in_menus=True)
    member_client.get("/da/me/blocked/")  # fills the cache

    with django_assert_max_num_queries(EMPTY_MEMBER_PAGE_BUDGET):
        response = member_client.get("/da/me/blocked/")

    assert '<html lang="da">' in response.content.decode()
