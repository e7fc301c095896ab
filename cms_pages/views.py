"""Views outside the page tree: site search and an event's calendar file."""

import re

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.static import serve
from wagtail.models import Page

from cms_pages.calendar import event_calendar
from cms_pages.listing import page_query, paginate
from cms_pages.models import EventPage
from cms_pages.models.snippets import localized_queryset

SEARCH_MAX_LENGTH = 200
WORD = re.compile(r"\w+")
SEARCH_PER_PAGE = 10
# Page ids are 32-bit; a longer number in the address is no page (and SQLite
# cannot even compare it with an event's id, a relation, and raises).
MAX_PAGE_ID = 2**31 - 1


def search_terms(query: str) -> str:
    """The words of a query, without the punctuation that search backends would
    read as syntax (SQLite's FTS5 fails on quotes and operators)."""
    return " ".join(WORD.findall(query))


def search(request: HttpRequest) -> TemplateResponse:
    query = " ".join(request.GET.get("q", "").split())
    notices: list[str] = []
    results = None
    if len(query) > SEARCH_MAX_LENGTH:
        query = query[:SEARCH_MAX_LENGTH]
        notices.append(
            _("Your search was long, so only its first %(count)d characters were used.")
            % {"count": SEARCH_MAX_LENGTH}
        )
    terms = search_terms(query)
    if terms:
        # Each page once, in the reader's language where it is translated.
        pages = localized_queryset(Page.objects.live().public())
        matches = pages.specific().search(terms)
        results, page_notices = paginate(request, matches, per_page=SEARCH_PER_PAGE)
        notices += page_notices
    elif query:
        notices.append(_("Search for words or numbers; punctuation is ignored."))
    elif "q" in request.GET:
        notices.append(_("Type one or more words to search for."))
    return TemplateResponse(
        request,
        "cms_pages/search.html",
        {
            "search_query": query,
            "results": results,
            "notices": notices,
            "page_query": page_query(request),
        },
    )


def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    """The event as an iCalendar file, for any published, public event."""
    if page_id > MAX_PAGE_ID:
        raise Http404
    event = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    response = HttpResponse(
        event_calendar(event, request=request), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says; point them at the logo."""
    return HttpResponsePermanentRedirect(static("img/logo-mark.svg"))


def media_image(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded image or rendition from MEDIA_ROOT (read at request time)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
