"""Saving the conversation wheel."""

from django.db import transaction
from django.utils.translation import gettext as _

from community.models import MAX_WHEEL_NOTE, Importance, LifeArea, Profile, WheelArea
from community.services.errors import RuleBroken


@transaction.atomic
def wheel_save(*, profile: Profile, answers: dict[str, tuple[int, str]]) -> None:
    """Store the member's wheel: every area gets its importance (0–3) and note.
    Unknown areas, importances outside 0–3 and notes over 140 characters are
    refused and nothing is stored."""
    known = {area.value for area in LifeArea}
    clean: dict[str, tuple[int, str]] = {}
    for area, (importance, note) in answers.items():
        if area not in known:
            raise RuleBroken(_("There is no such part of life on the wheel."))
        if importance not in Importance.values:
            raise RuleBroken(_("Choose how much it matters, from 0 to 3."))
        note = " ".join((note or "").split())
        if len(note) > MAX_WHEEL_NOTE:
            raise RuleBroken(
                _("Keep each note to %(max)d characters.") % {"max": MAX_WHEEL_NOTE}
            )
        clean[area] = (importance, note)
    for area, (importance, note) in clean.items():
        WheelArea.objects.update_or_create(
            profile=profile,
            area=area,
            defaults={"importance": importance, "note": note},
        )
