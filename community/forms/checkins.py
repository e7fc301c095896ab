from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import CheckIn


class CheckInForm(forms.Form):
    have_met = forms.TypedChoiceField(
        label=_("Have you met since you were matched?"),
        choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the match? (1: not at all, 5: very)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    wish = forms.ChoiceField(
        label=_("What would you like now?"),
        choices=CheckIn.Wish.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything for the coordinator?"),
        help_text=_("Only the programme's coordinators read this."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-textarea"}),
    )
