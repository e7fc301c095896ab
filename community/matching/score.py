"""The match score: how well two members suit each other, as a pure function
of plain values (``MatchProfile``), tested without a database. The database
computes the very same number for a whole queryset (``matching.sql.Score``).

Score parts (weights in ``settings.VELKOMST_MATCH_WEIGHTS``, see ``Weights``):

- languages: ``language`` points per shared spoken language (native, fluent or
  conversational), at most ``max_languages`` counted, plus ``learning_help`` once
  when one speaks a language the other is learning (Danish practice!). **No shared
  spoken language: not a candidate at all.**
- leisure interests: ``interest`` per shared interest, at most ``max_interests``.
- professional background: ``profession`` per shared one, at most
  ``max_professions``; hopes: ``hope`` per shared hope, at most ``max_hopes``.
- age: ``same_age`` for the same age group, ``adjacent_age`` for the next one.
- geography: ``geo`` points when both live in the same municipality, falling
  with the square of the distance between the town halls to 0 at
  ``geo_range_km`` (so the first tens of km count most: 30 km keeps about two
  thirds, 100 km a tenth), plus ``same_region`` when both live in the same
  region (in Denmark mostly: on the same side of the water).
- household: ``both_families`` when both are families with children, else
  ``same_household`` for the same kind of household; ``children_overlap`` when
  their children share an age band.
- host capacity: ``free_place`` when the host of the two has a free place, so
  hosts with room come first (as buddy programmes do).

A host and a newcomer only: two members of the same role are not candidates.
The score is symmetric: ``score(a, b) == score(b, a)``. With the default
weights the best possible score is 100 (``Weights.max_total``), which members
see as "82 of 100 points" and in words (``strength``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

from django.conf import settings

# The models' choice values this module needs, as plain strings: it imports no
# models (tests/community/test_matching.py holds them equal to the models').
HOST = "host"  # Role.HOST
NEWCOMER = "newcomer"  # Role.NEWCOMER
FAMILY = "family"  # Household.FAMILY
COUPLE = "couple"  # Household.COUPLE
SPOKEN_LEVELS = frozenset({"native", "fluent", "conversational"})
LEARNING = "learning"  # LanguageLevel.LEARNING
CHILDREN_BANDS = ("children_0_5", "children_6_12", "children_13_17")


@dataclass(frozen=True)
class Weights:
    language: int = 8
    max_languages: int = 2
    learning_help: int = 4
    interest: int = 5
    max_interests: int = 5
    profession: int = 4
    max_professions: int = 2
    hope: int = 2
    max_hopes: int = 3
    same_age: int = 5
    adjacent_age: int = 2
    geo: int = 20
    geo_range_km: int = 150
    same_region: int = 5
    both_families: int = 4
    same_household: int = 3
    children_overlap: int = 2
    free_place: int = 5

    @classmethod
    def from_settings(cls) -> Weights:
        known = {f.name for f in fields(cls)}
        configured = getattr(settings, "VELKOMST_MATCH_WEIGHTS", {}) or {}
        return cls(**{k: int(v) for k, v in configured.items() if k in known})

    @property
    def max_total(self) -> int:
        """The best score two members can have: the scale scores are shown on."""
        return (
            self.language * self.max_languages
            + self.learning_help
            + self.interest * self.max_interests
            + self.profession * self.max_professions
            + self.hope * self.max_hopes
            + max(self.same_age, self.adjacent_age)
            + self.geo
            + self.same_region
            + max(self.both_families, self.same_household)
            + self.children_overlap
            + self.free_place
        )


class TagRef(NamedTuple):
    """One tag of a profile as plain values: enough to score and to explain. A
    named tuple, the cheapest to build of the immutable records: a page of
    members reads some 250 of them."""

    id: int
    name: str  # in the reader's language (``tag_label``)
    bit: int | None
    level: str = ""  # languages only


FacetTags = dict[str, list[TagRef]]


@dataclass(frozen=True)
class MatchProfile:
    """What scoring needs to know about a member, as plain values (read from a
    profile by ``matching.reads.match_profile``)."""

    id: int
    role: str
    age_group: int | None = None
    household: str = ""
    children: frozenset[str] = frozenset()
    municipality_id: int | None = None
    spoken: frozenset[int] = frozenset()
    learning: frozenset[int] = frozenset()
    professions: frozenset[int] = frozenset()
    interests: frozenset[int] = frozenset()
    hopes: frozenset[int] = frozenset()
    free_places: int = 0

    @classmethod
    def from_tags(cls, member, tags: FacetTags) -> MatchProfile:
        """From ``member`` (anything with a profile's attributes: ``role``,
        ``age_group``, ``household``, the ``children_*`` flags,
        ``municipality_id``, ``free_places``) and its tags by facet."""
        languages = tags["languages"]
        return cls(
            id=member.pk,
            role=member.role,
            age_group=member.age_group,
            household=member.household,
            children=children_bands(member),
            municipality_id=member.municipality_id,
            spoken=frozenset(t.id for t in languages if t.level in SPOKEN_LEVELS),
            learning=frozenset(t.id for t in languages if t.level == LEARNING),
            professions=frozenset(t.id for t in tags["professions"]),
            interests=frozenset(t.id for t in tags["interests"]),
            hopes=frozenset(t.id for t in tags["hopes"]),
            free_places=member.free_places,
        )


@dataclass(frozen=True)
class MatchScore:
    total: int
    parts: dict[str, int]
    shared_languages: frozenset[int]
    learning_help: bool
    shared_interests: frozenset[int]
    shared_professions: frozenset[int]
    shared_hopes: frozenset[int]
    distance_km: float | None
    same_age: bool
    adjacent_age: bool
    both_families: bool
    same_household: bool
    children_overlap: bool
    host_has_room: bool


def children_bands(member) -> frozenset[str]:
    """The age bands of ``member``'s children (the ``children_*`` flags)."""
    return frozenset(band for band in CHILDREN_BANDS if getattr(member, band))


def geo_points(
    distance_km: float | None, weights: Weights, *, same_region: bool = False
) -> int:
    """Points for living ``distance_km`` apart (``None``: unknown), in the same
    region or not. Falls with the square of the distance: a member 100 km away
    must not outrank one 30 km away for one shared interest more."""
    if distance_km is None:
        return 0
    near = max(0.0, 1.0 - distance_km / weights.geo_range_km)
    return round(weights.geo * near * near) + (
        weights.same_region if same_region else 0
    )


# Match strength in words: the share of ``Weights.max_total`` from which a score
# is called strong or good; below, the two simply have some things in common.
STRONG_SHARE = 0.6
GOOD_SHARE = 0.4


def strength(total: int, weights: Weights) -> str:
    """``"strong"``, ``"good"`` or ``"some"``: how a score reads to a member."""
    top = weights.max_total or 1
    if total >= STRONG_SHARE * top:
        return "strong"
    if total >= GOOD_SHARE * top:
        return "good"
    return "some"


def score(
    me: MatchProfile,
    other: MatchProfile,
    *,
    distance_km: float | None,
    same_region: bool = False,
    weights: Weights | None = None,
) -> MatchScore | None:
    """How well two members suit each other; ``None`` if they are no candidates
    (same role, or no spoken language in common)."""
    w = weights or Weights()
    if me.role == other.role or not me.role or not other.role:
        return None
    shared_languages = me.spoken & other.spoken
    if not shared_languages:
        return None
    learning_help = bool(me.learning & other.spoken or other.learning & me.spoken)
    shared_interests = me.interests & other.interests
    shared_professions = me.professions & other.professions
    shared_hopes = me.hopes & other.hopes
    same_age = me.age_group is not None and me.age_group == other.age_group
    adjacent_age = (
        me.age_group is not None
        and other.age_group is not None
        and abs(me.age_group - other.age_group) == 1
    )
    both_families = me.household == other.household == FAMILY
    same_household = bool(me.household) and me.household == other.household
    children_overlap = bool(me.children & other.children)
    host = me if me.role == HOST else other
    host_has_room = host.free_places > 0

    parts = {
        "languages": w.language * min(len(shared_languages), w.max_languages)
        + (w.learning_help if learning_help else 0),
        "interests": w.interest * min(len(shared_interests), w.max_interests),
        "professions": w.profession * min(len(shared_professions), w.max_professions),
        "hopes": w.hope * min(len(shared_hopes), w.max_hopes),
        "age": w.same_age if same_age else (w.adjacent_age if adjacent_age else 0),
        "geography": geo_points(distance_km, w, same_region=same_region),
        "household": (
            w.both_families
            if both_families
            else (w.same_household if same_household else 0)
        )
        + (w.children_overlap if children_overlap else 0),
        "capacity": w.free_place if host_has_room else 0,
    }
    return MatchScore(
        total=sum(parts.values()),
        parts=parts,
        shared_languages=shared_languages,
        learning_help=learning_help,
        shared_interests=shared_interests,
        shared_professions=shared_professions,
        shared_hopes=shared_hopes,
        distance_km=distance_km,
        same_age=same_age,
        adjacent_age=adjacent_age,
        both_families=both_families,
        same_household=same_household,
        children_overlap=children_overlap,
        host_has_room=host_has_room,
    )
