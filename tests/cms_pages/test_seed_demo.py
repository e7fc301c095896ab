"""``manage.py seed_demo`` builds the demo site once, in English and (for the pages
hosts read) in Danish; running it again (``make run`` does, on every start)
changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms_pages.demo import content
from cms_pages.demo.danish import TRANSLATIONS
from cms_pages.models import (
    ActivityIdeaIndexPage,
    ActivityIdeaPage,
    ContactPerson,
    EventIndexPage,
    EventPage,
    FooterText,
    HomePage,
    InformationPage,
    PartnerOrganisation,
    PartnersPage,
    SiteDetails,
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
        "footer texts": FooterText.objects.count(),
        "translations": Translation.objects.count(),
        "translated strings": StringTranslation.objects.count(),
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


def test_seeding_creates_the_danish_translations_once(seeded):
    assert "Danish pages" in seeded

    assert "Danish pages" not in _seed()


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


# --- Danish ----------------------------------------------------------------------

# The information pages hosts read; the newcomers' pages stay English.
HOST_PAGES = (content.ABOUT.slug, content.BECOME_A_HOST.slug)


def _pages_hosts_read() -> list[Page]:
    english = Locale.get_default()
    pages: list[Page] = [HomePage.objects.get(locale=english)]
    pages += InformationPage.objects.filter(locale=english, slug__in=HOST_PAGES)
    for model in (
        ActivityIdeaIndexPage,
        ActivityIdeaPage,
        EventIndexPage,
        EventPage,
        PartnersPage,
    ):
        pages += model.objects.filter(locale=english)
    return pages


def _untranslated_segments(locale: Locale) -> list[tuple[str, str]]:
    """(object, English text) of every segment of an English source that has
    no translation into ``locale`` (or one wagtail-localize found broken)."""
    missing = []
    for source in TranslationSource.objects.filter(locale=Locale.get_default()):
        for segment in (
            StringSegment.objects.filter(source=source)
            .annotate_translation(locale)
            .select_related("string")
        ):
            if not segment.translation:
                missing.append((source.object_repr, segment.string.data))
    return missing


def test_every_english_page_hosts_read_has_a_published_danish_translation(seeded):
    danish = Locale.objects.get(language_code="da")
    pages = _pages_hosts_read()
    assert len(pages) >= 2 + 2 + 12 + 1 + 3 + 1

    for page in pages:
        translation = page.get_translation_or_none(danish)
        assert translation is not None, page.url
        assert translation.live, translation.url
        assert translation.translation_key == page.translation_key
        assert translation.title == TRANSLATIONS[page.title] != page.title
        assert translation.url.startswith("/da/"), translation.url
        # Made the editor's way: a synced wagtail-localize translation.
        assert Translation.objects.get(
            source__object_id=page.translation_key, target_locale=danish
        ).enabled


def test_the_danish_pages_have_danish_addresses_and_danish_text(seeded, client):
    response = client.get("/da/bliv-vaert/")

    assert response.status_code == 200
    html = response.text
    assert '<html lang="da">' in html
    assert "<h1" in html and "Bliv vært" in html
    assert "Din rolle" in html and "Your role" not in html
    assert "Skal jeg tale perfekt engelsk?" in html  # an FAQ item
    # The Danish menu and footer.
    assert 'href="/da/ting-i-kan-lave-sammen/"' in html
    assert "Velkomst værtsprogram, Aarhus" in html
    assert "Programkoordinator, Aarhus" in html


def test_no_text_of_the_translated_demo_content_is_left_in_english(seeded):
    danish = Locale.objects.get(language_code="da")

    assert _untranslated_segments(danish) == []
    assert not StringTranslation.objects.filter(has_error=True).exists()


def test_the_danish_snippets_and_footer_text_are_translations(seeded):
    danish = Locale.objects.get(language_code="da")
    details = SiteDetails.for_site(Site.objects.get(is_default_site=True))

    footer = details.footer_text.get_translation(danish)
    assert footer.organisation_name == "Velkomst værtsprogram, Aarhus"
    assert footer.address.endswith("8000 Aarhus C\nDanmark")
    assert [link.value["url"] for link in footer.footer_links][-1] == "/da/partnere/"
    person = details.contact_person.get_translation(danish)
    assert (person.name, person.role) == ("Mette Holm", "Programkoordinator, Aarhus")
    english_partners = PartnerOrganisation.objects.filter(locale=Locale.get_default())
    assert all(partner.has_translation(danish) for partner in english_partners)


def test_a_danish_event_names_the_danish_contact_person(seeded):
    danish = Locale.objects.get(language_code="da")
    event = EventPage.objects.filter(locale=danish).first()

    assert event.contact_person.locale == danish
