"""Whole public pages for anonymous visitors, kept in the Django cache.

A Wagtail page served to a visitor who is not signed in is stored as it was
sent, under the site, the language and the full address (with its query, so a
filtered idea list is its own entry), and the next anonymous visitor of that
address gets the stored copy without a query. Never kept:

- anything for a signed-in member, or for a visitor with a message waiting
  (the "you have signed out" banner is theirs alone);
- pages behind a privacy setting (a password or sign-in), which Wagtail checks
  before serving;
- answers that set a cookie or carry a form's CSRF token, and anything but a
  200 to a GET.

Every entry is keyed on a version (``config.versioned_cache``) that any change
an editor can make replaces at once: a page saved, published, unpublished,
moved or deleted, a snippet, image, document, redirect, translation or site
setting, and a member's event sign-up (an event page shows the places left).
``VELKOMST_PAGE_CACHE_SECONDS`` is a safety net only (an event that has just
ended may show as upcoming that long) and 0 turns the cache off. With several
processes the cache must be shared (Redis, ``REDIS_URL``), as it already must
be for sessions and the chat.
"""

from functools import cache as memoize
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

from config import versioned_cache

PAGES = "pages"
# Wagtail apps whose models editors change; a rendition is made on a page's
# first view, not by an editor, and would otherwise empty the cache on each.
EDITOR_APPS = frozenset(
    {
        "cms_pages",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtail_localize",
        "taggit",
    }
)
HEADER = "X-Page-Cache"


class AnonymousPageCacheMiddleware:
    """Serve stored Wagtail pages to anonymous visitors; store new ones. Last in
    ``MIDDLEWARE``, so the middleware around it (security headers, CSP, the
    language) treats a stored page as it treats a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _anonymous_get(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            stored[HEADER] = "hit"
            return stored
        response = self.get_response(request)
        if _may_keep(request, response):
            cache.set(key, response, settings.VELKOMST_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response


def _anonymous_get(request: HttpRequest) -> bool:
    if request.method != "GET" or not settings.VELKOMST_PAGE_CACHE_SECONDS:
        return False
    if "messages" in request.COOKIES or not _wagtail_page(request):
        return False
    # A signed-out visitor may still have a session: a message or a page
    # password passed lives there.
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    return not (
        has_session and (request.user.is_authenticated or request.session.keys())
    )


def _wagtail_page(request: HttpRequest) -> bool:
    """The address is Wagtail's to serve: only its pages are ever kept, so the
    log-in page, search or a member page need not look in the cache (two
    reads, round trips to Redis on several machines) before their view runs."""
    return _serves_wagtail(
        request.path_info,
        getattr(request, "urlconf", None),
        translation.get_language(),
    )


@lru_cache(maxsize=4096)
def _serves_wagtail(path: str, urlconf, language: str | None) -> bool:
    # Remembered per address: resolving it again on every kept page would cost
    # a fifth of serving one. ``language`` is part of the key only (the
    # language prefix of the address is matched in it).
    try:
        return resolve(path, urlconf).url_name == "wagtail_serve"
    except Resolver404:
        return False


def _key(request: HttpRequest) -> str:
    return ":".join(
        (
            PAGES,
            versioned_cache.version(PAGES),
            translation.get_language() or "",
            request.get_host(),
            request.get_full_path(),
        )
    )


def _may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(request, "page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's ``before_serve_page`` hook, registered to run after Wagtail's
    own privacy check: a page that got this far may be kept. Behind a privacy
    setting that check has answered already (a sign-in or password form), and a
    visitor who passed it has it in their session, which ``_anonymous_get``
    refuses. Returns nothing, so Wagtail serves the page."""
    request.page_cacheable = True


def renew(**kwargs) -> None:
    """Forget every stored page (now, and once the transaction commits)."""
    versioned_cache.renew(PAGES)


def _model_changed(sender, instance, created: bool = False, **kwargs) -> None:
    edited = sender._meta.app_label in EDITOR_APPS and not _made_by_a_view(
        sender, instance, created
    )
    if edited or sender in _also_watched:
        renew()


def _made_by_a_view(sender, instance, created: bool) -> bool:
    """Made by drawing a page, not by an editor: an image's rendition (made on
    its first view), or site settings created with their defaults by the first
    footer drawn (an editor's change to them is an update)."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    return issubclass(sender, _rendition_models()) or (
        created and isinstance(instance, BaseSiteSetting)
    )


@memoize
def _rendition_models() -> tuple[type, ...]:
    from wagtail.images import get_image_model

    return (get_image_model().get_rendition_model(),)


_also_watched: set[type] = set()


def renew_on_change(*models: type) -> None:
    """Forget the stored pages when one of ``models`` (outside the CMS, such as
    the members' event sign-ups) is saved or deleted."""
    _also_watched.update(models)


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_model_changed, dispatch_uid="pages-post-save")
    post_delete.connect(_model_changed, dispatch_uid="pages-post-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(renew, dispatch_uid=f"pages-{id(signal)}")
    setting_changed.connect(_urls_changed, dispatch_uid="pages-urls-changed")


def _urls_changed(*, setting: str, **kwargs) -> None:
    """Other URLs (a test's): forget which addresses were Wagtail's, as Django
    forgets its resolvers."""
    if setting == "ROOT_URLCONF":
        _serves_wagtail.cache_clear()
