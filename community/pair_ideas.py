"""Which activity ideas fit a matched pair: pure, no database.

Editors tag ideas with broad categories (outdoors, food, culture...); members
tag themselves with specific interests (sailing, baking, museums...). This
module knows which interests belong to which category, and scores an idea by
the pair's interests it speaks to: an interest both share counts double, an
interest named in the idea's title counts most, and ideas that suit children
score for pairs with children. Every point comes with its reason in words; an
idea shows the one or two that weigh most, and a list of ideas does not repeat
a reason another idea already gave when it has one of its own left.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Curated interests (community/migrations/0002) → the idea categories they fit.
INTEREST_CATEGORIES: dict[str, tuple[str, ...]] = {
    "hiking": ("outdoors",),
    "cycling": ("outdoors", "sport"),
    "running": ("outdoors", "sport"),
    "swimming": ("sport",),
    "winter swimming": ("outdoors", "sport", "seasonal"),
    "nature": ("outdoors",),
    "beach": ("outdoors",),
    "playgrounds & parks": ("outdoors", "family"),
    "sailing": ("outdoors", "sport"),
    "fishing": ("outdoors",),
    "birdwatching": ("outdoors",),
    "gardening": ("outdoors",),
    "dogs": ("outdoors",),
    "football": ("sport",),
    "yoga": ("sport",),
    "fitness": ("sport",),
    "dancing": ("sport", "culture", "social"),
    "cooking": ("food",),
    "baking": ("food",),
    "coffee": ("food", "social"),
    "wine & beer": ("food", "social"),
    "music": ("culture",),
    "reading": ("culture",),
    "cinema": ("culture",),
    "museums": ("culture",),
    "photography": ("culture",),
    "history": ("culture",),
    "languages": ("culture", "social"),
    "art": ("culture",),
    "theatre": ("culture",),
    "book clubs": ("culture", "social"),
    "playing an instrument": ("culture",),
    "choir": ("culture", "social"),
    "family outings": ("family",),
    "board games": ("family", "social"),
    "volunteering": ("social",),
    "chess": ("social",),
    "gaming": ("social",),
    "travel": ("culture",),
}

SHARED = 2
ONE_SIDE = 1
IN_TITLE = 3
CHILDREN = 1
SHOWN_REASONS = 2


@dataclass(frozen=True)
class Idea:
    """What the scoring needs of an activity idea."""

    key: int
    title: str
    categories: frozenset[str]
    suits_children: bool


@dataclass
class Fit:
    idea: Idea
    score: int = 0
    reasons: list[str] = field(default_factory=list)  # the ones shown
    # Every reason with its weight, heaviest first (``reasons`` is chosen here).
    candidates: list[tuple[int, str]] = field(default_factory=list)
    page: object = None  # the ActivityIdeaPage, set by the selector


def idea_fit(
    idea: Idea,
    *,
    mine: set[str],
    theirs: set[str],
    other_name: str,
    with_children: bool,
    names: Mapping[str, str] | None = None,
) -> Fit:
    """How well ``idea`` fits a pair whose interests are ``mine`` and
    ``theirs`` (lower-case names), seen by me. ``names`` says how the reasons
    name an interest in the reader's language (default: as it is)."""
    names = names or {}
    fit = Fit(idea)
    title = idea.title.lower()
    for interest in sorted(mine | theirs):
        categories = set(INTEREST_CATEGORIES.get(interest, ()))
        named = interest in title
        if not named and not categories & idea.categories:
            continue
        both = interest in mine and interest in theirs
        weight = (IN_TITLE if named else 0) + (SHARED if both else ONE_SIDE)
        fit.score += weight
        if both:
            reason = _("you both like %(interest)s")
        elif interest in mine:
            reason = _("you like %(interest)s")
        else:
            reason = _("%(name)s likes %(interest)s")
        fit.candidates.append(
            (
                weight,
                reason
                % {"interest": names.get(interest, interest), "name": other_name},
            )
        )
    if with_children and idea.suits_children:
        fit.score += CHILDREN
        fit.candidates.append((CHILDREN, _("good with children")))
    # Heaviest first; equal weights keep the interests' alphabetical order.
    fit.candidates.sort(key=lambda candidate: -candidate[0])
    fit.reasons = [reason for _weight, reason in fit.candidates[:SHOWN_REASONS]]
    return fit


def ideas_ranked(ideas, *, limit: int = 4, **pair) -> list[Fit]:
    """The best-fitting ideas, best first; ideas with no reason are left out."""
    fits = [idea_fit(idea, **pair) for idea in ideas]
    fits = [fit for fit in fits if fit.score > 0]
    fits.sort(key=lambda fit: (-fit.score, fit.idea.title))
    fits = fits[:limit]
    given: set[str] = set()
    for fit in fits:
        fresh = [reason for _w, reason in fit.candidates if reason not in given]
        fit.reasons = fresh[:SHOWN_REASONS] or fit.reasons[:1]
        given.update(fit.reasons)
    return fits
