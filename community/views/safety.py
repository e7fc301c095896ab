"""Blocking and reporting members. Thin views over community/services/safety.py;
a member I may not see (community/selectors/visibility.py: blocked either way,
paused or in another closed programme and not in touch with me, gone, or
myself) is a 404, as on their profile page. Only my own block can be lifted
whatever became of the member."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.forms.requests import ReportForm
from community.permissions import member_required
from community.selectors.safety import block_consequences, blocks_made_by
from community.selectors.visibility import blocked_by, visible_other
from community.services.safety import member_block, member_report, member_unblock
from community.views.broken_rules import (
    form_error_on_broken_rule,
    message_on_broken_rule,
)


def _visible_or_404(me, pk: int):
    """The member ``pk`` if ``me`` may see them, else 404."""
    other = visible_other(viewer=me, pk=pk)
    if other is None:
        raise Http404
    return other


@require_http_methods(["GET", "POST"])
@member_required
def block(request: HttpRequest, pk: int) -> HttpResponse:
    me = request.profile
    other = _visible_or_404(me, pk)
    if request.method == "POST":
        with message_on_broken_rule(request) as rule:
            outcome = member_block(blocker=me, blocked=other)
        if rule.broken:
            return redirect("community:blocked_list")
        text = _(
            "You have blocked %(name)s. You will no longer see each other, and "
            "neither of you can send the other a request."
        ) % {"name": other.public_name}
        if outcome.match_ended is not None:
            text += " " + _("Your match with them has ended.")
        if outcome.requests_cancelled:
            text += " " + _("The request waiting between you was cancelled.")
        messages.success(request, text)
        return redirect("community:blocked_list")
    return render(
        request,
        "community/block_confirm.html",
        {"member": other, **block_consequences(blocker=me, other=other)},
    )


@require_POST
@member_required
def unblock(request: HttpRequest, pk: int) -> HttpResponse:
    other = blocked_by(blocker=request.profile, pk=pk)
    if other is None:
        raise Http404
    member_unblock(blocker=request.profile, blocked=other)
    messages.success(
        request,
        _("You have unblocked %(name)s.") % {"name": other.public_name},
    )
    return redirect("community:blocked_list")


@require_http_methods(["GET", "POST"])
@member_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    me = request.profile
    other = _visible_or_404(me, pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with form_error_on_broken_rule(form) as rule:
            member_report(
                reporter=me, reported=other, reason=form.cleaned_data["reason"]
            )
        if rule.kept:
            messages.success(
                request,
                _(
                    "Thank you for telling us. A coordinator will read your report "
                    "and may contact you. %(name)s is not told who reported them."
                )
                % {"name": other.public_name},
            )
            if other.is_available:
                return redirect("community:profile_detail", pk=other.pk)
            return redirect("community:home")
    return render(
        request, "community/report_form.html", {"member": other, "form": form}
    )


@require_GET
@member_required
def blocked_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/blocked_list.html",
        {"blocks": blocks_made_by(profile=request.profile)},
    )
