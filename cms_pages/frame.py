"""The site frame every page draws (main menu, footer), cached in the Django cache.

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
"""

from functools import cache as memoize

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils import translation

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
