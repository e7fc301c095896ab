"""The site frame every page draws (header, main menu, footer), cached.

Everything cached here is the same for every visitor of a site in one language:
page titles and URLs of the menu, the site details of the footer. Nothing per
user. Each language has its own entries (the Danish menu lists the Danish pages,
the footer shows the Danish footer text and contact person where translated).
The entries are keyed on a *frame version* that any change an editor can make to
them replaces (a page saved, published, unpublished, moved or deleted, a privacy
setting, a site, the site details, a footer text, a contact person or a
document, in any language), so the next request draws the new frame. With
several processes the cache must be shared (Redis, ``REDIS_URL``), as it already
must be for sessions and the chat.

The header (``header_html``) is drawn once per process for each page address,
language, site, frame version and kind of visitor (signed in or not, with or
without waiting requests and unread messages): from a context that holds only
those, so nothing else can reach it. A member's own counts and CSRF token go
into their copy afterwards. Drawing it took 2–3 ms of every member page.
"""

from functools import cache as memoize
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from config import versioned_cache

FRAME = "frame"
# A safety net only: changes replace the version at once.
FRAME_TIMEOUT = 60 * 60


def frame_version() -> str:
    """The current frame version; a new one if the cache has lost it."""
    return versioned_cache.version(FRAME)


def menu_items(request: HttpRequest) -> list[dict[str, str]]:
    """``title`` and ``url`` of the home page's published public children marked
    "show in menus", for the site answering ``request``, in the active language:
    the children of the home page's translation (the English home page where
    there is none)."""
    from wagtail.models import Site

    host = request._get_raw_host()
    language = translation.get_language()
    key = f"frame:menu:{frame_version()}:{language}:{host}:{request.get_port()}"
    items = cache.get(key)
    if items is None:
        site = Site.find_for_request(request)
        pages = (
            _home_in(language, site.root_page).get_children().live().public().in_menu()
            if site is not None
            else []
        )
        items = [{"title": page.title, "url": page.get_url(request)} for page in pages]
        cache.set(key, items, FRAME_TIMEOUT)
    return items


def _home_in(language: str, home):
    """The home page's published translation into ``language``, else the home
    page itself (one query, where ``home.localized`` takes two)."""
    translation_ = (
        home.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=language)
        .first()
    )
    return translation_ or home


HEADER_TEMPLATE = "includes/header.html"
# Headers kept per process: a few per member page, one per public page. When
# full, all are dropped and drawn again as asked for.
HEADER_KEPT = 500
_headers: dict[tuple, str] = {}
# The badges the header shows: requests waiting for my answer, unread
# messages, and both together (the menu button's).
HEADER_BADGES = ("requests", "unread_messages", "waiting")


class _Marker(str):
    """A stand-in for a member's value in the kept header: replaced in each
    member's copy, true or false as that kind of visitor's value is."""

    def __new__(cls, name: str, present: bool = True):
        marker = super().__new__(cls, f"velkomstheader{name}marker")
        marker.present = present
        return marker

    def __bool__(self) -> bool:
        return self.present


_CSRF = _Marker("csrf")


def header_html(context) -> SafeString:
    """The site header for the page being drawn (``{% site_header %}``)."""
    request = context.get("request")
    if request is None:  # drawn outside a request: nothing to key it on
        return get_template(HEADER_TEMPLATE).render(context.flatten())
    user = context.get("user")
    signed_in = user is not None and user.is_authenticated
    counts = {}
    if signed_in:
        badges = context.get("member_badges") or {}
        counts = {name: badges.get(name, 0) for name in HEADER_BADGES[:2]}
        counts["waiting"] = counts["requests"] + counts["unread_messages"]
    url_name = getattr(request.resolver_match, "url_name", None)
    alternates = context.get("alternates") or []
    key = (
        str(context.get("frame_version") or frame_version()),
        translation.get_language(),
        request._get_raw_host(),
        request.get_port(),
        request.path,
        url_name,
        signed_in,
        tuple((a.code, a.name, a.url, a.is_current) for a in alternates),
        tuple(count > 0 for count in counts.values()),
    )
    html = _headers.get(key)
    if html is None:
        html = _header_drawn(context, request, url_name, signed_in, counts)
        if len(_headers) >= HEADER_KEPT:
            _headers.clear()
        _headers[key] = html
    if signed_in:
        html = html.replace(_CSRF, get_token(request))
        for name, count in counts.items():
            html = html.replace(_Marker(name), str(int(count)))
    return mark_safe(html)  # noqa: S308 (drawn by the template, escaped there)


def _header_drawn(context, request, url_name, signed_in: bool, counts) -> str:
    """The header drawn from nothing but what ``header_html`` keys it on."""
    menu = context.get("menu_items")
    return get_template(HEADER_TEMPLATE).render(
        {
            "request": SimpleNamespace(
                path=request.path,
                resolver_match=SimpleNamespace(url_name=url_name),
            ),
            "user": SimpleNamespace(is_authenticated=signed_in),
            "member_badges": {
                name: _Marker(name, count > 0) for name, count in counts.items()
            },
            "csrf_token": _CSRF,
            "menu_items": list(menu) if menu is not None else menu_items(request),
            "alternates": context.get("alternates") or [],
        }
    )


def _renew(**kwargs) -> None:
    versioned_cache.renew(FRAME)


def _model_changed(sender, instance, created: bool = False, **kwargs) -> None:
    if not isinstance(instance, _watched_models()):
        return
    # The first footer drawn creates the site details with their defaults, which
    # is what it shows; the admin saves an editor's changes as an update.
    from cms_pages.models import SiteDetails

    if created and isinstance(instance, SiteDetails):
        return
    _renew()


@memoize
def _watched_models() -> tuple[type, ...]:
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction, Site

    from cms_pages.models import ContactPerson, FooterText, SiteDetails

    return (
        Page,
        PageViewRestriction,
        Site,
        SiteDetails,
        FooterText,
        ContactPerson,
        get_document_model(),
    )


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_model_changed, dispatch_uid="frame-post-save")
    post_delete.connect(_model_changed, dispatch_uid="frame-post-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_renew, dispatch_uid=f"frame-{id(signal)}")
