"""Reading list parameters from the URL without ever failing on them.

Visitors (and bots) send page numbers like ``abc`` or ``10**100``; such input gets
the nearest sensible page and a notice in words, never an error page.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def paginate(
    request: HttpRequest, items, *, per_page: int, param: str = "page"
) -> tuple[Page, list[str]]:
    """Return the requested page of ``items`` and any notices about the request."""
    notices: list[str] = []
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    raw = request.GET.get(param, "1").strip()
    try:
        number = int(raw) if len(raw) <= 12 else None
    except ValueError:
        number = None
    if number is None or number < 1:
        notices.append(_("That page number is not valid, so here is the first page."))
        number = 1
    elif number > paginator.num_pages:
        notices.append(
            ngettext(
                "There is only %(count)d page, so here is the last one.",
                "There are only %(count)d pages, so here is the last one.",
                paginator.num_pages,
            )
            % {"count": paginator.num_pages}
        )
        number = paginator.num_pages
    return paginator.page(number), notices


def page_query(request: HttpRequest, *, param: str = "page") -> str:
    """The current query string without the page parameter, for pagination links."""
    query = request.GET.copy()
    query.pop(param, None)
    return query.urlencode()
