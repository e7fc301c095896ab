"""An editor writes a page in the admin; visitors see it once it is published."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms_pages.models import ActivityCategory, InformationPage
from tests.factories import PASSWORD, make_idea, make_information_page

pytestmark = pytest.mark.django_db


def _information_page_form(*, title: str, text: str, publish: bool) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "introduction": "Read this before your first meeting.",
            "body": streamfield(
                [
                    ("heading", {"text": "Before you meet", "level": "h2"}),
                    ("paragraph", rich_text(f"<p>{text}</p>")),
                ]
            ),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def _add_url(parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("cms_pages", "informationpage", parent.pk)
    )


def test_editor_can_sign_in_to_the_admin(client, editor, home_page):
    assert client.login(username=editor.username, password=PASSWORD)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200


def test_editor_can_publish_a_page_that_visitors_then_read(editor_client, home_page):
    response = editor_client.post(
        _add_url(home_page),
        _information_page_form(
            title="Practical steps",
            text="Get your CPR number at the International Citizen Service.",
            publish=True,
        ),
    )

    assert response.status_code == 302
    page = InformationPage.objects.get(title="Practical steps")
    assert page.live
    assert page.get_parent().specific == home_page

    visitor = Client()
    seen = visitor.get(page.url)
    assert seen.status_code == 200
    assert "Practical steps" in seen.text
    assert "Get your CPR number at the International Citizen Service." in seen.text


def test_editor_can_create_an_information_page_below_another(editor_client, home_page):
    parent = make_information_page(home_page, title="Welcome information")

    response = editor_client.post(
        _add_url(parent),
        _information_page_form(
            title="Housing", text="Rent a room first.", publish=True
        ),
    )

    assert response.status_code == 302
    page = InformationPage.objects.get(title="Housing")
    assert page.get_parent().pk == parent.pk
    assert Client().get(page.url).status_code == 200


def test_draft_is_hidden_from_visitors(editor_client, home_page):
    response = editor_client.post(
        _add_url(home_page),
        _information_page_form(
            title="Unfinished guide", text="Not ready yet.", publish=False
        ),
    )

    assert response.status_code == 302
    page = InformationPage.objects.get(title="Unfinished guide")
    assert not page.live
    assert Client().get(f"/{page.slug}/").status_code == 404


def test_editor_can_preview_a_draft(editor_client, home_page):
    editor_client.post(
        _add_url(home_page),
        _information_page_form(
            title="Unfinished guide", text="Draft text for review.", publish=False
        ),
    )
    page = InformationPage.objects.get(title="Unfinished guide")

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = _information_page_form(
        title="Unfinished guide", text="Draft text for review.", publish=False
    )
    posted = editor_client.post(preview_url, data)
    assert posted.json()["is_valid"] is True
    preview = editor_client.get(preview_url)

    assert preview.status_code == 200
    assert "Draft text for review." in preview.text


def test_visitor_cannot_preview_a_draft(editor_client, home_page):
    editor_client.post(
        _add_url(home_page),
        _information_page_form(title="Secret plan", text="Hidden.", publish=False),
    )
    page = InformationPage.objects.get(title="Secret plan")
    visitor = Client()

    response = visitor.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    )

    assert response.status_code == 302
    assert "Hidden." not in response.text


def test_unpublishing_hides_the_page_again(editor_client, home_page):
    page = make_information_page(home_page, title="Old news")
    assert Client().get(page.url).status_code == 200

    page.unpublish()

    assert Client().get(f"/{page.slug}/").status_code == 404


def test_editors_may_publish_pages_below_the_home_page(editor, home_page):
    # Wagtail's initial data gives "Editors" add and edit, not publish; the
    # programme's editors publish their own pages, so the project must grant it.
    assert home_page.permissions_for_user(editor).can_publish_subpage()
    page = make_information_page(home_page, title="Contact us")
    assert page.permissions_for_user(editor).can_publish()


def test_editor_gives_a_category_its_danish_name(editor_client, idea_index):
    """Activity categories are typed on ideas; an editor names them in Danish
    under Activity categories in the admin."""
    make_idea(idea_index, title="Hike", tags=["outdoors"])
    category = ActivityCategory.objects.get(name="outdoors")
    url = reverse("wagtailsnippets_cms_pages_activitycategory:edit", args=[category.pk])

    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, {"name": "outdoors", "name_da": "udendørs", "slug": "outdoors"}
    )

    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name_da == "udendørs"


def test_editors_may_keep_every_snippet_from_the_first_migrate(editor):
    """The first migrate of a new database (the test database's) grants the
    Editors group the snippets' permissions, without seeding."""
    for codename in ("change_contactperson", "change_activitycategory"):
        assert editor.has_perm(f"cms_pages.{codename}")
