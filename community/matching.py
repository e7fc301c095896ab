"""Who suits whom, and why.

The score is a pure function of two profiles (``score``), documented here and
tested without a database. ``ranked`` computes the very same number in SQL for a
whole queryset, so the directory's first page over 100,000 profiles is ranked in
the database; ``explain`` turns the score of the profiles on a page into words.

Score parts (weights in ``settings.VELKOMST_MATCH_WEIGHTS``, see ``Weights``):

- languages: ``language`` points per shared spoken language (native, fluent or
  conversational), at most ``max_languages`` counted, plus ``learning_help`` once
  when one speaks a language the other is learning (Danish practice!). **No shared
  spoken language: not a candidate at all.**
- leisure interests: ``interest`` per shared interest, at most ``max_interests``.
- professional background: ``profession`` per shared one, at most
  ``max_professions``; hopes: ``hope`` per shared hope, at most ``max_hopes``.
- age: ``same_age`` for the same age group, ``adjacent_age`` for the next one.
- geography: ``geo`` points when both live in the same municipality, falling in a
  straight line to 0 at ``geo_range_km`` between the town halls.
- household: ``both_families`` when both are families with children, else
  ``same_household`` for the same kind of household; ``children_overlap`` when
  their children share an age band.
- host capacity: ``free_place`` when the host of the two has a free place, so
  hosts with room come first (as buddy programmes do).

A host and a newcomer only: two members of the same role are not candidates.
The score is symmetric: ``score(a, b) == score(b, a)``.

In SQL each facet is a bitmask column on the profile (see community/models/tags.py)
and shared tags are counted with a bit count. Tags without a bit (past the 63rd of
a facet) are counted exactly through the tag tables, so SQL and Python agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from functools import cache

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import (
    Household,
    Municipality,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    Region,
    Role,
)
from community.models.tags import SPOKEN_LEVELS, LanguageLevel

# --- The pure part -------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    language: int = 10
    max_languages: int = 2
    learning_help: int = 5
    interest: int = 8
    max_interests: int = 5
    profession: int = 6
    max_professions: int = 2
    hope: int = 3
    max_hopes: int = 3
    same_age: int = 6
    adjacent_age: int = 3
    geo: int = 15
    geo_range_km: int = 150
    both_families: int = 6
    same_household: int = 4
    children_overlap: int = 2
    free_place: int = 8

    @classmethod
    def from_settings(cls) -> Weights:
        known = {f.name for f in fields(cls)}
        configured = getattr(settings, "VELKOMST_MATCH_WEIGHTS", {}) or {}
        return cls(**{k: int(v) for k, v in configured.items() if k in known})


@dataclass(frozen=True)
class MatchProfile:
    """What scoring needs to know about a member, as plain values."""

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
    def from_profile(cls, profile: Profile) -> MatchProfile:
        """Needs the tag items prefetched (``prefetch_for_explain``) to avoid
        queries per profile."""
        languages = list(profile.language_items.all())
        return cls(
            id=profile.pk,
            role=profile.role,
            age_group=profile.age_group,
            household=profile.household,
            children=children_bands(profile),
            municipality_id=profile.municipality_id,
            spoken=frozenset(i.tag_id for i in languages if i.level in SPOKEN_LEVELS),
            learning=frozenset(
                i.tag_id for i in languages if i.level == LanguageLevel.LEARNING
            ),
            professions=frozenset(i.tag_id for i in profile.profession_items.all()),
            interests=frozenset(i.tag_id for i in profile.interest_items.all()),
            hopes=frozenset(i.tag_id for i in profile.hope_items.all()),
            free_places=profile.free_places,
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


CHILDREN_BANDS = ("children_0_5", "children_6_12", "children_13_17")


def children_bands(profile: Profile) -> frozenset[str]:
    return frozenset(band for band in CHILDREN_BANDS if getattr(profile, band))


def geo_points(distance_km: float | None, weights: Weights) -> int:
    if distance_km is None:
        return 0
    return round(weights.geo * max(0.0, 1.0 - distance_km / weights.geo_range_km))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def score(
    me: MatchProfile,
    other: MatchProfile,
    *,
    distance_km: float | None,
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
    both_families = me.household == other.household == Household.FAMILY
    same_household = bool(me.household) and me.household == other.household
    children_overlap = bool(me.children & other.children)
    host = me if me.role == Role.HOST else other
    host_has_room = host.free_places > 0

    parts = {
        "languages": w.language * min(len(shared_languages), w.max_languages)
        + (w.learning_help if learning_help else 0),
        "interests": w.interest * min(len(shared_interests), w.max_interests),
        "professions": w.profession * min(len(shared_professions), w.max_professions),
        "hopes": w.hope * min(len(shared_hopes), w.max_hopes),
        "age": w.same_age if same_age else (w.adjacent_age if adjacent_age else 0),
        "geography": geo_points(distance_km, w),
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


# --- Geography -----------------------------------------------------------------


@cache
def _points() -> dict[int, tuple[float, float, str]]:
    return {
        pk: (lat, lon, region)
        for pk, lat, lon, region in Municipality.objects.values_list(
            "pk", "latitude", "longitude", "region"
        )
    }


def municipality_points() -> dict[int, tuple[float, float, str]]:
    """Every municipality's coordinates and region, read once per process (they
    change only by migration; ``forget_municipalities`` clears it)."""
    points = _points()
    if not points:
        _points.cache_clear()
    return points


def forget_municipalities(**kwargs) -> None:
    _points.cache_clear()


def distances_from(municipality_id: int | None) -> dict[int, float]:
    points = municipality_points()
    if municipality_id not in points:
        return {}
    lat, lon, _region = points[municipality_id]
    return {
        pk: haversine_km(lat, lon, plat, plon)
        for pk, (plat, plon, _r) in points.items()
    }


def distance_between(a: int | None, b: int | None) -> float | None:
    if a is None or b is None:
        return None
    return distances_from(a).get(b)


def municipality_ids_in_region(region: str) -> list[int]:
    return [pk for pk, (_lat, _lon, r) in municipality_points().items() if r == region]


def municipality_ids_within(municipality: Municipality, km: float) -> list[int]:
    return [pk for pk, d in distances_from(municipality.pk).items() if d <= km]


# --- The same score in SQL -------------------------------------------------------


class BitCount(Func):
    """Number of set bits of a 64-bit integer expression."""

    function = "velkomst_bitcount"  # registered on SQLite connections (apps.py)
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="bit_count(CAST(%(expressions)s AS bit(64)))",
            **extra_context,
        )


def bitcount_python(value: int | None) -> int:
    return 0 if value is None else (value & 0xFFFFFFFFFFFFFFFF).bit_count()


@dataclass
class _FacetQuery:
    mask: int = 0
    bitless: list[int] = field(default_factory=list)


def _split(items) -> _FacetQuery:
    """My tags of a facet as a bitmask plus the ids of tags without a bit."""
    facet = _FacetQuery()
    for tag_id, bit in items:
        if bit is None:
            facet.bitless.append(tag_id)
        else:
            facet.mask |= 1 << bit
    return facet


def _shared(column: str, facet: _FacetQuery, through, **item_filter):
    """SQL: how many of my tags in this facet the candidate has."""
    expression = BitCount(F(column).bitand(Value(facet.mask, BigIntegerField())))
    if facet.bitless:
        extra = (
            through.objects.filter(
                content_object=OuterRef("pk"), tag_id__in=facet.bitless, **item_filter
            )
            .values("content_object")
            .annotate(n=Count("pk"))
            .values("n")
        )
        expression = expression + Coalesce(
            Subquery(extra, output_field=IntegerField()), Value(0)
        )
    return expression


def _has_any(column: str, facet: _FacetQuery, through, **item_filter) -> Q | None:
    """SQL condition: the profile has any of the facet's tags (``None`` if the
    facet is empty): a bit test on ``column``, plus the tag table for tags
    without a bit."""
    condition = None
    if facet.mask:
        condition = Q(
            GreaterThan(F(column).bitand(Value(facet.mask, BigIntegerField())), 0)
        )
    if facet.bitless:
        exists = Q(
            Exists(
                through.objects.filter(
                    content_object=OuterRef("pk"),
                    tag_id__in=facet.bitless,
                    **item_filter,
                )
            )
        )
        condition = exists if condition is None else condition | exists
    return condition


def tags_condition(column: str, tags, through, **item_filter) -> Q:
    """Profiles with any of ``tags`` (tag objects of one facet), for filters."""
    condition = _has_any(
        column, _split((t.pk, t.bit) for t in tags), through, **item_filter
    )
    return condition if condition is not None else Q(pk__in=[])


def _is_prefetched(profile: Profile) -> bool:
    cached = getattr(profile, "_prefetched_objects_cache", {})
    return all(name in cached for name in FACET_ITEMS)


def _my_facets(me: Profile) -> dict[str, _FacetQuery]:
    if _is_prefetched(me):
        languages = [(i.tag_id, i.tag.bit, i.level) for i in me.language_items.all()]

        def items(name):
            return [(i.tag_id, i.tag.bit) for i in getattr(me, name).all()]
    else:
        languages = list(me.language_items.values_list("tag_id", "tag__bit", "level"))

        def items(name):
            return getattr(me, name).values_list("tag_id", "tag__bit")

    return {
        "spoken": _split((t, b) for t, b, lv in languages if lv in SPOKEN_LEVELS),
        "learning": _split(
            (t, b) for t, b, lv in languages if lv == LanguageLevel.LEARNING
        ),
        "interests": _split(items("interest_items")),
        "professions": _split(items("profession_items")),
        "hopes": _split(items("hope_items")),
    }


def ranked(me: Profile, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """``queryset`` narrowed to my candidates (the other role, sharing a spoken
    language) and annotated with ``match_score``, best first. Computed entirely in
    the database: nothing is loaded into Python but the rows asked for."""
    w = Weights.from_settings()
    mine = _my_facets(me)
    other_role = Role.NEWCOMER if me.role == Role.HOST else Role.HOST
    spoken_levels = list(SPOKEN_LEVELS)

    queryset = queryset.filter(role=other_role)
    speaks_with_me = _has_any(
        "spoken_mask", mine["spoken"], ProfileLanguage, level__in=spoken_levels
    )
    if speaks_with_me is None:
        return queryset.none()
    queryset = queryset.filter(speaks_with_me)

    shared_languages = _shared(
        "spoken_mask", mine["spoken"], ProfileLanguage, level__in=spoken_levels
    )
    # One speaks a language the other is learning.
    helps = [
        condition
        for condition in (
            _has_any(
                "spoken_mask",
                mine["learning"],
                ProfileLanguage,
                level__in=spoken_levels,
            ),
            _has_any(
                "learning_mask",
                mine["spoken"],
                ProfileLanguage,
                level=LanguageLevel.LEARNING,
            ),
        )
        if condition is not None
    ]
    learning_help = Value(0)
    if helps:
        either = helps[0] if len(helps) == 1 else helps[0] | helps[1]
        learning_help = Case(
            When(either, then=Value(w.learning_help)), default=Value(0)
        )

    def capped(expression, per: int, cap: int):
        return Value(per) * Least(expression, Value(cap))

    parts = [
        capped(shared_languages, w.language, w.max_languages),
        learning_help,
        capped(
            _shared("interest_mask", mine["interests"], ProfileInterest),
            w.interest,
            w.max_interests,
        ),
        capped(
            _shared("profession_mask", mine["professions"], ProfileProfession),
            w.profession,
            w.max_professions,
        ),
        capped(_shared("hope_mask", mine["hopes"], ProfileHope), w.hope, w.max_hopes),
        _age_points(me, w),
        _geo_points(me, w),
        _household_points(me, w),
        _capacity_points(me, w),
    ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return queryset.annotate(
        match_score=ExpressionWrapper(total, output_field=IntegerField())
    ).order_by("-match_score", "-pk")


def _age_points(me: Profile, w: Weights):
    if me.age_group is None:
        return Value(0)
    return Case(
        When(age_group=me.age_group, then=Value(w.same_age)),
        When(
            age_group__in=[me.age_group - 1, me.age_group + 1],
            then=Value(w.adjacent_age),
        ),
        default=Value(0),
    )


class PointsByMunicipality(Func):
    """Points for the candidate's municipality from a table of ``{id: points}``:
    a CASE everywhere; on PostgreSQL an array subscript, which costs the same for
    98 municipalities as for one."""

    output_field = IntegerField()

    def __init__(self, points: dict[int, int]):
        self.points = {pk: p for pk, p in points.items() if p}
        super().__init__(F("municipality_id"))

    def as_sql(self, compiler, connection, **extra_context):
        whens = [
            When(municipality_id=pk, then=Value(p)) for pk, p in self.points.items()
        ]
        case = Case(*whens, default=Value(0)) if whens else Value(0)
        return compiler.compile(case.resolve_expression(compiler.query))

    def as_postgresql(self, compiler, connection, **extra_context):
        if not self.points:
            return "0", []
        size = max(self.points)
        values = ",".join(str(self.points.get(pk, 0)) for pk in range(1, size + 1))
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"COALESCE((ARRAY[{values}]::integer[])[{column}], 0)"
        return sql, params


def _geo_points(me: Profile, w: Weights):
    return PointsByMunicipality(
        {pk: geo_points(d, w) for pk, d in distances_from(me.municipality_id).items()}
    )


def _household_points(me: Profile, w: Weights):
    total = Value(0)
    if me.household == Household.FAMILY:
        total = Case(
            When(household=Household.FAMILY, then=Value(w.both_families)),
            default=Value(0),
        )
    elif me.household:
        total = Case(
            When(household=me.household, then=Value(w.same_household)),
            default=Value(0),
        )
    bands = children_bands(me)
    if bands:
        overlap = Q()
        for band in bands:
            overlap |= Q(**{band: True})
        total = total + Case(
            When(overlap, then=Value(w.children_overlap)), default=Value(0)
        )
    return total


def _capacity_points(me: Profile, w: Weights):
    if me.role == Role.HOST:
        return Value(w.free_place if me.free_places > 0 else 0)
    return Case(
        When(capacity__gt=F("active_match_count"), then=Value(w.free_place)),
        default=Value(0),
    )


# --- In words ------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    score: int
    reasons: list[str]
    shared: dict[str, frozenset[int]]


FACET_ITEMS = ("language_items", "interest_items", "profession_items", "hope_items")


def prefetch_for_explain(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """The prefetches ``explain`` and the member cards need: four queries for any
    number of profiles."""
    return queryset.select_related("municipality").prefetch_related(*_tag_prefetches())


def _tag_prefetches() -> list[Prefetch]:
    return [
        Prefetch("language_items", ProfileLanguage.objects.select_related("tag")),
        Prefetch("interest_items", ProfileInterest.objects.select_related("tag")),
        Prefetch("profession_items", ProfileProfession.objects.select_related("tag")),
        Prefetch("hope_items", ProfileHope.objects.select_related("tag")),
    ]


def viewer_with_tags(me: Profile) -> Profile:
    """The viewer's profile with its tags loaded, for ``ranked`` and ``explain``."""
    prefetch_related_objects([me], *_tag_prefetches())
    return me


def _names(items, ids) -> list[str]:
    return sorted(item.tag.name for item in items if item.tag_id in ids)


def explain(me: Profile, profiles: list[Profile]) -> dict[int, Explanation]:
    """Score and reasons in words for each profile shown (tags prefetched; pass
    ``me`` from ``viewer_with_tags`` to save its queries)."""
    if not _is_prefetched(me):
        me = viewer_with_tags(me)
    mine = MatchProfile.from_profile(me)
    weights = Weights.from_settings()
    distances = distances_from(me.municipality_id)
    points = municipality_points()
    result = {}
    for profile in profiles:
        other = MatchProfile.from_profile(profile)
        match = score(
            mine,
            other,
            distance_km=distances.get(profile.municipality_id),
            weights=weights,
        )
        if match is None:
            result[profile.pk] = Explanation(0, [], {})
            continue
        result[profile.pk] = Explanation(
            score=match.total,
            reasons=_reasons(me, profile, match, points),
            shared={
                "languages": match.shared_languages,
                "interests": match.shared_interests,
                "professions": match.shared_professions,
                "hopes": match.shared_hopes,
            },
        )
    return result


def _reasons(me: Profile, other: Profile, match: MatchScore, points) -> list[str]:
    reasons: list[str] = []
    languages = list(other.language_items.all())
    reasons.append(
        _("You both speak %(languages)s")
        % {
            "languages": get_text_list(
                _names(languages, match.shared_languages), _("and")
            )
        }
    )
    if match.learning_help:
        mine = list(me.language_items.all())
        my_learning = {i.tag_id for i in mine if i.level == LanguageLevel.LEARNING}
        helps = _names([i for i in languages if i.level in SPOKEN_LEVELS], my_learning)
        if helps:
            reasons.append(
                _("They speak %(languages)s, which you are learning")
                % {"languages": get_text_list(helps, _("and"))}
            )
        else:
            their_learning = {
                i.tag_id for i in languages if i.level == LanguageLevel.LEARNING
            }
            teach = _names(
                [i for i in mine if i.level in SPOKEN_LEVELS], their_learning
            )
            reasons.append(
                _("You speak %(languages)s, which they are learning")
                % {"languages": get_text_list(teach, _("and"))}
            )
    if match.shared_interests:
        reasons.append(
            _("You both like %(interests)s")
            % {
                "interests": get_text_list(
                    _names(other.interest_items.all(), match.shared_interests), _("and")
                )
            }
        )
    if match.shared_professions:
        reasons.append(
            _("You share a background in %(fields)s")
            % {
                "fields": get_text_list(
                    _names(other.profession_items.all(), match.shared_professions),
                    _("and"),
                )
            }
        )
    if match.shared_hopes:
        reasons.append(
            _("You both hope for %(hopes)s")
            % {
                "hopes": get_text_list(
                    [
                        _as_object(name, languages)
                        for name in _names(other.hope_items.all(), match.shared_hopes)
                    ],
                    _("and"),
                )
            }
        )
    reasons.extend(_place_reasons(me, other, match, points))
    if match.same_age:
        reasons.append(_("You are in the same age group"))
    elif match.adjacent_age:
        reasons.append(_("You are close in age"))
    if match.both_families:
        reasons.append(_("You are both families with children"))
    elif match.same_household:
        reasons.append(
            _("You are both couples")
            if me.household == Household.COUPLE
            else _("You both live on your own")
        )
    if match.children_overlap:
        reasons.append(_("Your children are of similar ages"))
    if me.role == Role.NEWCOMER and match.host_has_room:
        free = other.free_places
        reasons.append(
            ngettext(
                "They can host %(count)d more newcomer",
                "They can host %(count)d more newcomers",
                free,
            )
            % {"count": free}
        )
    return reasons


def _as_object(name: str, languages) -> str:
    """'Friendship' → 'friendship' after "hope for", but 'Danish practice' keeps
    its capital: a language's name is a proper noun."""
    first = name.split(" ", 1)[0]
    language_names = {item.tag.name for item in languages}
    if first in language_names or first.endswith(("ish", "ese", "ian")):
        return name
    return name[:1].lower() + name[1:]


def _place_reasons(me: Profile, other: Profile, match: MatchScore, points) -> list[str]:
    if me.municipality_id is None or other.municipality_id is None:
        return []
    if me.municipality_id == other.municipality_id:
        return [_("You both live in %(place)s") % {"place": other.municipality.name}]
    mine, theirs = points.get(me.municipality_id), points.get(other.municipality_id)
    km = round(match.distance_km or 0)
    if mine and theirs and mine[2] == theirs[2]:
        return [
            _("You live %(km)d km apart, both in the %(region)s")
            % {"km": km, "region": Region(mine[2]).label}
        ]
    return [_("You live %(km)d km apart") % {"km": km}]
