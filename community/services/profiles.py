"""Writes to a member's own profile: creating it, the set-up steps, confirming the
expectation statement and leaving the programme.

Forms validate (lengths, choices, counts); these functions store, inside one
transaction, and keep the tag bitmasks in step with the tags.
"""

import gettext as gnu_gettext
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import cache, partial
from typing import Any

import pycountry
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext

from community.models import (
    AnnouncementDelivery,
    ApprovalStatus,
    Block,
    CheckIn,
    HopeTag,
    InterestTag,
    LanguageTag,
    Match,
    MatchRequest,
    Meeting,
    MemberSuggestions,
    Message,
    ProfessionTag,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    ProgrammeTexts,
    Report,
    WheelArea,
)
from community.realtime import announce
from community.selectors.members import USER_PROFILE, profile_for_user
from community.services.errors import RuleBroken
from community.services.matches import match_sockets_close
from community.services.meetings import meetings_close
from community.services.tags import profile_masks_refresh, tag_get_or_create

# The Profile fields a member edits through the profile forms; nothing else is
# written from form data.
EDITABLE_FIELDS = frozenset(
    {
        "role",
        "display_name",
        "about",
        "age_group",
        "household",
        "children_0_5",
        "children_6_12",
        "children_13_17",
        "municipality",
        "employer",
        "partner_organisation",
        "time_per_month",
        "capacity",
        "arrival_date",
        "expectations",
        "show_age_group",
        "show_household",
        "show_employer",
        "show_photo",
        "is_available",
    }
)


# --- Reading and creating ------------------------------------------------------


def profile_get_or_create_for(user: AbstractBaseUser) -> Profile:
    """The user's profile, created empty if they have none yet (for instance an
    account made with ``createsuperuser``). No query when the profile was loaded
    with the user, as for ``request.user``."""
    profile = profile_for_user(user)
    if profile is not None:
        return profile
    with transaction.atomic():
        profile, _created = Profile.objects.get_or_create(
            user=user,
            defaults={
                "display_name": (user.get_full_name() or "")[:80],
                "preferred_language": _language_now(),
            },
        )
    USER_PROFILE.set_cached_value(user, profile)
    return profile


def programme_texts_for(request: HttpRequest | None) -> ProgrammeTexts:
    """The programme texts of the request's site (or the default site); their
    defaults, unsaved, on a database without any site."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ProgrammeTexts()
    return ProgrammeTexts.for_site(site)


@transaction.atomic
def profile_create_at_signup(
    *, user: AbstractBaseUser, display_name: str, request: HttpRequest | None
) -> Profile:
    """The new member's profile, recording which guidelines they accepted."""
    texts = programme_texts_for(request)
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name[:80],
            "guidelines_version": texts.guidelines_version,
            "guidelines_accepted_at": timezone.now(),
            # The language the member signed up in, until they choose another.
            "preferred_language": _language_now(),
        },
    )
    return profile


def _language_now() -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    current = (translation.get_language() or "").split("-")[0]
    return current if current in codes else settings.LANGUAGE_CODE


def profile_language_choose(*, profile: Profile, language: str) -> Profile:
    """Remember the language the member chose for the site and their e-mail."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise RuleBroken(gettext("Choose English or Danish."), field="language")
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language", "updated_at"])
    return profile


# --- Languages -------------------------------------------------------------------


def language_display_name(code: str) -> str | None:
    """English name of an ISO 639 language, without pycountry's qualifiers
    ("Modern Greek (1453-)" → "Modern Greek")."""
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(
        alpha_3=code
    )
    if language is None:
        return None
    name = getattr(language, "common_name", None) or language.name
    return re.sub(r"\s*\(.*\)$", "", name)


@cache
def _danish_language_names() -> gnu_gettext.NullTranslations:
    return gnu_gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=["da"], fallback=True
    )


def language_name_da(code: str) -> str:
    """Danish name of an ISO 639 language from pycountry's Danish translation
    of the standard ("Dansk", "Engelsk"), or "" when it has none."""
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(
        alpha_3=code
    )
    if language is None:
        return ""
    name = _danish_language_names().gettext(language.name)
    return "" if name == language.name else re.sub(r"\s*\(.*\)$", "", name)


@cache
def _iso_language_codes(danish: bool) -> tuple[tuple[str, str], ...]:
    rows = []
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code:
            english = language_display_name(code) or code
            name = (language_name_da(code) or english) if danish else english
            rows.append((code, name))
    return tuple(sorted(rows, key=lambda row: row[1].casefold()))


def iso_language_codes() -> list[tuple[str, str]]:
    """(code, name) for every language with a two-letter ISO 639-1 code, named
    in the reader's language."""
    return list(_iso_language_codes((translation.get_language() or "") == "da"))


def language_tag_for_code(code: str) -> LanguageTag:
    """The LanguageTag for an ISO code, created from pycountry if missing."""
    tag = LanguageTag.objects.filter(code=code).first()
    if tag is not None:
        return tag
    name = language_display_name(code)
    if name is None:
        raise ValueError(f"Unknown language code {code!r}")
    existing = LanguageTag.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    tag = tag_get_or_create(LanguageTag, name=name, code=code)
    if not tag.name_da and (name_da := language_name_da(code)):
        LanguageTag.objects.filter(pk=tag.pk).update(name_da=name_da)
        tag.name_da = name_da
    return tag


# --- Writing the profile ---------------------------------------------------------


@transaction.atomic
def profile_update(*, profile: Profile, data: dict[str, Any]) -> Profile:
    """Store validated form data on the profile (only the editable fields)."""
    changed = []
    role_before = profile.role
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            continue
        setattr(profile, field, value)
        changed.append(field)
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
    if {"role", "municipality"} & set(changed):
        # Whether the profile is listed in the directory depends on these, and
        # whether a coordinator must approve it on a new role.
        profile_masks_refresh(profile, reconsider=profile.role != role_before)
    return profile


@transaction.atomic
def profile_languages_set(
    *, profile: Profile, languages: Sequence[tuple[str, str]]
) -> Profile:
    """Replace the member's languages with ``(iso_code, level)`` pairs."""
    wanted: dict[int, str] = {}
    for code, level in languages:
        wanted[language_tag_for_code(code).pk] = level
    ProfileLanguage.objects.filter(content_object=profile).exclude(
        tag_id__in=wanted
    ).delete()
    for tag_id, level in wanted.items():
        ProfileLanguage.objects.update_or_create(
            content_object=profile, tag_id=tag_id, defaults={"level": level}
        )
    return profile_masks_refresh(profile)


def _set_items(through, profile: Profile, tags: Iterable) -> None:
    wanted = {tag.pk for tag in tags}
    through.objects.filter(content_object=profile).exclude(tag_id__in=wanted).delete()
    have = set(
        through.objects.filter(content_object=profile).values_list("tag_id", flat=True)
    )
    through.objects.bulk_create(
        [through(content_object=profile, tag_id=pk) for pk in wanted - have]
    )


@transaction.atomic
def profile_tags_set(
    *,
    profile: Profile,
    interests: Sequence[InterestTag | str],
    professions: Sequence[ProfessionTag],
    hopes: Sequence[HopeTag],
) -> Profile:
    """Replace interests (tags or names typed by the member), professional
    background and hopes, then refresh the bitmasks."""
    interest_tags = [
        item
        if isinstance(item, InterestTag)
        else tag_get_or_create(InterestTag, name=item)
        for item in interests
    ]
    _set_items(ProfileInterest, profile, interest_tags)
    _set_items(ProfileProfession, profile, professions)
    _set_items(ProfileHope, profile, hopes)
    return profile_masks_refresh(profile)


def _delete_file_on_commit(field_file) -> None:
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_photo_set(*, profile: Profile, photo: ContentFile | None) -> Profile:
    """Replace (or with ``None`` remove) the member's photo. ``photo`` is an
    already cleaned JPEG from ``services.photos.photo_clean``."""
    if profile.photo:
        _delete_file_on_commit(profile.photo)
    if photo is None:
        profile.photo = ""
        profile.save(update_fields=["photo", "updated_at"])
    else:
        profile.photo.save(f"{uuid.uuid4().hex}.jpg", photo, save=False)
        profile.save(update_fields=["photo", "updated_at"])
    return profile


@transaction.atomic
def expectations_confirm(*, profile: Profile, version: int) -> Profile:
    profile.expectations_version = version
    profile.expectations_confirmed_at = timezone.now()
    profile.save(update_fields=["expectations_version", "expectations_confirmed_at"])
    return profile


# --- Leaving -----------------------------------------------------------------------


def _sockets_close(user_id: int, match_ids: list[int]) -> None:
    for match_id in match_ids:
        match_sockets_close(match_id)
    announce.sessions_end(user_id=user_id)


def _active_match_count(profile_id: int) -> int:
    return Match.objects.filter(
        Q(host_id=profile_id) | Q(newcomer_id=profile_id),
        status=Match.Status.ACTIVE,
    ).count()


# A report about a member who then deleted their account keeps its copy of
# their message while it is open, for the coordinators to act on, but no longer
# than this many days after it was made.
DELETED_MEMBER_QUOTE_DAYS = 180


def _quotes_erase(reports: QuerySet[Report], now: datetime) -> int:
    """Empty the quoted message of those ``reports`` that are closed or older
    than ``DELETED_MEMBER_QUOTE_DAYS``. Returns how many changed."""
    cutoff = now - timedelta(days=DELETED_MEMBER_QUOTE_DAYS)
    return (
        reports.exclude(quoted_message="")
        .filter(Q(handled=True) | Q(created_at__lte=cutoff))
        .update(quoted_message="")
    )


def deleted_member_quotes_erase(*, now: datetime | None = None) -> int:
    """The scheduled side of ``account_delete``: once a report about a deleted
    member is closed (or ``DELETED_MEMBER_QUOTE_DAYS`` old), its copy of their
    message goes. One UPDATE, so two runs at once do no harm. Returns how many
    reports changed."""
    return _quotes_erase(
        Report.objects.filter(reported__is_deleted=True), now or timezone.now()
    )


def _typed_tags_forget(tag_ids: list[int]) -> None:
    """Interests a member typed in themselves (not on the curated list) that
    nobody else has: their words, so they go with them."""
    unused = InterestTag.objects.filter(
        pk__in=tag_ids, curated=False, profile_items__isnull=True
    )
    # One by one through delete(): the directory's tag cache hears of it.
    for tag in unused:
        tag.delete()


def _admin_log_relabel(
    *, user: AbstractBaseUser, profile: Profile, names: list[str]
) -> None:
    """The admins' history (Wagtail's and Django's) keeps each object's name as
    it was when someone acted on it, e.g. "Lucía reported Troels". In the
    history of objects about the member, the member's former ``names`` become
    "Former member"."""
    from django.contrib.admin.models import LogEntry
    from wagtail.models import ModelLogEntry

    patterns = [
        re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for name in sorted({name for name in names if name}, key=len, reverse=True)
    ]
    former = gettext("Former member")
    about_member = [
        get_user_model().objects.filter(pk=user.pk),
        Profile.objects.filter(pk=profile.pk),
        Report.objects.filter(Q(reporter=profile) | Q(reported=profile)),
        Match.objects.filter(Q(host=profile) | Q(newcomer=profile)),
        MatchRequest.objects.filter(Q(sender=profile) | Q(recipient=profile)),
    ]
    for objects in about_member:
        content_type = ContentType.objects.get_for_model(objects.model)
        pks = [str(pk) for pk in objects.values_list("pk", flat=True)]
        for log_model, field in ((ModelLogEntry, "label"), (LogEntry, "object_repr")):
            entries = log_model.objects.filter(
                content_type=content_type, object_id__in=pks
            ).values_list("pk", field)
            for pk, text in entries:
                renamed = text
                for pattern in patterns:
                    renamed = pattern.sub(former, renamed)
                if renamed != text:
                    log_model.objects.filter(pk=pk).update(**{field: renamed})


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> None:
    """Erase a member's personal data and close the account.

    What others keep (a past match, a request they received) stays, shown as
    "Former member": the profile row remains with ``is_deleted`` set and nothing
    personal in it. Pending requests are cancelled and active matches ended.

    None of the member's own words stay: profile texts, typed-in interests,
    request messages and reasons, chat messages ("Message removed" for the
    other member), why they ended a match, where and why they suggested meeting
    (their meetings still to come are cancelled), their wheel and check-ins,
    and what they wrote in reports they made (the report itself, and the coordinators'
    note on it, stay). One exception: an open report about the member keeps its
    copy of their message for the coordinators, until it is closed or
    ``DELETED_MEMBER_QUOTE_DAYS`` old (``deleted_member_quotes_erase``, a job).
    """
    profile = profile_get_or_create_for(user)
    now = timezone.now()
    names = [
        profile.display_name,
        user.get_full_name(),
        user.get_username(),
        user.email,
    ]

    MatchRequest.objects.filter(
        Q(sender=profile) | Q(recipient=profile), status=MatchRequest.Status.PENDING
    ).update(status=MatchRequest.Status.CANCELLED, responded_at=now)
    # What the member wrote to others is theirs: erased.
    MatchRequest.objects.filter(sender=profile).update(message="")
    MatchRequest.objects.filter(recipient=profile).update(decline_reason="")
    # Why they ended a match (a coordinator's reason is the coordinator's).
    Match.objects.filter(ended_by=profile, ended_by_coordinator__isnull=True).exclude(
        end_reason=""
    ).update(end_reason="")
    Report.objects.filter(reporter=profile).update(reason="")
    _quotes_erase(Report.objects.filter(reported=profile), now)
    CheckIn.objects.filter(profile=profile).delete()

    active = Match.objects.filter(
        Q(host=profile) | Q(newcomer=profile), status=Match.Status.ACTIVE
    )
    others = {
        pk
        for pair in active.values_list("host_id", "newcomer_id")
        for pk in pair
        if pk != profile.pk
    }
    ended_match_ids = list(active.values_list("pk", flat=True))
    active.update(
        status=Match.Status.ENDED,
        ended_at=now,
        ended_by=profile,
        end_reason=gettext("Member left"),
    )
    for other_id in others:
        Profile.objects.filter(pk=other_id).update(
            active_match_count=_active_match_count(other_id)
        )
    meetings_close(match_ids=ended_match_ids, now=now)
    # Where and why they suggested meeting are their words too.
    Meeting.objects.filter(proposed_by=profile).update(place="", note="")
    Block.objects.filter(blocker=profile).delete()
    # What the member wrote in chats is erased too; the other member sees
    # "message removed" in the history.
    Message.objects.filter(sender=profile).update(body="")
    WheelArea.objects.filter(profile=profile).delete()
    MemberSuggestions.objects.filter(profile=profile).delete()
    # The announcements' log keeps that one went out, not to which address.
    AnnouncementDelivery.objects.filter(profile=profile).update(email="")
    transaction.on_commit(partial(_sockets_close, user.pk, ended_match_ids))

    typed_tags = list(profile.interest_items.values_list("tag_id", flat=True))
    for through in (ProfileLanguage, ProfileProfession, ProfileInterest, ProfileHope):
        through.objects.filter(content_object=profile).delete()
    _typed_tags_forget(typed_tags)
    if profile.photo:
        _delete_file_on_commit(profile.photo)
    Profile.objects.filter(pk=profile.pk).update(
        display_name="",
        is_deleted=True,
        role="",
        photo="",
        about="",
        age_group=None,
        household="",
        children_0_5=False,
        children_6_12=False,
        children_13_17=False,
        municipality=None,
        employer="",
        partner_organisation=None,
        time_per_month="",
        capacity=1,
        arrival_date=None,
        expectations="",
        show_age_group=False,
        show_household=False,
        show_employer=False,
        show_photo=False,
        is_available=False,
        spoken_mask=0,
        learning_mask=0,
        profession_mask=0,
        interest_mask=0,
        hope_mask=0,
        active_match_count=0,
        last_active_at=None,
        is_listed=False,
        # The coordinators' words about the member go too; a decision stays.
        approval_note="",
        approval_message="",
        updated_at=now,
    )
    Profile.objects.filter(pk=profile.pk, approval=ApprovalStatus.WAITING).update(
        approval=ApprovalStatus.NOT_NEEDED, approval_waiting_since=None
    )
    profile.refresh_from_db()
    profile_masks_refresh(profile)

    EmailAddress.objects.filter(user=user).delete()
    anonymous = f"former-member-{user.pk}-{uuid.uuid4().hex[:8]}"
    user.username = anonymous
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _admin_log_relabel(user=user, profile=profile, names=names)
