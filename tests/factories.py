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


# --- community: members data ----------------------------------------------------
# ``make_member`` builds a complete member the way sign-up and the profile set-up
# would leave one: a User with a verified primary e-mail address, a Profile with
# role, municipality, languages (with levels), interests, professions and hopes, the
# guidelines and expectations accepted, and the bitmask columns refreshed.

MEMBER_DEFAULT_INTERESTS = ("Hiking", "Cooking", "Board games")


def _member_municipality(value):
    """A Municipality from an instance, an official code or a name.

    The data migration loads all 98; outside a migrated database the row is
    created from community/data/municipalities.csv.
    """
    from community.data import municipality_rows
    from community.models import Municipality

    if isinstance(value, Municipality) or value is None:
        return value
    lookup = {"code": value} if isinstance(value, int) else {"name": value}
    found = Municipality.objects.filter(**lookup).first()
    if found is not None:
        return found
    for row in municipality_rows():
        if row["code"] == value or row["name"] == value:
            return Municipality.objects.create(**row)
    raise ValueError(f"Unknown municipality {value!r}")


def _member_language(code: str):
    import pycountry

    from community.models import LanguageTag
    from community.services.tags import tag_get_or_create

    found = LanguageTag.objects.filter(code=code).first()
    if found is not None:
        return found
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(
        alpha_3=code
    )
    name = language.name if language else code
    return tag_get_or_create(LanguageTag, name=name, code=code)


def make_member(
    *,
    role: str = "newcomer",
    municipality="Aarhus",
    languages: dict[str, str] | None = None,
    interests=MEMBER_DEFAULT_INTERESTS,
    professions=(),
    hopes=(),
    household: str = "single",
    email: str | None = None,
    password: str = PASSWORD,
    confirmed: bool = True,
    **fields,
):
    """A complete member (Profile) ready to browse and be found.

    ``languages`` maps ISO 639-1 codes to levels (default ``{"en": "fluent"}``);
    tag names are matched case-insensitively, so ``"hiking"`` finds the curated
    "Hiking". Extra keyword arguments are Profile fields (``age_group=3``,
    ``children_0_5=True``, ``capacity=2``, ``is_available=False``...).
    ``confirmed=False`` leaves the expectation statement unconfirmed. The
    member counts as approved by a coordinator (as every member did when
    approval came); ``approval="not_needed"`` lets their programme's setting
    decide, as for a member finishing the set-up (a new host then waits).
    """
    from allauth.account.models import EmailAddress

    from community.models import (
        HopeTag,
        InterestTag,
        ProfessionTag,
        Profile,
        ProfileHope,
        ProfileInterest,
        ProfileLanguage,
        ProfileProfession,
    )
    from community.services.tags import profile_masks_refresh, tag_get_or_create

    programme = fields.pop("programme", None)
    number = next(_numbers)
    email = email or f"member{number}@example.org"
    user = get_user_model().objects.create_user(
        username=email.split("@")[0][:140] + f"-{number}",
        email=email,
        password=password,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    now = timezone.now()
    defaults = {
        "display_name": f"Member {number}",
        "about": "Happy to meet new people over coffee and a walk.",
        "age_group": 2,
        "guidelines_version": 1,
        "guidelines_accepted_at": now,
    }
    if confirmed:
        defaults |= {"expectations_version": 1, "expectations_confirmed_at": now}
    if fields.get("approval", "approved") == "approved":
        defaults |= {"approval": "approved", "approval_decided_at": now}
    if role == "host":
        defaults |= {"time_per_month": "1-2", "capacity": 1}
    elif role == "newcomer":
        defaults |= {"arrival_date": (now - timedelta(days=30)).date()}
    profile = Profile.objects.create(
        user=user,
        role=role,
        household=household,
        municipality=_member_municipality(municipality),
        **(defaults | fields),
    )
    for code, level in (languages or {"en": "fluent"}).items():
        ProfileLanguage.objects.create(
            content_object=profile, tag=_member_language(code), level=level
        )
    for through, model, names in (
        (ProfileInterest, InterestTag, interests),
        (ProfileProfession, ProfessionTag, professions),
        (ProfileHope, HopeTag, hopes),
    ):
        for name in names:
            through.objects.create(
                content_object=profile, tag=tag_get_or_create(model, name=name)
            )
    if programme is not None:
        from community.services.programmes import profile_programme_set

        profile_programme_set(profile=profile, programme=programme)
    return profile_masks_refresh(profile)


def make_programme(name: str = "", *, coordinators=(), **fields):
    """A running Programme with its coordinators' group, holding ``coordinators``
    (users). ``within_programme_only=True`` makes its members a pool of their own."""
    from community.models import Programme
    from community.services.programmes import (
        programme_coordinators_set,
        programme_save,
    )

    programme = programme_save(
        Programme(name=name or f"Programme {next(_numbers)}", **fields)
    )
    if coordinators:
        programme_coordinators_set(programme=programme, users=coordinators)
    return programme


# --- community: requests --------------------------------------------------------
# Requests and matches are made through the services, as members make them, so a
# test starts from a state the rules allow.

REQUEST_MESSAGE = "Hello! I would love to meet for coffee and a walk by the harbour."


def make_request(sender, recipient, *, message: str = REQUEST_MESSAGE):
    """A pending MatchRequest from ``sender`` to ``recipient`` (both Profiles)."""
    from community.services.requests import match_request_create

    return match_request_create(
        sender=sender, recipient=recipient, message=message, confirm_expectations=True
    )


def make_match(sender, recipient):
    """An active Match: ``sender`` asks, ``recipient`` accepts."""
    from community.services.requests import match_request_accept

    return match_request_accept(
        request=make_request(sender, recipient),
        by=recipient,
        confirm_expectations=True,
    )


def make_message(match, sender, body="Hello!", *, client_id=None):
    """A Message ``sender`` writes in the conversation of ``match``, sent through
    the service as the chat socket sends it."""
    import uuid

    from community.services.messaging import message_send

    return message_send(
        conversation_id=match.conversation.pk,
        sender=sender,
        body=body,
        client_id=client_id or uuid.uuid4(),
    ).message


# --- community: accounts --------------------------------------------------------
# Accounts as sign-up leaves them (a verified e-mail address, maybe no profile yet)
# and photos as phones make them (EXIF, sideways orientation).


def make_account(
    *, email: str | None = None, password: str = PASSWORD, verified: bool = True
):
    """A User who can log in with ``email`` (no Profile: the set-up makes it)."""
    from allauth.account.models import EmailAddress

    number = next(_numbers)
    email = email or f"account{number}@example.org"
    user = get_user_model().objects.create_user(
        username=f"account-{number}", email=email, password=password
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_photo_bytes(
    *,
    size: tuple[int, int] = (1600, 1200),
    fmt: str = "JPEG",
    mode: str = "RGB",
    orientation: int | None = None,
    camera: str | None = "PhoneCam 3000",
) -> bytes:
    """An image file as bytes; JPEGs can carry EXIF (camera model, orientation)."""
    colour = (30, 120, 200, 128) if mode == "RGBA" else (30, 120, 200)
    image = PILImage.new(mode, size, colour[: len(mode)])
    exif = PILImage.Exif()
    if camera:
        exif[0x0110] = camera  # Model
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()
