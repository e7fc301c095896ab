"""Match requests and matches: ask, answer, withdraw, see and end.

Thin views: each parses a form, calls one selector or service and renders or
redirects. A broken rule (``RuleBroken``) becomes a form error or a message
(community/views/broken_rules.py).
Someone else's request or match is a 404, as if it did not exist.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.forms.requests import (
    AcceptForm,
    DeclineForm,
    MatchEndForm,
    MatchRequestForm,
)
from community.models import MatchRequest, ProgrammeTexts
from community.permissions import member_required
from community.selectors.matches import match_for, matches_for
from community.selectors.meetings import pair_meetings
from community.selectors.members import member_relation
from community.selectors.pairs import (
    events_for_pair,
    ideas_for_pair,
    open_checkins,
    wheel_answers,
)
from community.selectors.requests import requests_for
from community.selectors.visibility import visible_other
from community.services.requests import (
    match_end as match_end_service,
)
from community.services.requests import (
    match_request_accept,
    match_request_create,
    match_request_decline,
    match_request_withdraw,
    request_answers_mark_seen,
    requests_mark_seen,
)
from community.views.broken_rules import (
    form_error_on_broken_rule,
    message_on_broken_rule,
)
from community.wheel import wheel_is_filled, wheel_slices

# The words static/js/char-count.js shows under the request's message, translated
# here; it fills in the numbers.
CHAR_COUNT_TEXT = {
    # Translators: a live count under a text box, e.g. "12 of at least 30 characters".
    "atLeast": gettext_lazy("%(count)s of at least %(min)s characters"),
    # Translators: a live count under a text box, e.g. "42 of at most 2,000 characters".
    "atMost": gettext_lazy("%(count)s of at most %(max)s characters"),
}


def _expectation_statement(request: HttpRequest) -> str:
    return ProgrammeTexts.for_request(request).expectations


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("Please check the form.")


def _request_to_me(request: HttpRequest, pk: int) -> MatchRequest:
    """The request ``pk`` the member was sent (with its sender), else 404."""
    return get_object_or_404(
        MatchRequest.objects.select_related("sender"), pk=pk, recipient=request.profile
    )


@require_http_methods(["GET", "POST"])
@member_required
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    me = request.profile
    # Hidden members are a 404 as on their profile page; so are paused ones,
    # whom nobody may ask.
    other = visible_other(viewer=me, pk=pk)
    if other is None or not other.is_available:
        raise Http404
    relation = member_relation(viewer=me, other=other)
    form = MatchRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with form_error_on_broken_rule(form) as rule:
            match_request_create(
                sender=me,
                recipient=other,
                message=form.cleaned_data["message"],
                confirm_expectations=form.cleaned_data["confirm_expectations"],
            )
        if rule.kept:
            messages.success(
                request,
                _(
                    "Your request has been sent to %(name)s. We will let you know "
                    "when they answer."
                )
                % {"name": other.public_name},
            )
            return redirect("community:requests")
    return render(
        request,
        "community/request_form.html",
        {
            "member": other,
            "relation": relation,
            "form": form,
            "expectation_statement": _expectation_statement(request),
            "char_count_text": CHAR_COUNT_TEXT,
        },
    )


@require_GET
@member_required
def request_list(request: HttpRequest) -> HttpResponse:
    me = request.profile
    lists = requests_for(profile=me)
    # Read first, then mark seen: the page still shows what was new.
    requests_mark_seen(profile=me)
    request_answers_mark_seen(profile=me)
    return render(
        request,
        "community/requests.html",
        {
            "received": lists["received"],
            "sent": lists["sent"],
            "expectation_statement": _expectation_statement(request)
            if lists["received"]
            else "",
        },
    )


@require_POST
@member_required
def request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _request_to_me(request, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("community:requests")
    with message_on_broken_rule(request) as rule:
        match = match_request_accept(
            request=match_request,
            by=request.profile,
            confirm_expectations=form.cleaned_data["confirm_expectations"],
        )
    if rule.broken:
        return redirect("community:requests")
    messages.success(
        request,
        _("You and %(name)s are now a match. We have told them the good news.")
        % {"name": match_request.sender.public_name},
    )
    return redirect("community:match_detail", pk=match.pk)


@require_POST
@member_required
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _request_to_me(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("community:requests")
    with message_on_broken_rule(request) as rule:
        match_request_decline(
            request=match_request,
            by=request.profile,
            reason=form.cleaned_data["reason"],
        )
    if rule.kept:
        messages.success(
            request,
            _(
                "You declined the request from %(name)s. We have let them know, "
                "without your reason."
            )
            % {"name": match_request.sender.public_name},
        )
    return redirect("community:requests")


@require_POST
@member_required
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = get_object_or_404(
        MatchRequest.objects.select_related("recipient"), pk=pk, sender=request.profile
    )
    with message_on_broken_rule(request) as rule:
        match_request_withdraw(request=match_request, by=request.profile)
    if rule.kept:
        messages.success(
            request,
            _("You withdrew your request to %(name)s.")
            % {"name": match_request.recipient.public_name},
        )
    return redirect("community:requests")


@require_GET
@member_required
def match_list(request: HttpRequest) -> HttpResponse:
    matches = matches_for(profile=request.profile)
    return render(
        request,
        "community/matches.html",
        {
            "active": [m for m in matches if m.status == m.Status.ACTIVE],
            "ended": [m for m in matches if m.status != m.Status.ACTIVE],
            "open_checkins": open_checkins(profile=request.profile),
        },
    )


@require_GET
@member_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = match_for(profile=request.profile, pk=pk)
    if match is None:
        raise Http404
    other = match.other_member
    wheels = [
        (_("You"), wheel_answers(profile_id=request.profile.pk)),
        (
            other.public_name,
            {} if other.is_deleted else wheel_answers(profile_id=other.pk),
        ),
    ]
    is_active = match.status == match.Status.ACTIVE
    return render(
        request,
        "community/match_detail.html",
        {
            "match": match,
            "meetings": pair_meetings(match=match, me=request.profile),
            "ideas": ideas_for_pair(match=match, me=request.profile)
            if is_active
            else [],
            "events": events_for_pair(match=match) if is_active else [],
            "open_checkins": [
                checkin
                for checkin in open_checkins(profile=request.profile)
                if checkin.match_id == match.pk
            ],
            "wheels": [
                {
                    "whose": whose,
                    "slices": wheel_slices(answers),
                    "filled": wheel_is_filled(answers),
                }
                for whose, answers in wheels
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@member_required
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page with the reason; the match ends only when the member
    confirms there (``confirm``), even when they came from the list's form."""
    match = match_for(profile=request.profile, pk=pk)
    if match is None:
        raise Http404
    if match.status != match.Status.ACTIVE:
        messages.info(request, _("This match has already ended."))
        return redirect("community:matches")
    form = MatchEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"]:
            with form_error_on_broken_rule(form) as rule:
                match_end_service(
                    match=match, by=request.profile, reason=form.cleaned_data["reason"]
                )
            if rule.kept:
                messages.success(
                    request,
                    _(
                        "Your match with %(name)s has ended. We have let them know. "
                        "Thank you for taking part."
                    )
                    % {"name": match.other_member.public_name},
                )
                return redirect("community:matches")
        else:
            # Came from the list: show the confirmation with the reason kept.
            form = MatchEndForm(
                initial={"reason": form.cleaned_data["reason"], "confirm": True}
            )
    if request.method == "GET":
        form = MatchEndForm(initial={"confirm": True})
    return render(request, "community/match_end.html", {"match": match, "form": form})
