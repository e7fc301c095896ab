"""A pair's meetings: suggest one (or another time), accept, decline, cancel,
and the box the conversation page fetches when the socket says they changed.

Thin views: each parses a form, calls one selector or service and renders or
redirects; a broken rule becomes a form error or a message
(community/views/broken_rules.py). Someone else's match or meeting is a 404,
as if it did not exist. A button says where to go back to (``next``: the
pair page, the conversation or the member's home).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.forms.meetings import RETURN_TO, MeetingForm
from community.models import Match
from community.permissions import member_required
from community.selectors.matches import match_for
from community.selectors.meetings import (
    meeting_for,
    meeting_plan_choices,
    pair_meetings,
)
from community.selectors.messaging import conversation_id_for_match
from community.services.meetings import (
    meeting_accept,
    meeting_cancel,
    meeting_decline,
    meeting_propose,
)
from community.views.broken_rules import (
    form_error_on_broken_rule,
    message_on_broken_rule,
)


def _where(value: str | None) -> str:
    """Where a button leads back to: "pair" unless it names another page."""
    return value if value in RETURN_TO else "pair"


def _back_url(match_id: int, where: str | None) -> str:
    """The page the member came from."""
    where = _where(where)
    if where == "chat":
        conversation_id = conversation_id_for_match(match_id=match_id)
        if conversation_id is not None:
            return reverse("community:conversation", args=[conversation_id])
    if where == "home":
        return reverse("community:home")
    return reverse("community:match_detail", args=[match_id])


@require_http_methods(["GET", "POST"])
@member_required
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggest a meeting (or another time than the open suggestion)."""
    me = request.profile
    match = match_for(profile=me, pk=pk)
    if match is None:
        raise Http404
    if match.status != Match.Status.ACTIVE:
        messages.info(request, _("This match has ended."))
        return redirect("community:match_detail", match.pk)
    plans = meeting_plan_choices(match=match, me=me)
    back = _where(request.POST.get("next") or request.GET.get("next"))
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, plans=plans)
        if form.is_valid():
            data = form.cleaned_data
            with form_error_on_broken_rule(form) as rule:
                meeting_propose(
                    match=match,
                    by=me,
                    starts_at=data["starts_at"],
                    place=data["place"],
                    idea_id=data["idea_id"],
                    event_id=data["event_id"],
                    note=data["note"],
                )
            if rule.kept:
                messages.success(
                    request,
                    _("Your suggestion is sent. We tell you when %(name)s answers.")
                    % {"name": match.other_member.public_name},
                )
                return redirect(_back_url(match.pk, back))
        status = 400
    else:
        chosen = request.GET.get("plan", "")
        form = MeetingForm(
            initial={"plan": chosen if plans.page(chosen) is not None else ""},
            plans=plans,
        )
    return render(
        request,
        "community/meeting_form.html",
        {
            "match": match,
            "other": match.other_member,
            "meetings": pair_meetings(match=match, me=me),
            "form": form,
            "back": back,
            "back_url": _back_url(match.pk, back),
        },
        status=status,
    )


def _answer(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    me = request.profile
    meeting = meeting_for(profile=me, pk=pk)
    if meeting is None:
        raise Http404
    with message_on_broken_rule(request) as rule:
        service(meeting=meeting, by=me)
    if rule.kept:
        messages.success(request, done % {"name": meeting.match.other(me).public_name})
    return redirect(_back_url(meeting.match_id, request.POST.get("next")))


@require_POST
@member_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        meeting_accept,
        _("The meeting is agreed. You and %(name)s both get it by e-mail."),
    )


@require_POST
@member_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        meeting_decline,
        _("We told %(name)s that the time does not suit you."),
    )


@require_POST
@member_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        meeting_cancel,
        _("Called off: %(name)s sees that it will not happen."),
    )


@require_GET
@member_required
def box(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's meetings as the conversation page shows them (fetched by
    static/js/chat.js when the socket says they changed)."""
    me = request.profile
    match = match_for(profile=me, pk=pk)
    if match is None:
        raise Http404
    return render(
        request,
        "community/meetings/box.html",
        {
            "match": match,
            "other": match.other_member,
            "meetings": pair_meetings(match=match, me=me),
            "next": "chat",
            "compact": True,
        },
    )
