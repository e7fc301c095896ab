"""allauth hooks.

- E-mails name the site as the Wagtail site is called (Settings → Sites), not by
  its host name, and leave outside the request (``config.mail.message_enqueue``).
- A sign-up hashes its password (in the form) whether or not the address has an
  account, a new account is saved with that hash, and either answer comes no
  sooner than ``VELKOMST_SIGNUP_ANSWER_SECONDS`` after it: the time it takes does
  not tell whether the address has an account.
- Wrong passwords are limited per account and IP address, per account and per IP
  address (``ACCOUNT_RATE_LIMITS``); a device the account logged in on before is
  held only to its own limit, so a stranger cannot lock the owner out of it.
"""

import time
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_email
from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.signing import BadSignature
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from community.text import MAX_PASSWORD_LENGTH
from config.mail import message_enqueue

# A signed cookie listing (as keyed hashes) the last few addresses that logged in
# on this browser.
KNOWN_DEVICE_COOKIE = "velkomst_known_device"
KNOWN_DEVICE_SALT = "velkomst.known-device"
KNOWN_DEVICE_MAX_AGE = 180 * 24 * 60 * 60
KNOWN_DEVICE_ADDRESSES = 5


def site_name_for(request) -> str:
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def _address_mark(address: str) -> str:
    mark = salted_hmac(KNOWN_DEVICE_SALT, address.strip().lower(), algorithm="sha256")
    return mark.hexdigest()[:24]


def known_device_marks(request) -> list[str]:
    """The marks of the addresses that logged in on this browser, newest first;
    none if the cookie is missing, too old or not ours."""
    try:
        value = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE
        )
    except (KeyError, BadSignature):
        return []
    return [mark for mark in value.split(":") if mark][:KNOWN_DEVICE_ADDRESSES]


def _device_known(request, address: str) -> bool:
    """Has this account logged in on this browser before, or is it the one
    logged in now (re-entering the password to change the address)?"""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if signed_in and (user_email(user) or "").lower() == address.strip().lower():
        return True
    return _address_mark(address) in known_device_marks(request)


def _pair_key(request, address: str) -> str:
    return f"{ratelimit.get_ip(request)}:{address.strip().lower()}"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts. Please wait a few minutes and try "
            "again, or reset your password."
        ),
    }

    def clean_email(self, email: str) -> str:
        """No longer than the account's column holds (a form's limit is longer),
        so a long address is a message, not a database error."""
        limit = get_user_model()._meta.get_field("email").max_length
        if len(email) > limit:
            raise forms.ValidationError(
                _("Please use an e-mail address of at most %(limit)d characters."),
                params={"limit": limit},
            )
        return super().clean_email(email)

    # --- E-mail ---------------------------------------------------------------------

    def clean_password(self, password: str, user=None) -> str:
        """Django's validators, and a length every form can take again: the
        forms that ask for the password later (deleting the account) take at
        most ``MAX_PASSWORD_LENGTH`` characters."""
        if len(password) > MAX_PASSWORD_LENGTH:
            raise forms.ValidationError(
                _("Please choose a password of at most %(limit)d characters.")
                % {"limit": MAX_PASSWORD_LENGTH}
            )
        return super().clean_password(password, user=user)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Rendered now (its links need the request), sent by the worker thread."""
        from allauth.core import context as allauth_context

        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_name": site_name_for(request),
            **context,
        }
        message_enqueue(self.render_mail(template_prefix, email, context))

    # --- Sign-up --------------------------------------------------------------------

    def save_user(self, request, user, form, commit=True):
        """A new account takes the hash its sign-up form made (see
        community/forms/accounts.py) rather than hashing the password again."""
        password_hash = getattr(form, "password_hash", None)
        if password_hash is None:
            return super().save_user(request, user, form, commit)
        without_password = SimpleNamespace(
            cleaned_data={
                name: value
                for name, value in form.cleaned_data.items()
                if name not in ("password", "password1", "password2")
            }
        )
        user = super().save_user(request, user, without_password, commit=False)
        user.password = password_hash
        if commit:
            user.save()
        return user

    def respond_email_verification_sent(self, request, user):
        """The answer to a sign-up, either kind, and to logging in unverified."""
        hashed_at = getattr(request, "velkomst_signup_hashed_at", None)
        if hashed_at is not None:
            answer_at = hashed_at + settings.VELKOMST_SIGNUP_ANSWER_SECONDS
            time.sleep(max(0.0, answer_at - time.monotonic()))
        return super().respond_email_verification_sent(request, user)

    # --- Log-out --------------------------------------------------------------------

    def get_logout_redirect_url(self, request) -> str:
        """The home page in the language of the page the member logged out on
        (its address has the language: /da/accounts/logout/ → /da/)."""
        return reverse("wagtail_serve", args=[""])

    # --- Log-in limits --------------------------------------------------------------

    def pre_authenticate(self, request, **credentials) -> None:
        """Count this attempt against the limits, refusing it if one is reached.
        A successful log-in gives the counts back (allauth's ``authenticate``)."""
        address = str(credentials.get("email") or credentials.get("username") or "")
        checks = [("login_failed_pair", _pair_key(request, address))]
        if not _device_known(request, address):
            # allauth's own key, which a password reset clears.
            key = self._get_login_attempts_cache_key(request, **credentials)
            checks.append(("login_failed", key))
        consumed: list = []
        for action, key in checks:
            usage = ratelimit.consume(
                request, app="allauth.account", action=action, key=key
            )
            if usage is None:
                for earlier in consumed:
                    earlier.rollback()
                raise self.validation_error("too_many_login_attempts")
            consumed.extend(usage.usage)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=consumed)

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """After a password reset the new password works at once from here too."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        address = str(credentials.get("email") or "")
        ratelimit.clear(
            request,
            app="allauth.account",
            action="login_failed_pair",
            key=_pair_key(request, address),
        )

    def post_login(self, request, user, **kwargs):
        """Remember on this browser that the account logged in here."""
        response = super().post_login(request, user, **kwargs)
        mark = _address_mark(user_email(user) or "")
        marks = [mark] + [m for m in known_device_marks(request) if m != mark]
        response.set_signed_cookie(
            KNOWN_DEVICE_COOKIE,
            ":".join(marks[:KNOWN_DEVICE_ADDRESSES]),
            salt=KNOWN_DEVICE_SALT,
            max_age=KNOWN_DEVICE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
