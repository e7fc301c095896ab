from django.db import models


class MemberSuggestions(models.Model):
    """A member's best matches, worked out ahead of their visit: the ids and
    scores of their top candidates when ``computed_at``, by the directory's own
    ranking (``matching.sql.ranked``). Ranking all candidates of the other role takes
    tens of milliseconds over 100,000 members; re-scoring a stored few on each
    visit takes one.

    The list is a shortlist, not the answer: ``/members/suggested/`` re-checks
    and re-scores its members on every visit (see
    ``community/services/suggestions.py``), so nobody hidden, paused, blocked or
    out of the pool is ever shown and every score is current. ``basis``
    fingerprints what of the member the ranking depends on; when it no longer
    matches the member, or the list is old, it is worked out again."""

    profile = models.OneToOneField(
        "community.Profile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    # [[profile id, score], ...], best first.
    candidates = models.JSONField(default=list)
    # The ranking was cut at the list's length: more candidates exist.
    has_more = models.BooleanField(default=False)
    basis = models.CharField(max_length=64)
    computed_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "member suggestions"
        verbose_name_plural = "member suggestions"

    def __str__(self) -> str:
        return f"suggestions for member {self.profile_id}"

    @property
    def candidate_ids(self) -> list[int]:
        return [pk for pk, _score in self.candidates]
