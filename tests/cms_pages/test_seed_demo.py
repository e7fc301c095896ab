"""``manage.py seed_demo`` builds the demo site once; running it again (``make run``
does, on every start) changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms_pages.demo import content
from cms_pages.models import (
    ActivityIdeaPage,
    ContactPerson,
    EventPage,
    HomePage,
    PartnerOrganisation,
)

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "contact people": ContactPerson.objects.count(),
        "partners": PartnerOrganisation.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Seed once for this module (seeding takes seconds) inside a transaction
    that is rolled back afterwards; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = _seed()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def seeded(first_run, db):
    return first_run


def test_seeding_twice_creates_nothing_the_second_time(seeded):
    after_first = _counts()

    second_output = _seed()

    assert "Created demo content" in seeded
    assert _counts() == after_first
    assert "Demo content already present." in second_output


def test_seeded_site_starts_at_a_published_home_page(seeded, client):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    assert isinstance(home, HomePage)
    assert home.live
    assert Site.objects.count() == 1
    response = client.get("/")
    assert response.status_code == 200
    assert home.hero_title in response.text


def test_seeding_removes_wagtails_placeholder_page(seeded):
    assert not Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).exists()


def test_seeded_site_has_at_least_twelve_activity_ideas(seeded, client):
    ideas = ActivityIdeaPage.objects.live().public()

    assert ideas.count() >= 12
    assert all(idea.image_id and idea.image_alt.strip() for idea in ideas)
    assert all(idea.tags.exists() for idea in ideas)


def test_seeded_site_announces_an_upcoming_welcome_meeting(seeded, client):
    meetings = EventPage.objects.live().filter(
        title__icontains="welcome meeting", start__gt=timezone.now()
    )

    assert meetings.exists()
    meeting = meetings.order_by("start").first()
    response = client.get(meeting.get_parent().url)
    assert meeting.title in response.text


def test_seeded_site_has_the_welcome_manual_in_the_footer(seeded, client):
    manual = get_document_model().objects.get(title__icontains="welcome manual")

    response = client.get("/")

    assert manual.url in response.text
    download = client.get(manual.url)
    assert download.status_code == 200


def test_seeded_editor_can_sign_in_and_publish(seeded, client):
    editor = get_user_model().objects.get(username=content.EDITOR["username"])
    home = Site.objects.get(is_default_site=True).root_page.specific

    assert client.login(
        username=content.EDITOR["username"], password=content.EDITOR["password"]
    )
    assert client.get("/admin/").status_code == 200
    assert home.permissions_for_user(editor).can_publish_subpage()


def test_every_seeded_page_renders(seeded, client):
    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        heading = page.hero_title if isinstance(page, HomePage) else page.title
        assert escape(heading) in response.text, page.url
