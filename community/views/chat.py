"""Chat pages: my conversations, one conversation, reporting a message and the
unread-e-mail setting.

The conversation page works without JavaScript: it shows the history (older
pages by link) and posts the composer as a plain form. static/js/chat.js turns
it into a live chat over /ws/conversations/<id>/ (community/realtime/consumers.py).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from community.forms.messaging import MessageForm, MessageReportForm, UnreadEmailForm
from community.permissions import member_required
from community.selectors.meetings import pair_meetings
from community.selectors.messaging import (
    conversation_for,
    conversations_for,
    history,
    message_in_conversation,
)
from community.services.messaging import (
    conversation_mark_read,
    message_report,
    message_send,
    unread_email_preference_set,
)
from community.views.broken_rules import form_error_on_broken_rule

# The words static/js/chat.js shows, translated here.
CHAT_TEXT = {
    "you": gettext_lazy("You"),
    "report": gettext_lazy("Report"),
    "sending": gettext_lazy("Sending…"),
    "sent": gettext_lazy("Sent"),
    "notSent": gettext_lazy("Not sent:"),
    "connecting": gettext_lazy("Connecting…"),
    "live": gettext_lazy("Live"),
    "offline": gettext_lazy("Offline, reconnecting…"),
    "ended": gettext_lazy("This match has ended. The conversation is read-only now."),
    "signedOut": gettext_lazy("Signed out. Log in again to keep chatting."),
    "empty": gettext_lazy("Write something before you send."),
    "tooLong": gettext_lazy("A message can have at most 4,000 characters."),
    "retrying": gettext_lazy("Not sent yet, trying again…"),
    "tooBig": gettext_lazy(
        "The connection was closed because it received too much data at once. "
        "Reload the page to keep chatting."
    ),
}


def _page_number(value: str | None) -> int | None:
    """``?before=`` as a message id, or None for the newest page."""
    # ASCII digits only: "²".isdigit() is true but int("²") fails.
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


@require_http_methods(["GET"])
@member_required
def conversation_list(request: HttpRequest) -> HttpResponse:
    me = request.profile
    return render(
        request,
        "community/conversations.html",
        {
            "rows": conversations_for(profile=me),
            "email_form": UnreadEmailForm(
                initial={"email_on_unread": me.email_on_unread}
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@member_required
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    me = request.profile
    view = conversation_for(profile=me, pk=pk)
    if view is None:
        raise Http404
    form = MessageForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # The form has one input to show it by: any field the rule names is
            # the message (client_id is hidden).
            with form_error_on_broken_rule(form, field="body") as rule:
                sent = message_send(
                    conversation_id=pk,
                    sender=me,
                    body=form.cleaned_data["body"],
                    client_id=form.cleaned_data["client_id"],
                )
            if rule.broken:
                status = 400
            else:
                url = reverse("community:conversation", args=[pk])
                return redirect(f"{url}#message-{sent.message.pk}")
        else:
            status = 400
    before = _page_number(request.GET.get("before"))
    page = history(conversation_id=pk, before=before)
    last_id = view.conversation.last_message_id or 0
    if before is None and last_id:
        conversation_mark_read(conversation_id=pk, profile=me, up_to=last_id)
    my_last = next(
        (m.pk for m in reversed(page["messages"]) if m.sender_id == me.pk), None
    )
    return render(
        request,
        "community/conversation.html",
        {
            "view": view,
            "other": view.other,
            "match": view.conversation.match,
            "meetings": pair_meetings(match=view.conversation.match, me=me),
            "messages_page": page["messages"],
            "older": page["older"],
            "is_latest_page": before is None,
            "last_id": page["messages"][-1].pk if page["messages"] else 0,
            "my_last_id": my_last,
            "seen": bool(my_last and view.other_last_read_id >= my_last),
            "form": form,
            "chat_text": CHAT_TEXT,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@member_required
def message_report_view(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    me = request.profile
    message = message_in_conversation(profile=me, pk=message_pk)
    if message is None or message.conversation_id != pk or message.sender_id == me.pk:
        raise Http404
    form = MessageReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with form_error_on_broken_rule(form, field="reason") as rule:
            message_report(
                reporter=me, message=message, reason=form.cleaned_data["reason"]
            )
        if rule.kept:
            messages.success(
                request,
                _("Thank you. The coordinators will read your report."),
            )
            return redirect("community:conversation", pk)
    return render(
        request,
        "community/message_report.html",
        {"message_obj": message, "form": form, "conversation_id": pk},
    )


@require_POST
@member_required
def unread_email_setting(request: HttpRequest) -> HttpResponse:
    form = UnreadEmailForm(request.POST)
    if form.is_valid():
        enabled = form.cleaned_data["email_on_unread"]
        unread_email_preference_set(profile=request.profile, enabled=enabled)
        messages.success(
            request,
            _("We will e-mail you about unread messages.")
            if enabled
            else _("We will not e-mail you about unread messages."),
        )
    return redirect("community:conversations")
