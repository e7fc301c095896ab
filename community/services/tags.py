"""Tag vocabularies and the bitmasks that mirror them on each profile.

A tag gets the lowest free bit of its facet (0–62) when it is created; a profile's
``*_mask`` columns are the OR of its tags' bits. ``community/matching/sql.py``
ranks by those masks and matches tags without a bit through the tag tables.
"""

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.text import slugify

from community.models import (
    HopeTag,
    InterestTag,
    LanguageLevel,
    LanguageTag,
    ProfessionTag,
    Profile,
)
from community.models.tags import MAX_BIT, SPOKEN_LEVELS, FacetTag
from community.services.approvals import (
    APPROVAL_FIELDS,
    approval_update,
    approval_waiting_started,
)

MAX_TAG_LENGTH = 60


def clean_tag_name(name: str) -> str:
    """Collapse whitespace and cap the length; what members type is kept as typed."""
    return " ".join(str(name).split())[:MAX_TAG_LENGTH]


def _free_bit(model: type[FacetTag]) -> int | None:
    used = set(model.objects.exclude(bit=None).values_list("bit", flat=True))
    return next((bit for bit in range(MAX_BIT + 1) if bit not in used), None)


def tag_get_or_create(
    model: type[FacetTag], *, name: str, curated: bool = False, **extra
) -> FacetTag:
    """The tag called ``name`` (case-insensitively), created with a bit if new."""
    name = clean_tag_name(name)
    if not name:
        raise ValueError("A tag needs a name.")
    existing = model.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    slug = slugify(name, allow_unicode=True)[:100] or f"tag-{model.objects.count()}"
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return model.objects.create(
                    name=name,
                    slug=_unique_slug(model, slug),
                    curated=curated,
                    bit=_free_bit(model),
                    **extra,
                )
        except IntegrityError:
            # Another request took the same bit or name at the same moment.
            existing = model.objects.filter(name__iexact=name).first()
            if existing is not None:
                return existing
    raise IntegrityError(f"Could not create tag {name!r}.")


def _unique_slug(model: type[Model], slug: str) -> str:
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def mask_of(bits) -> int:
    mask = 0
    for bit in bits:
        if bit is not None:
            mask |= 1 << bit
    return mask


def profile_masks_refresh(
    profile: Profile, *, save: bool = True, reconsider: bool = False
) -> Profile:
    """Recompute the profile's bitmasks from its tags, whether it must wait for
    a coordinator's approval (``services.approvals.approval_update``: when it
    becomes complete, or with ``reconsider`` after a change of role or
    programme) and whether it is listed in the directory. Call after the tags,
    role, municipality, programme or deletion change."""
    was_listed = profile.is_listed
    spoken, learning = [], []
    for bit, level in profile.language_items.values_list("tag__bit", "level"):
        (learning if level == LanguageLevel.LEARNING else spoken).append(bit)
    profile.spoken_mask = mask_of(spoken)
    profile.learning_mask = mask_of(learning)
    profile.profession_mask = mask_of(
        profile.profession_items.values_list("tag__bit", flat=True)
    )
    profile.interest_mask = mask_of(
        profile.interest_items.values_list("tag__bit", flat=True)
    )
    profile.hope_mask = mask_of(profile.hope_items.values_list("tag__bit", flat=True))
    complete = profile.is_complete
    if not save:
        approval_update(
            profile, complete=complete, reconsider=reconsider or not was_listed
        )
        profile.is_listed = profile.listing_due(complete=complete)
        return profile
    with transaction.atomic():
        # The approval as stored now, the row locked: a coordinator deciding
        # at the same moment is neither undone nor missed.
        stored = (
            Profile.objects.select_for_update()
            .filter(pk=profile.pk)
            .values(*APPROVAL_FIELDS)
            .first()
        )
        for name, value in (stored or {}).items():
            setattr(profile, name, value)
        started_waiting = approval_update(
            profile, complete=complete, reconsider=reconsider or not was_listed
        )
        profile.is_listed = profile.listing_due(complete=complete)
        profile.save(
            update_fields=[
                "spoken_mask",
                "learning_mask",
                "profession_mask",
                "interest_mask",
                "hope_mask",
                "is_listed",
                *APPROVAL_FIELDS,
            ]
        )
        if started_waiting:
            approval_waiting_started(profile)
    return profile


@transaction.atomic
def tags_merge(*, into: FacetTag, merged: list[FacetTag]) -> int:
    """Move every profile from ``merged`` tags to ``into`` and delete them.

    Returns how many profiles were touched. Used by coordinators in the admin
    when members typed the same interest two ways ("hiking", "Hiking trips").
    """
    model = type(into)
    items = model.profile_items.rel.related_model.objects
    touched: set[int] = set()
    for tag in merged:
        if tag.pk == into.pk or type(tag) is not model:
            continue
        for item in items.filter(tag=tag):
            touched.add(item.content_object_id)
            if items.filter(
                tag=into, content_object_id=item.content_object_id
            ).exists():
                item.delete()
            else:
                item.tag = into
                item.save(update_fields=["tag"])
        tag.delete()
    for profile in Profile.objects.filter(pk__in=touched):
        profile_masks_refresh(profile)
    return len(touched)


def user_listing_sync(sender, instance, **kwargs) -> None:
    """A deactivated account (in the admin, or on deletion) leaves the directory;
    a reactivated one comes back if its profile is complete."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "is_active" not in update_fields:
        return  # e.g. last_login on every log-in: nothing to do
    profile = Profile.objects.filter(user=instance).first()
    if profile is None:
        return
    if not instance.is_active:
        Profile.objects.filter(pk=profile.pk).update(is_listed=False)
    elif not profile.is_listed:
        profile.user = instance
        profile_masks_refresh(profile)


FACET_MODELS = {
    "languages": LanguageTag,
    "professions": ProfessionTag,
    "interests": InterestTag,
    "hopes": HopeTag,
}
__all__ = [
    "FACET_MODELS",
    "SPOKEN_LEVELS",
    "clean_tag_name",
    "mask_of",
    "profile_masks_refresh",
    "tag_get_or_create",
    "tags_merge",
]
