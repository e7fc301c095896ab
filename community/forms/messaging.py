"""Forms for chat: the composer (for browsers without JavaScript), reporting a
message and the unread-e-mail setting. The rules live in
community/services/messaging.py."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import MAX_MESSAGE_LENGTH
from community.services.messaging import MAX_REPORT_REASON

# Taken in full so the service can refuse an over-long message in words.
_PARSE_LIMIT = 20_000


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=_PARSE_LIMIT,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "maxlength": MAX_MESSAGE_LENGTH,
                "class": "form-textarea chat-composer__input",
                # The limit and the advice under the box
                # (templates/community/conversation.html).
                "aria-describedby": "chat-body-help",
            }
        ),
        error_messages={"required": _("Write something before you send.")},
    )
    # Made when the page is rendered, so pressing "Send" twice (or resending
    # the form after a network error) stores the message once. A missing or
    # mangled id just gets a new one: the message is still sent.
    client_id = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=uuid.uuid4
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's limit is the rule's, not the parse limit above (which
        # Django writes into the widget's maxlength).
        self.fields["body"].widget.attrs["maxlength"] = MAX_MESSAGE_LENGTH

    def clean_client_id(self) -> uuid.UUID:
        try:
            return uuid.UUID(self.cleaned_data["client_id"])
        except ValueError:
            return uuid.uuid4()


class MessageReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        help_text=_("Only the programme's coordinators read this."),
        max_length=_PARSE_LIMIT,
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": MAX_REPORT_REASON, "class": "form-textarea"}
        ),
        error_messages={"required": _("Please tell us what is wrong.")},
    )


class UnreadEmailForm(forms.Form):
    email_on_unread = forms.BooleanField(
        label=_("E-mail me when a message has waited 15 minutes"),
        help_text=_("At most one e-mail per conversation until you have read it."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
