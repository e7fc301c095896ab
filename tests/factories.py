"""Factories for people and snippets, and helpers that grow the Wagtail page tree.

Pages are not built with a factory's ``create``: a Wagtail page only exists once it
is placed in the tree (``parent.add_child``) and, to be visible, published from a
revision. The ``make_*`` helpers do both, so a test reads like an editor's steps.
"""

import io
import itertools
from datetime import datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms_pages.models import (
    ActivityIdeaIndexPage,
    ActivityIdeaPage,
    ContactPerson,
    EventIndexPage,
    EventPage,
    HomePage,
    InformationPage,
    PartnerOrganisation,
    PartnersPage,
)

PASSWORD = "a-long-test-password"

_numbers = itertools.count(1)


# --- People ---------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class EditorFactory(UserFactory):
    """A member of Wagtail's "Editors" group: may use the admin and edit pages."""

    username = factory.Sequence(lambda n: f"editor{n}")

    @factory.post_generation
    def editors_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Editors"))


# --- Snippets -------------------------------------------------------------------


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Faker("name")
    role = "Programme coordinator, Aarhus"
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")
    phone = "+45 12 34 56 78"
    languages = "English, Danish"


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = PartnerOrganisation.Kind.COMPANY
    website = factory.Sequence(lambda n: f"https://partner{n}.example.org/")
    description = "Welcomes its new international staff through the programme."


# --- Images ---------------------------------------------------------------------


def make_image(title: str = "", *, size: tuple[int, int] = (64, 48)):
    """A Wagtail image from a small generated PNG, stored in the test MEDIA_ROOT."""
    number = next(_numbers)
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color=(20 * number % 255, 120, 80)).save(buffer, "PNG")
    buffer.seek(0)
    return get_image_model().objects.create(
        title=title or f"Test image {number}",
        file=ImageFile(buffer, name=f"test-image-{number}.png"),
    )


# --- Pages ----------------------------------------------------------------------


def _place(parent: Page, page: Page, *, publish: bool = True, tags=()) -> Page:
    """Put ``page`` under ``parent`` and publish it (or keep it a draft)."""
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def _title(kind: str, kw: dict) -> str:
    return kw.pop("title", None) or f"{kind} {next(_numbers)}"


def make_home_page(**kw) -> HomePage:
    """A HomePage under the tree root, made the default site's root page."""
    root = Page.objects.get(depth=1)
    home = HomePage(
        title=_title("Velkomst", kw),
        slug=kw.pop("slug", "velkomst-home"),
        hero_title=kw.pop("hero_title", "Make friends in Denmark"),
        hero_text=kw.pop(
            "hero_text", "Local hosts meet people who have just moved here for work."
        ),
        **kw,
    )
    _place(root, home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_information_page(parent: Page, *, publish: bool = True, **kw):
    page = InformationPage(
        title=_title("Information", kw),
        introduction=kw.pop("introduction", "What hosts and newcomers should know."),
        **kw,
    )
    return _place(parent, page, publish=publish)


def make_idea_index(parent: Page, **kw) -> ActivityIdeaIndexPage:
    page = ActivityIdeaIndexPage(
        title=kw.pop("title", "Activity ideas"),
        slug=kw.pop("slug", "activity-ideas"),
        introduction=kw.pop("introduction", "Things to do together."),
        **kw,
    )
    return _place(parent, page)


def make_event_index(parent: Page, **kw) -> EventIndexPage:
    page = EventIndexPage(
        title=kw.pop("title", "Events"),
        slug=kw.pop("slug", "events"),
        introduction=kw.pop("introduction", "Meet other hosts and newcomers."),
        **kw,
    )
    return _place(parent, page)


def make_partners_page(parent: Page, **kw) -> PartnersPage:
    page = PartnersPage(
        title=kw.pop("title", "Our partners"),
        slug=kw.pop("slug", "partners"),
        introduction=kw.pop("introduction", "The organisations behind the programme."),
        **kw,
    )
    return _place(parent, page)


def make_idea(
    index: ActivityIdeaIndexPage, *, publish: bool = True, tags=(), **kw
) -> ActivityIdeaPage:
    if kw.get("image") is not None:
        kw.setdefault("image_alt", "Two families on a picnic blanket")
    page = ActivityIdeaPage(
        title=_title("Idea", kw),
        summary=kw.pop("summary", "Something a host and a newcomer can do together."),
        **kw,
    )
    return _place(index, page, publish=publish, tags=tags)


def make_event(
    index: EventIndexPage,
    *,
    start: datetime | None = None,
    publish: bool = True,
    **kw,
) -> EventPage:
    """An event starting at ``start`` (default: in a week) and lasting two hours."""
    start = start or timezone.now() + timedelta(days=7)
    if kw.get("image") is not None:
        kw.setdefault("image_alt", "People talking over coffee")
    page = EventPage(
        title=_title("Event", kw),
        start=start,
        end=kw.pop("end", start + timedelta(hours=2)),
        place_name=kw.pop("place_name", "Dokk1, the main library"),
        address=kw.pop("address", "Hack Kampmanns Plads 2, 8000 Aarhus C"),
        summary=kw.pop("summary", "Coffee, cake and a first hello."),
        **kw,
    )
    return _place(index, page, publish=publish)
