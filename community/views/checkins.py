"""Answering a check-in: how is it going with my match?"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community.forms.checkins import CheckInForm
from community.models import CheckIn
from community.permissions import member_required
from community.services.checkins import checkin_answer
from community.views.broken_rules import form_error_on_broken_rule


@require_http_methods(["GET", "POST"])
@member_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    answer = (
        CheckIn.objects.filter(pk=pk, profile=request.profile)
        .select_related("match__host", "match__newcomer")
        .first()
    )
    if answer is None:
        raise Http404
    initial = (
        {
            "have_met": "yes" if answer.have_met else "no",
            "satisfaction": answer.satisfaction,
            "wish": answer.wish,
            "note": answer.note,
        }
        if answer.answered_at
        else None
    )
    # Bound on every POST: an empty one gets the "required" errors, not the
    # blank form again.
    form = CheckInForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        with form_error_on_broken_rule(form) as rule:
            checkin_answer(checkin=answer, by=request.profile, **form.cleaned_data)
        if rule.kept:
            messages.success(
                request, _("Thank you! Your coordinator reads every answer.")
            )
            return redirect("community:match_detail", answer.match_id)
    return render(
        request,
        "community/checkin.html",
        {"checkin": answer, "other": answer.match.other(request.profile), "form": form},
        status=400 if form.errors else 200,
    )
