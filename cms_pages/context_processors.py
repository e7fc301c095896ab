"""Template context every page needs: the main menu and the frame version."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cms_pages.frame import frame_version, menu_items


def navigation(request: HttpRequest) -> dict:
    """``menu_items``: ``title`` and ``url`` of the home page's published children
    marked "show in menus"; ``frame_version``: the key of the cached footer.

    Lazy, so responses that never draw the frame (downloads, redirects) pay nothing.
    """
    return {
        "menu_items": SimpleLazyObject(lambda: menu_items(request)),
        "frame_version": SimpleLazyObject(frame_version),
    }
