"""Joining a partner programme through its invitation link."""

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from community.models import Programme
from community.selectors.members import profile_for_user
from community.services.programmes import profile_programme_set
from community.views.broken_rules import message_on_broken_rule

SESSION_KEY = "velkomst_invited_programme"
# A listed member who joined a programme or changed role, and now needs a
# coordinator's approval (community/services/approvals.py).
STARTED_WAITING = gettext_lazy(
    "A coordinator talks with each new member before they are matched: until "
    "then, other members do not see your profile. Your page says who will "
    "contact you."
)
INVITE_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def invited_programme(request: HttpRequest) -> Programme | None:
    """The running programme whose invitation link this visitor followed."""
    code = request.session.get(SESSION_KEY)
    if not code:
        return None
    programme = Programme.objects.filter(invite_code=code).first()
    return programme if programme and programme.is_active() else None


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    """Visitors are invited to sign up (the set-up then offers the programme);
    members join with one click."""
    # Codes are made by secrets.token_urlsafe; anything else (say a NUL byte,
    # which PostgreSQL refuses in a query) names no programme.
    if not INVITE_CODE.fullmatch(code):
        raise Http404
    programme = Programme.objects.filter(invite_code=code).first()
    if programme is None:
        raise Http404
    running = programme.is_active()
    profile = profile_for_user(request.user) if request.user.is_authenticated else None
    if running:
        request.session[SESSION_KEY] = programme.invite_code
    if request.method == "POST" and profile is not None and running:
        with message_on_broken_rule(request) as rule:
            profile_programme_set(profile=profile, programme=programme)
        if rule.kept:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request, _("You are now in %(name)s.") % {"name": programme.name}
            )
            if profile.awaits_coordinator:
                messages.info(request, STARTED_WAITING)
            return redirect("community:home")
    return render(
        request,
        "community/programme_join.html",
        {"programme": programme, "running": running, "profile": profile},
    )
