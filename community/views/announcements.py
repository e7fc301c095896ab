"""Announcements, the member's side: the unsubscribe link in every
announcement, and the switch in the profile settings."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community.permissions import login_required_with_profile
from community.services.announcements import (
    BadToken,
    announcement_emails_set,
    unsubscribe_token_read,
)


# Mail clients' one-click unsubscribe (RFC 8058) POSTs here without a CSRF
# token; the signed token in the address is what proves the right. A GET only
# asks, so link scanners that open every link unsubscribe nobody.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        profile = unsubscribe_token_read(token)
    except BadToken:
        return render(request, "community/unsubscribe.html", {"bad": True}, status=400)
    state = "ask"
    if request.method == "POST":
        enabled = request.POST.get("action") == "subscribe"
        if profile is not None:
            announcement_emails_set(profile=profile, enabled=enabled)
        state = "subscribed" if enabled else "unsubscribed"
    response = render(
        request,
        "community/unsubscribe.html",
        {"state": state, "token": token, "test": profile is None},
    )
    # The token is in the address: do not hand it to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@login_required_with_profile
def announcement_email_setting(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("announcement_emails") == "on"
    announcement_emails_set(profile=request.profile, enabled=enabled)
    messages.success(
        request,
        _("We will e-mail you the programme's announcements.")
        if enabled
        else _("We will not e-mail you the programme's announcements."),
    )
    return redirect("community:profile_edit")
