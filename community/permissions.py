"""Who may do what. ``member_required`` guards every page where members see each
other: signed in, and a profile complete enough to be useful to others."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from community.services.profiles import profile_get_or_create_for


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator for function views: the visitor must be signed in and their profile
    must have a role, an area, a language and three interests. Sets
    ``request.profile``. Signed-out visitors go to the login page; members with an
    incomplete profile go to the set-up with a message saying what is missing."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = profile_get_or_create_for(request.user)
        if profile.is_deleted:
            return redirect_to_login(request.get_full_path())
        # is_listed is kept true only for complete profiles: no tag queries then.
        missing = [] if profile.is_listed else profile.missing_for_browsing()
        if missing:
            messages.info(
                request,
                _("Before you can meet other members, please add %(missing)s.")
                % {"missing": get_text_list(missing, _("and"))},
            )
            return redirect("community:profile_setup")
        request.profile = profile
        return view(request, *args, **kwargs)

    return wrapper


def login_required_with_profile(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Decorator for a member's own pages (set-up, data, deleting the account):
    signed in is enough. Sets ``request.profile``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.profile = profile_get_or_create_for(request.user)
        return view(request, *args, **kwargs)

    return wrapper
