"""The header is drawn once per kind of page and visitor and kept
(cms_pages/frame.py): every copy must read exactly as the header drawn from the
page's whole context, and carry only its own member's counts and CSRF token."""

import re

import pytest
from django.template.loader import get_template
from django.test import Client

from cms_pages import frame
from cms_pages.templatetags import site_frame
from tests.factories import (
    make_information_page,
    make_match,
    make_member,
    make_message,
    make_request,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)"')


def _header(html: str) -> str:
    start = html.index('<header class="site-header">')
    return html[start : html.index("</header>", start) + len("</header>")]


def _drawn_whole(context) -> str:
    """The header drawn from the page's whole context, as the include did."""
    flat = context.flatten()
    badges = flat.get("member_badges")
    if badges is not None:
        flat["member_badges"] = {
            **{name: badges[name] for name in badges},
            "waiting": badges["requests"] + badges["unread_messages"],
        }
    return get_template(frame.HEADER_TEMPLATE).render(flat)


def _both(client: Client, url: str, monkeypatch) -> tuple[str, str]:
    kept = _header(client.get(url).content.decode())
    with monkeypatch.context() as patch:
        patch.setattr(site_frame, "header_html", _drawn_whole)
        whole = _header(client.get(url).content.decode())
    return kept, whole


def _badge_hidden(header: str, badge: str) -> bool:
    """Whether the member links' badge ``badge`` is hidden (none waiting)."""
    (tag,) = re.findall(
        rf'<span class="notice-badge" data-badge="{badge}"[^>]*>', header
    )
    return tag.endswith(" hidden>")


def _same_but_token(kept: str, whole: str) -> None:
    assert TOKEN.sub(r"\1…", kept) == TOKEN.sub(r"\1…", whole)


@pytest.fixture
def site(home_page):
    make_information_page(home_page, title="Practical steps", show_in_menus=True)
    return home_page


VISITOR_PAGES = [
    "/",
    "/practical-steps/",
    "/search/?q=steps",
    "/accounts/login/",
    "/da/",
]
MEMBER_PAGES = [
    "/members/",
    "/members/suggested/",
    "/messages/",
    "/da/members/suggested/",
    "/practical-steps/",
    "/members/?languages=en&page=2",
    "/search/?q=steps",
]


def test_a_visitor_gets_the_header_the_whole_context_draws(site, client, monkeypatch):
    for _ in range(2):  # drawn, then kept
        for url in VISITOR_PAGES:
            kept, whole = _both(client, url, monkeypatch)
            assert kept == whole, url
    assert "Practical steps" in _header(client.get("/").content.decode())


def test_a_member_gets_the_header_the_whole_context_draws(site, monkeypatch):
    host = make_member(role="host", display_name="Hanne Host")
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    asker = make_member(role="newcomer", display_name="Asking Newcomer")
    client = Client()
    client.force_login(host.user)
    for url in MEMBER_PAGES:  # no requests, nothing unread
        kept, whole = _both(client, url, monkeypatch)
        _same_but_token(kept, whole)
        assert _badge_hidden(kept, "requests")

    make_request(asker, host)
    match = make_match(host, newcomer)
    make_message(match, newcomer, "Hej!")
    for _ in range(2):
        for url in MEMBER_PAGES:
            kept, whole = _both(client, url, monkeypatch)
            _same_but_token(kept, whole)
            assert "data-badge-count>2<" in kept  # the menu button: both together
            assert not _badge_hidden(kept, "requests")


def test_each_member_gets_their_own_counts_and_token(site):
    busy = make_member(role="host", display_name="Busy Host")
    quiet = make_member(role="host", display_name="Quiet Host")
    for number in range(3):
        make_request(make_member(role="newcomer", display_name=f"N{number}"), busy)
    clients = {}
    for member in (busy, quiet):
        clients[member] = Client()
        clients[member].force_login(member.user)

    busy_header = _header(clients[busy].get("/members/").content.decode())
    quiet_header = _header(clients[quiet].get("/members/").content.decode())

    assert "data-badge-count>3<" in busy_header
    assert "data-badge-count>3<" not in quiet_header
    assert "data-badge-count>0<" in quiet_header
    assert "velkomstheader" not in busy_header + quiet_header
    busy_token = TOKEN.search(busy_header).group(2)
    quiet_token = TOKEN.search(quiet_header).group(2)
    # Each is the member's own session's token (masked anew on every page).
    assert busy_token != quiet_token
    assert clients[busy].cookies["csrftoken"].value != (
        clients[quiet].cookies["csrftoken"].value
    )
    logout = clients[quiet].post(
        "/accounts/logout/", {"csrfmiddlewaretoken": quiet_token}
    )
    assert logout.status_code == 302


def test_the_kept_headers_are_bounded(site, client, monkeypatch):
    monkeypatch.setattr(frame, "HEADER_KEPT", 3)
    monkeypatch.setattr(frame, "_headers", {})
    for number in range(7):
        assert client.get(f"/?page={number}").status_code == 200
        assert len(frame._headers) <= 3
