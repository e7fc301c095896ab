"""Views outside the page tree: site search and an event's calendar file."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms_pages.calendar import event_calendar
from cms_pages.listing import page_query, paginate
from cms_pages.models import EventPage

SEARCH_MAX_LENGTH = 200
SEARCH_PER_PAGE = 10


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
    if query:
        matches = Page.objects.live().public().specific().search(query)
        results, page_notices = paginate(request, matches, per_page=SEARCH_PER_PAGE)
        notices += page_notices
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
    event = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    response = HttpResponse(
        event_calendar(event, request=request), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
