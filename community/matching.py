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
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    Expression,
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
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

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
from community.models.tags import SPOKEN_LEVELS, LanguageLevel, tag_label

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
        """Needs the profile's tags loaded (``tags_attach``, ``viewer_with_tags``
        or ``prefetch_for_explain``) to avoid queries per profile."""
        tags = tags_of(profile)
        languages = tags["languages"]
        return cls(
            id=profile.pk,
            role=profile.role,
            age_group=profile.age_group,
            household=profile.household,
            children=children_bands(profile),
            municipality_id=profile.municipality_id,
            spoken=frozenset(t.id for t in languages if t.level in SPOKEN_LEVELS),
            learning=frozenset(
                t.id for t in languages if t.level == LanguageLevel.LEARNING
            ),
            professions=frozenset(t.id for t in tags["professions"]),
            interests=frozenset(t.id for t in tags["interests"]),
            hopes=frozenset(t.id for t in tags["hopes"]),
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


@cache
def _municipalities() -> list[tuple[int, str, str, str]]:
    return list(
        Municipality.objects.order_by("name").values_list(
            "pk", "code", "name", "region"
        )
    )


def municipality_rows() -> list[tuple[int, str, str, str]]:
    """(id, code, name, region) of every municipality by name, read once per
    process like ``municipality_points``."""
    rows = _municipalities()
    if not rows:
        _municipalities.cache_clear()
    return rows


def forget_municipalities(**kwargs) -> None:
    _points.cache_clear()
    _municipalities.cache_clear()


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


def _my_facets(me: Profile) -> dict[str, _FacetQuery]:
    tags = tags_of(me)
    languages = tags["languages"]
    return {
        "spoken": _split((t.id, t.bit) for t in languages if t.level in SPOKEN_LEVELS),
        "learning": _split(
            (t.id, t.bit) for t in languages if t.level == LanguageLevel.LEARNING
        ),
        "interests": _split((t.id, t.bit) for t in tags["interests"]),
        "professions": _split((t.id, t.bit) for t in tags["professions"]),
        "hopes": _split((t.id, t.bit) for t in tags["hopes"]),
    }


def _facet_points_orm(
    column: str, facet: _FacetQuery, through, *, per: int, cap: int, **item_filter
):
    """A facet's points through the ORM, for when some of my tags have no bit and
    the tag table must be read (rare: past the 63rd tag of a facet)."""
    shared = _shared(column, facet, through, **item_filter)
    if facet.mask.bit_count() + len(facet.bitless) > cap:
        shared = Least(shared, Value(cap))
    return Value(per) * shared


def ranked(me: Profile, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """``queryset`` narrowed to my candidates (the other role, sharing a spoken
    language) and annotated with ``match_score``, best first. Computed entirely in
    the database: nothing is loaded into Python but the rows asked for."""
    return scored(me, candidates(me, queryset))


def candidates(me: Profile, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """``queryset`` narrowed to my candidates: the other role, in my match pool
    (see ``Profile.match_pool``), sharing a spoken language with me."""
    mine = _my_facets(me)
    other_role = Role.NEWCOMER if me.role == Role.HOST else Role.HOST
    speaks_with_me = _has_any(
        "spoken_mask", mine["spoken"], ProfileLanguage, level__in=list(SPOKEN_LEVELS)
    )
    if speaks_with_me is None:
        return queryset.none()
    return queryset.filter(speaks_with_me, role=other_role, match_pool=me.match_pool)


def scored(me: Profile, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """``queryset`` (my candidates, see ``candidates``) annotated with
    ``match_score`` (``Score``) and ordered best first."""
    return queryset.annotate(match_score=Score(me)).order_by("-match_score", "-pk")


class Score(Expression):
    """``score(me, candidate).total`` as one SQL expression over the candidate's
    own columns.

    It is evaluated for every candidate (tens of thousands), and built on every
    page that ranks, so it is written as SQL text rather than composed of some
    twenty ORM expressions (which cost more to build and compile than the
    ranking takes to run): each part in its cheapest exact form, parts that are
    zero for everyone left out, numbers we computed written in, strings passed
    as parameters. Only a facet where I have tags without a bit (past the 63rd
    of a facet, rare) is counted through the tag table by ORM subqueries.
    PostgreSQL and SQLite (``velkomst_bitcount`` is registered in apps.py)."""

    output_field = IntegerField()

    def __init__(self, me: Profile, weights: Weights | None = None):
        super().__init__()
        w = weights or Weights.from_settings()
        self.weights = w
        self.facets = _my_facets(me)
        self.role = me.role
        self.host_has_room = me.free_places > 0
        self.age_group = me.age_group
        self.household = me.household
        self.bands = sorted(children_bands(me))
        self.geo = {
            pk: points
            for pk, d in distances_from(me.municipality_id).items()
            if (points := geo_points(d, w))
        }
        # Facets I have tags without a bit in: counted through the tag table.
        self.through_tables = self._through_table_parts()

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}()"

    @property
    def identity(self):
        # Each Score belongs to one viewer and one query: equal only to itself.
        return (self.__class__, id(self))

    def get_source_expressions(self):
        return list(self.through_tables)

    def set_source_expressions(self, exprs):
        self.through_tables = list(exprs)

    def _through_table_parts(self) -> list:
        w, mine = self.weights, self.facets
        spoken = list(SPOKEN_LEVELS)
        parts = []
        for key, column, through, per, cap, item_filter in self._facet_rules():
            if mine[key].bitless:
                parts.append(
                    _facet_points_orm(
                        column, mine[key], through, per=per, cap=cap, **item_filter
                    )
                )
        if mine["learning"].bitless or mine["spoken"].bitless:
            conditions = [
                condition
                for condition in (
                    _has_any(
                        "spoken_mask", mine["learning"], ProfileLanguage,
                        level__in=spoken,
                    ),
                    _has_any(
                        "learning_mask", mine["spoken"], ProfileLanguage,
                        level=LanguageLevel.LEARNING,
                    ),
                )
                if condition is not None
            ]  # fmt: skip
            either = conditions[0]
            for condition in conditions[1:]:
                either |= condition
            parts.append(
                Case(When(either, then=Value(w.learning_help)), default=Value(0))
            )
        return parts

    def _facet_rules(self):
        """(facet, column, tag table, points per shared tag, cap, tag filter)."""
        w = self.weights
        spoken = {"level__in": list(SPOKEN_LEVELS)}
        return (
            ("spoken", "spoken_mask", ProfileLanguage)
            + (w.language, w.max_languages, spoken),
            ("interests", "interest_mask", ProfileInterest)
            + (w.interest, w.max_interests, {}),
            ("professions", "profession_mask", ProfileProfession)
            + (w.profession, w.max_professions, {}),
            ("hopes", "hope_mask", ProfileHope) + (w.hope, w.max_hopes, {}),
        )

    def as_sql(self, compiler, connection, **extra_context):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        quote = connection.ops.quote_name

        def col(name: str) -> str:
            return f"{table}.{quote(Profile._meta.get_field(name).column)}"

        postgres = connection.vendor == "postgresql"
        w, mine = self.weights, self.facets
        parts: list[str] = []
        params: list = []

        def shared_bits(column: str, mask: int) -> str:
            masked = f"({col(column)} & {int(mask)})"
            if postgres:
                return f"bit_count(CAST({masked} AS bit(64)))"
            return f"velkomst_bitcount({masked})"

        for key, column, _through, per, cap, _filter in self._facet_rules():
            facet = mine[key]
            if facet.bitless or not facet.mask:
                continue  # counted through the tag table, or nothing to share
            if facet.mask.bit_count() == 1:
                parts.append(
                    f"CASE WHEN ({col(column)} & {int(facet.mask)}) <> 0 "
                    f"THEN {int(per)} ELSE 0 END"
                )
                continue
            shared = shared_bits(column, facet.mask)
            if facet.mask.bit_count() > cap:
                least = "LEAST" if postgres else "MIN"
                shared = f"{least}({shared}, {int(cap)})"
            parts.append(f"{int(per)} * {shared}")

        if not (mine["learning"].bitless or mine["spoken"].bitless):
            helps = [
                f"({col(column)} & {int(facet.mask)}) <> 0"
                for column, facet in (
                    ("spoken_mask", mine["learning"]),
                    ("learning_mask", mine["spoken"]),
                )
                if facet.mask
            ]
            if helps:
                parts.append(
                    f"CASE WHEN {' OR '.join(helps)} "
                    f"THEN {int(w.learning_help)} ELSE 0 END"
                )

        if self.age_group is not None:
            age, mine_age = col("age_group"), int(self.age_group)
            parts.append(
                f"CASE WHEN {age} = {mine_age} THEN {int(w.same_age)} "
                f"WHEN {age} IN ({mine_age - 1}, {mine_age + 1}) "
                f"THEN {int(w.adjacent_age)} ELSE 0 END"
            )

        if self.geo:
            place = col("municipality")
            if postgres:
                # An array subscript costs the same for 98 municipalities as
                # for one.
                values = ",".join(
                    str(int(self.geo.get(pk, 0))) for pk in range(1, max(self.geo) + 1)
                )
                parts.append(f"COALESCE((ARRAY[{values}]::integer[])[{place}], 0)")
            else:
                whens = " ".join(
                    f"WHEN {int(pk)} THEN {int(p)}" for pk, p in self.geo.items()
                )
                parts.append(f"CASE {place} {whens} ELSE 0 END")

        if self.household:
            points = (
                w.both_families
                if self.household == Household.FAMILY
                else w.same_household
            )
            parts.append(
                f"CASE WHEN {col('household')} = %s THEN {int(points)} ELSE 0 END"
            )
            params.append(self.household)
        if self.bands:
            either = " OR ".join(col(band) for band in self.bands)
            parts.append(
                f"CASE WHEN {either} THEN {int(w.children_overlap)} ELSE 0 END"
            )

        if self.role == Role.HOST:
            # The same for every candidate: part of the score, not of the order.
            if self.host_has_room:
                parts.append(str(int(w.free_place)))
        else:
            parts.append(
                f"CASE WHEN {col('capacity')} > {col('active_match_count')} "
                f"THEN {int(w.free_place)} ELSE 0 END"
            )

        for expression in self.through_tables:
            sql, more = compiler.compile(expression)
            parts.append(f"({sql})")
            params.extend(more)
        return f"({' + '.join(parts) or '0'})", params


# --- In words ------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    score: int
    reasons: list[str]
    shared: dict[str, frozenset[int]]


class TagRef(NamedTuple):
    """One tag of a profile as plain values: enough to score and to explain. A
    named tuple, the cheapest to build of the immutable records: a page of
    members reads some 250 of them."""

    id: int
    name: str  # in the reader's language (``tag_label``)
    bit: int | None
    level: str = ""  # languages only


FACETS = {
    "languages": ProfileLanguage,
    "interests": ProfileInterest,
    "professions": ProfileProfession,
    "hopes": ProfileHope,
}
FACET_ITEMS = {
    "languages": "language_items",
    "interests": "interest_items",
    "professions": "profession_items",
    "hopes": "hope_items",
}
FacetTags = dict[str, list[TagRef]]


def facet_tags(profile_ids) -> dict[int, FacetTags]:
    """The tags of every facet of these profiles, by profile id: one query for
    any number of profiles. Written as SQL (from the models' table and column
    names) because building the same four-way ``UNION ALL`` with the ORM costs
    more than running it, on every page that lists members."""
    ids = list(profile_ids)
    result: dict[int, FacetTags] = {pk: {f: [] for f in FACETS} for pk in ids}
    if not ids:
        return result
    if connection.vendor == "postgresql":
        # One array parameter: PostgreSQL plans ``= ANY(array)`` in a fraction of
        # the time it takes for a list of constants, four times over.
        sql, params = _facet_tags_sql().replace("IN (%(ids)s)", "= ANY(%s)"), [ids]
    else:
        sql, params = (
            _facet_tags_sql().replace("%(ids)s", ", ".join(["%s"] * len(ids))),
            ids,
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params * len(FACETS))
        for pk, facet, tag_id, name, name_da, bit, level in cursor.fetchall():
            label = tag_label(name, name_da)
            result[pk][facet].append(TagRef(tag_id, label, bit, level or ""))
    return result


@cache
def _facet_tags_sql() -> str:
    quote = connection.ops.quote_name
    selects = []
    for facet, through in FACETS.items():
        item, tag = through._meta, through._meta.get_field("tag").related_model._meta
        owner = quote(item.get_field("content_object").column)
        tag_id = quote(item.get_field("tag").column)
        level = f"i.{quote('level')}" if facet == "languages" else "''"
        # Only the models' own table and column names go into the text; the
        # profile ids are parameters.
        selects.append(
            f"SELECT i.{owner}, '{facet}', i.{tag_id}, t.{quote('name')}, "  # noqa: S608
            f"t.{quote('name_da')}, t.{quote('bit')}, {level} "
            f"FROM {quote(item.db_table)} i "
            f"JOIN {quote(tag.db_table)} t ON t.{quote(tag.pk.column)} = i.{tag_id} "
            f"WHERE i.{owner} IN (%(ids)s)"
        )
    return " UNION ALL ".join(selects)


def tags_attach(profiles: list[Profile]) -> list[Profile]:
    """Load the tags ``explain`` and the member cards need onto ``profiles``
    (one query) and return them."""
    found = facet_tags(profile.pk for profile in profiles)
    for profile in profiles:
        profile.facet_tags = found[profile.pk]
    return profiles


def tags_of(profile: Profile) -> FacetTags:
    """The profile's tags by facet: as attached by ``tags_attach``, else from
    prefetched tag items, else read now (one query)."""
    attached = getattr(profile, "facet_tags", None)
    if attached is not None:
        return attached
    cached = getattr(profile, "_prefetched_objects_cache", {})
    if all(name in cached for name in FACET_ITEMS.values()):
        return {
            facet: [
                TagRef(i.tag_id, i.tag.label, i.tag.bit, getattr(i, "level", ""))
                for i in getattr(profile, name).all()
            ]
            for facet, name in FACET_ITEMS.items()
        }
    return facet_tags([profile.pk])[profile.pk]


def prefetch_for_explain(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """The prefetches a profile page needs: its municipality and the tag items
    of each facet (four queries for any number of profiles). Lists use
    ``tags_attach`` instead, which reads all four facets at once."""
    return queryset.select_related("municipality").prefetch_related(*_tag_prefetches())


def _tag_prefetches() -> list[Prefetch]:
    return [
        Prefetch("language_items", ProfileLanguage.objects.select_related("tag")),
        Prefetch("interest_items", ProfileInterest.objects.select_related("tag")),
        Prefetch("profession_items", ProfileProfession.objects.select_related("tag")),
        Prefetch("hope_items", ProfileHope.objects.select_related("tag")),
    ]


def viewer_with_tags(me: Profile) -> Profile:
    """The viewer's profile with its tags loaded (one query), for ``ranked`` and
    ``explain``."""
    if getattr(me, "facet_tags", None) is None:
        me.facet_tags = facet_tags([me.pk])[me.pk]
    return me


def _names(tags: list[TagRef], ids) -> list[str]:
    return sorted(tag.name for tag in tags if tag.id in ids)


def _in_sentence(name: str) -> str:
    """A tag's name inside a Danish sentence: Danish writes languages and
    common nouns in lower case ("I taler begge dansk"); names such as "HR og
    personale" keep their capitals."""
    if len(name) > 1 and name[1].islower():
        return name[:1].lower() + name[1:]
    return name


def explain(me: Profile, profiles: list[Profile]) -> dict[int, Explanation]:
    """Score and reasons in words for each profile shown (tags loaded with
    ``tags_attach`` or prefetched; pass ``me`` from ``viewer_with_tags`` to save
    its query)."""
    me = viewer_with_tags(me)
    mine = MatchProfile.from_profile(me)
    weights = Weights.from_settings()
    distances = distances_from(me.municipality_id)
    points = municipality_points()
    my_tags = tags_of(me)
    words = {key: str(text) for key, text in _WORDS.items()}
    words["lower_case_names"] = (translation.get_language() or "").startswith("da")
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
            reasons=_reasons(
                me, my_tags, profile, tags_of(profile), match, points, words
            ),
            shared={
                "languages": match.shared_languages,
                "interests": match.shared_interests,
                "professions": match.shared_professions,
                "hopes": match.shared_hopes,
            },
        )
    return result


# What ``explain`` says, translated once per call rather than once per card.
_WORDS = {
    "speak": gettext_lazy("You both speak %(languages)s"),
    "they_teach": gettext_lazy("They speak %(languages)s, which you are learning"),
    "you_teach": gettext_lazy("You speak %(languages)s, which they are learning"),
    "like": gettext_lazy("You both like %(interests)s"),
    "background": gettext_lazy("You share a background in %(fields)s"),
    "hope": gettext_lazy("You both hope for %(hopes)s"),
    "same_age": gettext_lazy("You are in the same age group"),
    "close_age": gettext_lazy("You are close in age"),
    "families": gettext_lazy("You are both families with children"),
    "couples": gettext_lazy("You are both couples"),
    "singles": gettext_lazy("You both live on your own"),
    "children": gettext_lazy("Your children are of similar ages"),
    "same_place": gettext_lazy("You both live in %(place)s"),
    "same_region": gettext_lazy("You live %(km)d km apart, both in the %(region)s"),
    "apart": gettext_lazy("You live %(km)d km apart"),
    "and": gettext_lazy("and"),
    # Translators: This string is used as a separator between list elements
    ", ": gettext_lazy(", "),
}


def _listed(items: list[str], words: dict[str, str]) -> str:
    """'a, b and c', as ``django.utils.text.get_text_list`` writes it, with the
    words translated once per ``explain`` rather than once per list."""
    if len(items) < 2:
        return "".join(items)
    return f"{words[', '].join(items[:-1])} {words['and']} {items[-1]}"


def _reasons(
    me: Profile,
    my_tags: FacetTags,
    other: Profile,
    their_tags: FacetTags,
    match: MatchScore,
    points,
    words: dict[str, str],
) -> list[str]:
    reasons: list[str] = []
    if words["lower_case_names"]:
        my_tags, their_tags = (
            {
                facet: [tag._replace(name=_in_sentence(tag.name)) for tag in tags]
                for facet, tags in facets.items()
            }
            for facets in (my_tags, their_tags)
        )
    languages = their_tags["languages"]
    reasons.append(
        words["speak"]
        % {"languages": _listed(_names(languages, match.shared_languages), words)}
    )
    if match.learning_help:
        mine = my_tags["languages"]
        my_learning = {t.id for t in mine if t.level == LanguageLevel.LEARNING}
        helps = _names([t for t in languages if t.level in SPOKEN_LEVELS], my_learning)
        if helps:
            reasons.append(words["they_teach"] % {"languages": _listed(helps, words)})
        else:
            their_learning = {
                t.id for t in languages if t.level == LanguageLevel.LEARNING
            }
            teach = _names(
                [t for t in mine if t.level in SPOKEN_LEVELS], their_learning
            )
            reasons.append(words["you_teach"] % {"languages": _listed(teach, words)})
    if match.shared_interests:
        reasons.append(
            words["like"]
            % {
                "interests": _listed(
                    _names(their_tags["interests"], match.shared_interests), words
                )
            }
        )
    if match.shared_professions:
        reasons.append(
            words["background"]
            % {
                "fields": _listed(
                    _names(their_tags["professions"], match.shared_professions), words
                )
            }
        )
    if match.shared_hopes:
        reasons.append(
            words["hope"]
            % {
                "hopes": _listed(
                    [
                        _as_object(name, languages)
                        for name in _names(their_tags["hopes"], match.shared_hopes)
                    ],
                    words,
                )
            }
        )
    reasons.extend(_place_reasons(me, other, match, points, words))
    if match.same_age:
        reasons.append(words["same_age"])
    elif match.adjacent_age:
        reasons.append(words["close_age"])
    if match.both_families:
        reasons.append(words["families"])
    elif match.same_household:
        reasons.append(
            words["couples"] if me.household == Household.COUPLE else words["singles"]
        )
    if match.children_overlap:
        reasons.append(words["children"])
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
    language_names = {tag.name for tag in languages}
    if first in language_names or first.endswith(("ish", "ese", "ian")):
        return name
    return name[:1].lower() + name[1:]


def _place_reasons(
    me: Profile, other: Profile, match: MatchScore, points, words: dict[str, str]
) -> list[str]:
    if me.municipality_id is None or other.municipality_id is None:
        return []
    if me.municipality_id == other.municipality_id:
        return [words["same_place"] % {"place": other.municipality.name}]
    mine, theirs = points.get(me.municipality_id), points.get(other.municipality_id)
    km = round(match.distance_km or 0)
    if mine and theirs and mine[2] == theirs[2]:
        return [words["same_region"] % {"km": km, "region": Region(mine[2]).label}]
    return [words["apart"] % {"km": km}]
