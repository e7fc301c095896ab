"""Template context every page needs: the main menu."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site


def _menu_pages(request: HttpRequest) -> list[Page]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu())


def navigation(request: HttpRequest) -> dict:
    """``menu_pages``: the home page's published children marked "show in menus".

    Lazy, so responses that never draw the menu (downloads, redirects) pay nothing.
    """
    return {"menu_pages": SimpleLazyObject(lambda: _menu_pages(request))}
