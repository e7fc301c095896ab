"""Signing up for an event and cancelling (posted from the event page), and
"My events"."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms_pages.languages import source_page
from community.models import EventSignup
from community.permissions import login_required_with_profile
from community.selectors.events import my_events
from community.services.events import event_signup, event_signup_cancel
from community.views.broken_rules import message_on_broken_rule

# Page ids are 32-bit; a longer number in the address is no event (and SQLite
# cannot even compare it with the page's id, a relation, and raises).
MAX_PAGE_ID = 2**31 - 1


def _event_or_404(event_id: int):
    from cms_pages.models import EventPage

    if event_id > MAX_PAGE_ID:
        raise Http404
    event = EventPage.objects.live().public().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


def _party_size(value: str | None) -> int | None:
    # ASCII digits only: "²".isdigit() is true but int("²") fails.
    if value and value.isascii() and value.isdigit() and len(value) < 3:
        return int(value)
    return None


@require_POST
@login_required_with_profile
def signup(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)  # the page the member is on, in any language
    with message_on_broken_rule(request) as rule:
        created = event_signup(
            profile=request.profile,
            event_id=source_page(event).pk,
            party_size=_party_size(request.POST.get("party_size")),
        )
    if rule.kept:
        if created.status == EventSignup.Status.CONFIRMED:
            messages.success(
                request,
                _("You are signed up. We have e-mailed you the details."),
            )
        else:
            messages.info(
                request,
                _(
                    "The event is full, so you are on the waiting list. We will "
                    "e-mail you if a place opens up."
                ),
            )
    return redirect(event.url + "#signup")


@require_POST
@login_required_with_profile
def cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    with message_on_broken_rule(request) as rule:
        event_signup_cancel(profile=request.profile, event_id=source_page(event).pk)
    if rule.kept:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(event.url + "#signup")


@require_GET
@login_required_with_profile
def my_events_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "community/my_events.html", my_events(profile=request.profile)
    )
