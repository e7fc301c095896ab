"""The language link in the header: a plain GET link to the same page in the
other language that also remembers a signed-in member's choice (their pages
and e-mails follow it)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from community.selectors.members import profile_for_user
from community.services.profiles import profile_language_choose


@require_GET
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Go to ``?next=`` (this site only) in language ``code``; an unknown code
    or an outside address falls back to the home page in a known language."""
    codes = {language for language, _name in settings.LANGUAGES}
    if code not in codes:
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    target = _translated(target, code)
    profile = profile_for_user(request.user)
    if profile is not None and not profile.is_deleted:
        profile_language_choose(profile=profile, language=code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _translated(url: str, code: str) -> str:
    """``url`` in language ``code``. The header's link already points at the
    other language's page (for Wagtail pages, its translation); any other URL
    is translated here, resolved in the language of its own prefix."""
    source = translation.get_language_from_path(urlsplit(url).path)
    source = source or settings.LANGUAGE_CODE
    if source == code:
        return url
    with translation.override(source):
        return translate_url(url, code)
