"""A member's own pages: the set-up after sign-up, editing the profile,
confirming the programme's expectations, downloading their data and leaving."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from community.forms.profile import (
    AboutYouForm,
    AreaForm,
    DeleteAccountForm,
    ExpectationsConfirmForm,
    GiveAndExpectForm,
    InterestsForm,
    language_formset,
)
from community.forms.wheel import WheelForm
from community.models import Profile, Role
from community.permissions import login_required_with_profile, member_required
from community.selectors.home import member_home
from community.selectors.pairs import wheel_answers
from community.selectors.visibility import visible_other
from community.services.data_export import member_data_export
from community.services.profiles import (
    account_delete,
    expectations_confirm,
    profile_languages_set,
    profile_photo_set,
    profile_tags_set,
    profile_update,
    programme_texts_for,
)
from community.services.programmes import profile_programme_set
from community.services.wheel import wheel_save
from community.views.broken_rules import form_error_on_broken_rule
from community.views.programmes import STARTED_WAITING, invited_programme
from community.wheel import wheel_is_filled, wheel_slices

STEP_TITLES = {
    1: gettext_lazy("Who are you?"),
    2: gettext_lazy("Where and which languages?"),
    3: gettext_lazy("What do you enjoy?"),
    4: gettext_lazy("What can you give and expect?"),
}
LAST_STEP = 4


def _step_title(step: int) -> str:
    return str(STEP_TITLES[step])


def _forms_for(parts, profile: Profile, data=None, files=None, invited=None) -> dict:
    forms = {}
    if "about" in parts:
        forms["about"] = AboutYouForm(data=data, instance=profile, invited=invited)
    if "area" in parts:
        forms["area"] = AreaForm(data=data, instance=profile)
        forms["languages"] = language_formset(profile=profile, data=data)
    if "interests" in parts:
        forms["interests"] = InterestsForm(data=data, profile=profile)
    if "give" in parts:
        forms["give"] = GiveAndExpectForm(
            data=data, files=files, instance=profile, role=profile.role
        )
    return forms


STEP_PARTS = {1: ("about",), 2: ("area",), 3: ("interests",), 4: ("give",)}
ALL_PARTS = ("about", "area", "interests", "give")


@transaction.atomic
def _save(profile: Profile, forms: dict) -> None:
    if "about" in forms:
        about = forms["about"].cleaned_data
        profile_update(profile=profile, data=about)
        if "programme" in forms["about"].fields and about["programme"] != (
            profile.programme
        ):
            profile_programme_set(profile=profile, programme=about["programme"])
    if "area" in forms:
        profile_update(profile=profile, data=forms["area"].cleaned_data)
        profile_languages_set(profile=profile, languages=forms["languages"].languages())
    if "interests" in forms:
        data = forms["interests"].cleaned_data
        profile_tags_set(
            profile=profile,
            interests=data["all_interests"],
            professions=list(data.get("professions") or []),
            hopes=list(data.get("hopes") or []),
        )
    if "give" in forms:
        give = forms["give"]
        profile_update(profile=profile, data=give.profile_data())
        if give.cleaned_data.get("photo_remove"):
            profile_photo_set(profile=profile, photo=None)
        elif give.cleaned_data.get("photo_upload"):
            profile_photo_set(profile=profile, photo=give.cleaned_data["photo_upload"])


def _first_open_step(profile: Profile) -> int:
    if not profile.role:
        return 1
    if not profile.municipality_id or not profile.language_items.exists():
        return 2
    if profile.missing_for_browsing():
        return 3
    return 1


@login_required_with_profile
def home(request: HttpRequest) -> HttpResponse:
    """The member's home: where they stand and what to do next."""
    if request.profile.is_deleted:
        return redirect_to_login(request.get_full_path())
    if not request.profile.role:
        # Nothing set up yet (just signed up): straight to the first step.
        return redirect("community:profile_setup")
    home = member_home(profile=request.profile)
    return render(
        request,
        "community/home.html",
        {
            "home": home,
            "state": home.state.value,
            "setup_step_title": _step_title(home.setup.step) if home.setup else "",
            "last_step": LAST_STEP,
        },
    )


@login_required_with_profile
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest, step: int | None = None) -> HttpResponse:
    profile = request.profile
    if step is None:
        return redirect("community:profile_setup_step", step=_first_open_step(profile))
    if step not in STEP_PARTS:
        raise Http404
    if step == LAST_STEP and not profile.role:
        messages.info(request, _("First tell us whether you join as host or newcomer."))
        return redirect("community:profile_setup_step", step=1)

    parts = STEP_PARTS[step]
    if request.method == "POST":
        forms = _forms_for(
            parts,
            profile,
            request.POST,
            request.FILES,
            invited=invited_programme(request),
        )
        if all(form.is_valid() for form in forms.values()):
            _save(profile, forms)
            if step < LAST_STEP:
                return redirect("community:profile_setup_step", step=step + 1)
            missing = profile.missing_for_browsing()
            if missing:
                messages.info(
                    request,
                    _("Almost there! Please still add %(missing)s.")
                    % {"missing": ", ".join(missing)},
                )
                return redirect("community:profile_setup")
            if profile.awaits_coordinator:
                messages.success(
                    request,
                    _(
                        "Welcome, %(name)s! Your profile is ready. A coordinator "
                        "will contact you before you are matched."
                    )
                    % {"name": profile.display_name},
                )
                return redirect("community:home")
            messages.success(
                request,
                _(
                    "Welcome, %(name)s! Your profile is ready. Here are members you "
                    "may like to meet."
                )
                % {"name": profile.display_name},
            )
            return redirect("community:suggested")
    else:
        forms = _forms_for(parts, profile, invited=invited_programme(request))

    return render(
        request,
        "community/profile_setup.html",
        {
            "profile": profile,
            "forms": forms,
            "step": step,
            "step_title": _step_title(step),
            "steps": [
                {"number": n, "title": _step_title(n)} for n in sorted(STEP_PARTS)
            ],
            "last_step": LAST_STEP,
            "previous_step": step - 1 if step > 1 else None,
            "is_host": profile.role == Role.HOST,
        },
    )


@login_required_with_profile
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    profile = request.profile
    if request.method == "POST":
        forms = _forms_for(ALL_PARTS, profile, request.POST, request.FILES)
        if all(form.is_valid() for form in forms.values()):
            waited = profile.awaits_coordinator
            _save(profile, forms)
            messages.success(request, _("Your profile is saved."))
            if profile.awaits_coordinator and not waited:
                messages.info(request, STARTED_WAITING)
            return redirect("community:profile_edit")
        messages.error(
            request, _("Some answers need another look. See the notes below.")
        )
    else:
        forms = _forms_for(ALL_PARTS, profile)
    return render(
        request,
        "community/profile_edit.html",
        {
            "profile": profile,
            "forms": forms,
            "is_host": profile.role == Role.HOST,
            "missing": profile.missing_for_browsing(),
        },
    )


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return None


@login_required_with_profile
@require_http_methods(["GET", "POST"])
def confirm_expectations(request: HttpRequest) -> HttpResponse:
    profile = request.profile
    texts = programme_texts_for(request)
    next_url = _safe_next(request)
    if request.method == "POST":
        form = ExpectationsConfirmForm(request.POST)
        if form.is_valid():
            expectations_confirm(profile=profile, version=texts.expectations_version)
            messages.success(request, _("Thank you for confirming the expectations."))
            return redirect(next_url or "community:home")
    else:
        form = ExpectationsConfirmForm()
    return render(
        request,
        "community/expectations.html",
        {
            "form": form,
            "statement": texts.expectations,
            "already_confirmed": profile.expectations_version
            == texts.expectations_version,
            "confirmed_at": profile.expectations_confirmed_at,
            "next": next_url or "",
        },
    )


@login_required_with_profile
@require_http_methods(["GET"])
def export_data(request: HttpRequest) -> HttpResponse:
    payload = member_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="velkomst-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required_with_profile
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            account_delete(user=request.user)
            logout(request)
            messages.success(
                request,
                _(
                    "Your account is deleted and your personal details are erased. "
                    "Thank you for being part of the programme. Goodbye!"
                ),
            )
            return redirect("/")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "community/delete_account.html", {"form": form})


@login_required_with_profile
@require_http_methods(["GET"])
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's photo, for signed-in members only: photos are never public
    files. My own always (the set-up shows it before my profile is complete);
    another member's on the terms of their profile page, and only if they chose
    to show it."""
    me = request.profile
    if pk != me.pk:
        return _others_photo(request, pk)
    if me.is_deleted or not me.photo:
        raise Http404
    return _photo_response(me)


@member_required
def _others_photo(request: HttpRequest, pk: int) -> HttpResponse:
    target = visible_other(viewer=request.profile, pk=pk)
    if target is None or not target.show_photo or not target.photo:
        raise Http404
    return _photo_response(target)


def _photo_response(profile: Profile) -> HttpResponse:
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
@login_required_with_profile
def wheel(request: HttpRequest) -> HttpResponse:
    """My conversation wheel: what matters in my life, for my matches to see."""
    profile = request.profile
    answers = wheel_answers(profile_id=profile.pk)
    form = WheelForm(
        request.POST if request.method == "POST" else None, answers=answers
    )
    if request.method == "POST" and form.is_valid():
        with form_error_on_broken_rule(form) as rule:  # the wheel's rules name no field
            wheel_save(profile=profile, answers=form.answers())
        if rule.kept:
            messages.success(
                request, _("Your conversation wheel is saved. Your matches see it.")
            )
            return redirect("community:wheel")
    return render(
        request,
        "community/wheel.html",
        {
            "form": form,
            "slices": wheel_slices(answers),
            "filled": wheel_is_filled(answers),
        },
        status=400 if form.errors else 200,
    )
