"""Reads for the conversation wheel."""

from community.models import WheelArea


def wheel_answers(*, profile_id: int) -> dict[str, tuple[int, str]]:
    """The member's wheel: area → (importance, note). One query."""
    return {
        area: (importance, note)
        for area, importance, note in WheelArea.objects.filter(
            profile_id=profile_id
        ).values_list("area", "importance", "note")
    }
