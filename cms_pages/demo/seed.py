"""Create the demo site: pages, images, the welcome manual, snippets, settings
and two local accounts.

``seed_demo_content()`` is safe to run on every start (``make run`` does): it
looks everything up first, by slug under its parent page, by title for images
and documents, by name for snippets and by username for accounts, and creates
only what is missing. All of it happens in one transaction, so a failure leaves
the database as it was.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms_pages.demo import content
from cms_pages.demo.illustrations import render
from cms_pages.demo.stream import Block, resolve
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
from cms_pages.permissions import editors_grant

ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass
class SeedReport:
    """What one run created, counted by kind, for the command's summary."""

    created: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return sum(self.created.values()) > 0

    def add(self, kind: str, count: int = 1) -> None:
        self.created[kind] += count

    def summary(self) -> str:
        if not self.created_anything:
            return "Demo content already present."
        lines = ["Created demo content:"]
        lines += [f"  {kind}: {count}" for kind, count in self.created.items()]
        lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
class _Context:
    """What later steps need from earlier ones."""

    report: SeedReport
    images: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    contact: ContactPerson | None = None
    partners: list[PartnerOrganisation] = field(default_factory=list)
    footer_text: FooterText | None = None

    def stream(self, blocks: list[Block]) -> list[Block]:
        return resolve(
            blocks,
            images={key: image.pk for key, image in self.images.items()},
            documents={key: doc.pk for key, doc in self.documents.items()},
        )


def seed_demo_content() -> SeedReport:
    """Create whatever part of the demo site is missing and say what was made."""
    ctx = _Context(report=SeedReport())
    with transaction.atomic():
        _ensure_accounts(ctx)
        _ensure_images(ctx)
        _ensure_documents(ctx)
        _ensure_snippets(ctx)
        site, home = _ensure_home(ctx)
        pages = _ensure_pages(ctx, home)
        _link_home_calls_to_action(home, pages)
        _ensure_site_details(ctx, site)
        _grant_editors(home)
    return ctx.report


# --- Accounts ----------------------------------------------------------------


def _ensure_accounts(ctx: _Context) -> None:
    user_model = get_user_model()
    if not user_model.objects.filter(username=content.ADMIN["username"]).exists():
        user_model.objects.create_superuser(**content.ADMIN)
        ctx.report.add("accounts")
        ctx.report.notes.append(
            f"Superuser: {content.ADMIN['email']} / {content.ADMIN['password']}"
        )
    if not user_model.objects.filter(username=content.EDITOR["username"]).exists():
        editor = user_model.objects.create_user(**content.EDITOR)
        editors, _ = Group.objects.get_or_create(name="Editors")
        editor.groups.add(editors)
        ctx.report.add("accounts")
        ctx.report.notes.append(
            f"Editor (Editors group): {content.EDITOR['email']} / "
            f"{content.EDITOR['password']}"
        )
    for account in (content.ADMIN, content.EDITOR):
        user = user_model.objects.get(username=account["username"])
        _ensure_verified_email(user, account["email"])


def _ensure_verified_email(user, email: str) -> None:
    """Log-in is by e-mail and verification is mandatory: give a demo account a
    verified primary address (also in a database seeded before that)."""
    from allauth.account.models import EmailAddress

    if EmailAddress.objects.filter(user=user).exists():
        return
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)


def _grant_editors(home: Page) -> None:
    """The Editors group's rights (also granted after every migrate)."""
    editors_grant()


# --- Images and documents ----------------------------------------------------


def _ensure_images(ctx: _Context) -> None:
    image_model = get_image_model()
    titles = [spec.title for spec in content.IMAGES]
    existing = {img.title: img for img in image_model.objects.filter(title__in=titles)}
    for spec in content.IMAGES:
        image = existing.get(spec.title)
        if image is None:
            data = render(list(spec.layers), spec.palette, seed=spec.seed)
            image = image_model(
                title=spec.title,
                description=spec.alt,
                file=ImageFile(BytesIO(data), name=f"velkomst-{spec.key}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
            ctx.report.add("images")
        ctx.images[spec.key] = image


def _ensure_documents(ctx: _Context) -> None:
    document_model = get_document_model()
    manual = document_model.objects.filter(title=content.WELCOME_MANUAL_TITLE).first()
    if manual is None:
        with (ASSETS / content.WELCOME_MANUAL_FILE).open("rb") as handle:
            manual = document_model(
                title=content.WELCOME_MANUAL_TITLE,
                file=File(handle, name=content.WELCOME_MANUAL_FILE),
            )
            manual._set_document_file_metadata()
            manual.save()
        ctx.report.add("documents")
    ctx.documents[content.WELCOME_MANUAL_KEY] = manual


# --- Snippets ----------------------------------------------------------------


def _ensure_snippets(ctx: _Context) -> None:
    """The English snippets (the sources of their Danish translations)."""
    english = Locale.get_default()
    person = content.CONTACT_PERSON
    ctx.contact, created = ContactPerson.objects.get_or_create(
        name=person["name"], locale=english, defaults=person
    )
    if created:
        ctx.report.add("contact people")
    for partner in content.PARTNERS:
        organisation, created = PartnerOrganisation.objects.get_or_create(
            name=partner["name"], locale=english, defaults=partner
        )
        ctx.partners.append(organisation)
        if created:
            ctx.report.add("partner organisations")


# --- The home page and the site ----------------------------------------------


def _ensure_home(ctx: _Context) -> tuple[Site, HomePage]:
    """Return the default site and its HomePage, creating the home page (and
    removing Wagtail's placeholder "Welcome to your new Wagtail site!") if the
    site does not yet start at one."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        english = HomePage.objects.filter(locale=Locale.get_default()).first()
        home = english or _create_home(ctx)
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, is_default_site=True, root_page=home
            )
        else:
            site.root_page = home
            site.save()
        _remove_wagtail_placeholder(ctx, home)
    if site.site_name != content.SITE_NAME:
        site.site_name = content.SITE_NAME
        site.save()
    # A fresh copy: publishing works on a copy of the page, so this instance's
    # tree fields may be stale, and children are added beneath it.
    return site, HomePage.objects.get(pk=home.pk)


def _create_home(ctx: _Context) -> HomePage:
    tree_root = Page.get_first_root_node()
    data = content.HOME
    slug_taken = tree_root.get_children().filter(slug=data["slug"]).exists()
    home = HomePage(
        title=data["title"],
        slug="velkomst-home" if slug_taken else data["slug"],
        seo_title=data["seo_title"],
        search_description=data["search_description"],
        hero_title=data["hero_title"],
        hero_text=data["hero_text"],
        hero_image=ctx.images["hero"],
        hero_image_alt=data["hero_image_alt"],
        introduction=data["introduction"],
        host_cta_text=data["host_cta_text"],
        newcomer_cta_text=data["newcomer_cta_text"],
        body=ctx.stream(content.HOME_BODY),
    )
    tree_root.add_child(instance=home)
    home.save_revision().publish()
    ctx.report.add("pages")
    return home


def _remove_wagtail_placeholder(ctx: _Context, home: HomePage) -> None:
    """Delete the plain page Wagtail's first migration creates, then give the
    home page its slug back if the placeholder held it."""
    plain_page = ContentType.objects.get_for_model(Page)
    placeholder = Page.objects.filter(
        depth=2, slug=content.HOME["slug"], content_type=plain_page, numchild=0
    ).exclude(pk=home.pk)
    if placeholder.exists():
        placeholder.delete()
        ctx.report.notes.append("Removed Wagtail's default welcome page.")
    if (
        home.slug != content.HOME["slug"]
        and not Page.objects.filter(depth=2, slug=content.HOME["slug"]).exists()
    ):
        home.slug = content.HOME["slug"]
        home.save()  # updates url_path, which children added later inherit
        home.save_revision().publish()


# --- Pages -------------------------------------------------------------------


def _existing_child(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _publish_child(ctx: _Context, parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    ctx.report.add("pages")
    return page


def _ensure_pages(ctx: _Context, home: HomePage) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for spec in content.INFORMATION_PAGES:
        pages[spec.slug] = _ensure_information_page(ctx, home, spec)

    # Created in menu order: Wagtail's menus follow the order of the tree.
    pages[content.IDEA_INDEX["slug"]] = _ensure_ideas(ctx, home)
    pages[content.EVENT_INDEX["slug"]] = _ensure_events(ctx, home)
    partners = _existing_child(home, content.PARTNERS_PAGE["slug"])
    if partners is None:
        partners = _publish_child(
            ctx, home, PartnersPage(show_in_menus=True, **content.PARTNERS_PAGE)
        )
    pages[partners.slug] = partners
    return pages


def _ensure_information_page(
    ctx: _Context, parent: Page, spec: content.InfoPageSpec
) -> Page:
    page = _existing_child(parent, spec.slug)
    if page is None:
        page = _publish_child(
            ctx,
            parent,
            InformationPage(
                title=spec.title,
                slug=spec.slug,
                search_description=spec.search_description,
                show_in_menus=spec.show_in_menus,
                introduction=spec.introduction,
                body=ctx.stream(spec.body),
            ),
        )
    for child in spec.children:
        _ensure_information_page(ctx, page, child)
    return page


def _ensure_ideas(ctx: _Context, home: HomePage) -> Page:
    data = content.IDEA_INDEX
    index = _existing_child(home, data["slug"])
    if index is None:
        index = _publish_child(
            ctx, home, ActivityIdeaIndexPage(show_in_menus=True, **data)
        )
    existing = set(index.get_children().values_list("slug", flat=True))
    for spec in content.IDEAS:
        if spec.slug in existing:
            continue
        idea = ActivityIdeaPage(
            title=spec.title,
            slug=spec.slug,
            search_description=spec.summary,
            summary=spec.summary,
            image=ctx.images[spec.image],
            image_alt=_alt(spec.image),
            cost_level=spec.cost_level,
            season=spec.season,
            duration=spec.duration,
            suits_children=spec.suits_children,
            is_featured=spec.is_featured,
            body=ctx.stream(spec.body),
        )
        idea.tags.add(*spec.tags)
        _publish_child(ctx, index, idea)
    return index


def _ensure_events(ctx: _Context, home: HomePage) -> Page:
    data = content.EVENT_INDEX
    index = _existing_child(home, data["slug"])
    if index is None:
        index = _publish_child(ctx, home, EventIndexPage(show_in_menus=True, **data))
    existing = set(index.get_children().values_list("slug", flat=True))
    for slug, event in _event_pages(ctx):
        if slug not in existing:
            _publish_child(ctx, index, event)
    return index


def _event_pages(ctx: _Context) -> list[tuple[str, EventPage]]:
    """The demo events, dated relative to today in the site's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    events: list[tuple[str, EventPage]] = []

    meeting = content.WELCOME_MEETING
    for n in range(1, meeting["count"] + 1):
        day = _first_weekday_of_month(_add_months(today, n), weekday=1)
        slug = f"{meeting['slug_prefix']}-{n}"
        events.append(
            (
                slug,
                EventPage(
                    title=f"{meeting['title']}, {day:%B}",
                    slug=slug,
                    start=_at(day, meeting["start"], zone),
                    end=_at(day, meeting["end"], zone),
                    place_name=meeting["place_name"],
                    address=meeting["address"],
                    area=meeting.get("area", "midtjylland"),
                    language="en",
                    audience=meeting["audience"],
                    capacity=meeting["capacity"],
                    summary=meeting["summary"],
                    image=ctx.images[meeting["image"]],
                    image_alt=_alt(meeting["image"]),
                    contact_person=ctx.contact,
                    description=ctx.stream(meeting["description"]),
                ),
            )
        )

    for spec in content.EVENTS:
        day = _event_day(today, spec)
        if spec.winter and day.month in content.WINTER_MONTHS:
            spec = spec.winter
            day = _event_day(today, spec)
        events.append(
            (
                spec.slug,
                EventPage(
                    title=spec.title,
                    slug=spec.slug,
                    start=_at(day, spec.start, zone),
                    end=_at(day, spec.end, zone),
                    place_name=spec.place_name,
                    address=spec.address,
                    area=spec.area,
                    language=spec.language,
                    audience=spec.audience,
                    capacity=spec.capacity,
                    summary=spec.summary,
                    image=ctx.images[spec.image],
                    image_alt=_alt(spec.image),
                    contact_person=ctx.contact,
                    description=ctx.stream(spec.description),
                ),
            )
        )
    return events


def _link_home_calls_to_action(home: HomePage, pages: dict[str, Page]) -> None:
    """Point the home page's two buttons at their pages, once: the pages exist
    only after the home page does. An editor's later choice is left alone."""
    if home.host_cta_page_id or home.newcomer_cta_page_id:
        return
    # A fresh copy: the tree bookkeeping (numchild) changed as children were added.
    home = HomePage.objects.get(pk=home.pk)
    home.host_cta_page = pages.get(content.BECOME_A_HOST.slug)
    home.newcomer_cta_page = pages.get(content.NEW_IN_DENMARK.slug)
    home.save_revision().publish()


# --- Settings ----------------------------------------------------------------


def _ensure_site_details(ctx: _Context, site: Site) -> None:
    details = SiteDetails.for_site(site)
    ctx.footer_text = details.footer_text
    if details.email:  # an editor (or an earlier run) has filled it in
        return
    for name, value in content.SITE_DETAILS.items():
        setattr(details, name, value)
    details.contact_person = ctx.contact
    details.welcome_manual = ctx.documents[content.WELCOME_MANUAL_KEY]
    if details.footer_text is None:
        details.footer_text = FooterText.objects.create(
            **content.FOOTER_TEXT,
            locale=Locale.get_default(),
            footer_links=[
                ("link", {"title": title, "url": url})
                for title, url in content.FOOTER_LINKS
            ],
        )
        ctx.report.add("footer texts")
    ctx.footer_text = details.footer_text
    details.save()
    ctx.report.add("site settings")


# --- Helpers -----------------------------------------------------------------


def _event_day(today: date, spec: content.EventSpec) -> date:
    day = today + timedelta(days=spec.days_from_now)
    if spec.weekday is not None:
        day += timedelta(days=(spec.weekday - day.weekday()) % 7)
    # Nobody comes to a programme event between Christmas and New Year.
    while (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 2):
        day += timedelta(days=7)
    return day


def _alt(image_key: str) -> str:
    return next(spec.alt for spec in content.IMAGES if spec.key == image_key)


def _at(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


def _first_weekday_of_month(first: date, *, weekday: int) -> date:
    offset = (weekday - calendar.weekday(first.year, first.month, 1)) % 7
    return first + timedelta(days=offset)
