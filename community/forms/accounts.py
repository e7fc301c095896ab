"""Sign-up additions for allauth: the name other members see and accepting the
community guidelines. allauth mixes this class into its own sign-up form
(``ACCOUNT_SIGNUP_FORM_CLASS``), so e-mail and password come from allauth."""

import time

from allauth.core import context as allauth_context
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.services.profiles import profile_create_at_signup
from community.text import is_visible, without_hidden

GUIDELINES_ANCHOR = "community-guidelines"


class SignupForm(forms.Form):
    field_order = ["display_name", "email", "password1", "password2"]

    display_name = forms.CharField(
        label=_("Your first name or nickname"),
        max_length=80,
        strip=True,
        help_text=_("Other members see this name. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    accept_guidelines = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Please read and accept the community guidelines to join.")
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accept_guidelines"].label = format_html(
            '{} <a href="#{}">{}</a>',
            gettext("I have read and accept the"),
            GUIDELINES_ANCHOR,
            gettext("community guidelines"),
        )

    def clean_display_name(self) -> str:
        name = " ".join(without_hidden(self.cleaned_data["display_name"]).split())
        if not is_visible(name):
            raise forms.ValidationError(_("Please tell us what to call you."))
        return name

    def clean(self) -> dict:
        cleaned_data = super().clean()
        password = cleaned_data.get("password1")
        if password and not self.errors:
            # A sign-up's one password hash (PBKDF2, nearly all of its time),
            # made before a sign-up with an address that has an account and one
            # with a new address part ways, so both make it alike. The adapter
            # saves a new account with it and answers either kind no sooner than
            # VELKOMST_SIGNUP_ANSWER_SECONDS after it (community/adapters.py).
            self.password_hash = make_password(password)
            request = allauth_context.request
            if request is not None:
                request.velkomst_signup_hashed_at = time.monotonic()
        return cleaned_data

    def signup(self, request, user) -> None:
        """Called by allauth once the user is saved."""
        profile_create_at_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            request=request,
        )
