"""Forms for match requests, matches and safety. They only parse what was typed;
the rules (and their messages) live in community/services/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models.matches import MIN_REQUEST_MESSAGE
from community.services.requests import MAX_REASON, MAX_REQUEST_MESSAGE
from community.services.safety import MAX_REPORT_REASON
from community.text import without_hidden

# Browsers enforce maxlength; a crafted POST can still send more. The form then
# takes up to this many characters and lets the service give its message, so a
# 10,000-character message is refused in words, not with a 400.
_PARSE_LIMIT = 20_000

EXPECTATIONS_LABEL = _("I have read and accept the programme's expectations")


class _Text(forms.CharField):
    """Text as typed, without the invisible characters that hide or disguise
    it (community/text.py): 40 zero-width spaces are an empty message."""

    def to_python(self, value):
        return super().to_python(
            without_hidden(value) if isinstance(value, str) else value
        )

    def widget_attrs(self, widget):
        # The browser's maxlength is the rule's limit the widget names, not the
        # parse limit (which Django would otherwise write over it).
        attrs = super().widget_attrs(widget)
        if "maxlength" in widget.attrs:
            attrs.pop("maxlength", None)
        return attrs


class _TextArea(forms.Textarea):
    def __init__(self, rows: int, maxlength: int):
        super().__init__(
            attrs={"rows": rows, "maxlength": maxlength, "class": "form-textarea"}
        )


class _ConfirmExpectations(forms.BooleanField):
    """The box a member must tick to accept the programme's expectations;
    ``required_message`` says so when it is left empty."""

    def __init__(self, required_message):
        super().__init__(
            label=EXPECTATIONS_LABEL,
            required=True,
            error_messages={"required": required_message},
            widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        )


class MatchRequestForm(forms.Form):
    message = _Text(
        label=_("Your message"),
        help_text=_(
            "Say hello and why you'd like to meet: at least 30 characters, "
            "at most 2,000."
        ),
        max_length=_PARSE_LIMIT,
        widget=_TextArea(rows=7, maxlength=MAX_REQUEST_MESSAGE),
        error_messages={
            "required": _(
                "Please write a message: say hello and why you'd like to meet."
            )
        },
    )
    confirm_expectations = _ConfirmExpectations(
        _("Please read the programme's expectations and confirm that you accept them.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = self.fields["message"].widget.attrs
        attrs["minlength"] = MIN_REQUEST_MESSAGE
        # static/js/char-count.js counts what is typed against both limits.
        attrs["data-char-count"] = ""


class AcceptForm(forms.Form):
    confirm_expectations = _ConfirmExpectations(
        _(
            "Please read the programme's expectations and confirm that you "
            "accept them before you accept the request."
        )
    )


class DeclineForm(forms.Form):
    reason = _Text(
        label=_("Reason (optional, only the coordinators see it)"),
        required=False,
        max_length=_PARSE_LIMIT,
        widget=_TextArea(rows=2, maxlength=MAX_REASON),
    )


class MatchEndForm(forms.Form):
    reason = _Text(
        label=_("Why are you ending the match?"),
        help_text=_(
            "Only the programme's coordinators see this. The other member is told "
            "that the match has ended, not why."
        ),
        max_length=_PARSE_LIMIT,
        widget=_TextArea(rows=4, maxlength=MAX_REASON),
        error_messages={"required": _("Please tell us briefly why.")},
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = _Text(
        label=_("What happened?"),
        help_text=_(
            "Between 10 and 2,000 characters. Only the coordinators read this; "
            "the member is not told who reported them."
        ),
        max_length=_PARSE_LIMIT,
        widget=_TextArea(rows=7, maxlength=MAX_REPORT_REASON),
        error_messages={
            "required": _(
                "Please tell the coordinators what happened, in at least 10 characters."
            )
        },
    )
