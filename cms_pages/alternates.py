"""Where the page being read is in each language: for the language link in the
header and the ``hreflang`` links in every page's head.

A Wagtail page's other language is its translation (same translation key); a
page not translated yet leads to its nearest translated ancestor, and at last to
that language's home page. Any other view (members' pages, accounts, search) has
its address in the other language from Django's ``translate_url``. Query strings
stay on the address of the same page in another language (a filtered list stays
filtered) and are dropped when the link leads elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from wagtail.models import Page

from cms_pages.frame import FRAME_TIMEOUT, frame_version


@dataclass(frozen=True)
class Alternate:
    """The page being read in one language."""

    code: str
    # The language's name in that language ("English", "Dansk").
    name: str
    url: str
    absolute_url: str
    # The same page or view in that language, not a stand-in such as an
    # ancestor or the home page: only these are announced with hreflang.
    is_equivalent: bool
    is_current: bool
    is_default: bool


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def alternates_for_request(
    request: HttpRequest, page: Page | None = None
) -> list[Alternate]:
    """One ``Alternate`` per language of the site, in the order of
    ``settings.LANGUAGES``. ``page`` is the Wagtail page being served, if any."""
    if page is not None and page.pk is not None:
        urls = {
            code: (_with_query(url, request) if equivalent else url, equivalent)
            for code, (url, equivalent) in _cached_page_urls(page, request).items()
        }
    else:
        urls = _view_urls(request)
    current = translation.get_language()
    return [
        Alternate(
            code=code,
            name=capfirst(get_language_info(code)["name_local"]),
            url=url,
            absolute_url=request.build_absolute_uri(url),
            is_equivalent=equivalent,
            is_current=code == current,
            is_default=code == settings.LANGUAGE_CODE,
        )
        for code, (url, equivalent) in urls.items()
    ]


def _with_query(url: str, request: HttpRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def home_url(code: str) -> str:
    """The home page's address in language ``code`` (``/``, ``/da/``)."""
    try:
        with translation.override(code):
            return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


def _cached_page_urls(page: Page, request: HttpRequest) -> dict[str, tuple[str, bool]]:
    """``_page_urls``, kept with the site frame: whatever changes a page's
    translations or their addresses (a page saved, published, moved, a site)
    replaces the frame version, so no stale link outlives an editor's change."""
    key = (
        f"frame:alternates:{frame_version()}:{request._get_raw_host()}:"
        f"{request.get_port()}:{page.pk}"
    )
    urls = cache.get(key)
    if urls is None:
        urls = _page_urls(page, request)
        cache.set(key, urls, FRAME_TIMEOUT)
    return urls


def _page_urls(page: Page, request: HttpRequest) -> dict[str, tuple[str, bool]]:
    """Each language's address of ``page`` without the query string, and
    whether it is the page itself (its translation) rather than a stand-in: the
    nearest ancestor published in that language, else that language's home
    page. One query finds both the translations and the translated ancestors (a
    translation sits as deep in its language's tree as its source does)."""
    ancestors = page.get_ancestors().filter(depth__gt=1).values("translation_key")
    candidates = (
        Page.objects.live()
        .filter(
            Q(translation_key=page.translation_key) | Q(translation_key__in=ancestors)
        )
        .select_related("locale")
        .order_by("-depth")
    )
    translations: dict[str, Page] = {}
    nearest: dict[str, Page] = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if candidate.translation_key == page.translation_key:
            # The page itself stands for its own language, even as a preview.
            translations[code] = page if candidate.pk == page.pk else candidate
        else:
            nearest.setdefault(code, candidate)
    if page.pk not in {other.pk for other in translations.values()}:
        translations[page.locale.language_code] = page  # a draft, not yet live
    urls: dict[str, tuple[str, bool]] = {}
    for code in language_codes():
        other = translations.get(code)
        url = other.get_url(request) if other is not None else None
        if url:
            urls[code] = (url, True)
            continue
        ancestor = nearest.get(code)
        url = ancestor.get_url(request) if ancestor is not None else None
        urls[code] = (url or home_url(code), False)
    return urls


def _view_urls(request: HttpRequest) -> dict[str, tuple[str, bool]]:
    """The current view's address in each language, by Django's
    ``translate_url``; where it has none, that language's home page. An
    address Wagtail was asked for without a page to show (a page not found)
    has none: its other-language form would be no page either."""
    full_path = request.get_full_path()
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    page_not_found = match is not None and match.url_name == "wagtail_serve"
    urls: dict[str, tuple[str, bool]] = {}
    for code in language_codes():
        if code == current:
            urls[code] = (full_path, True)
            continue
        url = translate_url(full_path, code)
        if url == full_path or page_not_found:
            urls[code] = (home_url(code), False)
        else:
            urls[code] = (url, True)
    return urls
