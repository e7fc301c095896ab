"""The match score in SQL: ``Score`` computes ``score(me, candidate).total``
(``matching.score``) as one expression over each candidate's own columns, so
the directory's first page over 100,000 profiles is ranked in the database
(``ranked``) and nothing is loaded into Python but the rows asked for.

Each facet is a bitmask column on the profile (see community/models/tags.py) and
shared tags are counted with a bit count. Tags without a bit (past the 63rd of a
facet) are counted exactly through the tag tables, so SQL and Python agree
(tests/community/test_matching.py, on SQLite and PostgreSQL). Where the two
databases differ, each gets its own text: ``bit_count`` on PostgreSQL,
``velkomst_bitcount`` (registered in apps.py) on SQLite, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan

from community.matching.reads import distances_from, geo_points_for, tags_of
from community.matching.score import Weights, children_bands
from community.models import (
    Household,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    Role,
)
from community.models.tags import SPOKEN_LEVELS, LanguageLevel


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
class FacetQuery:
    mask: int = 0
    bitless: list[int] = field(default_factory=list)


def _split(items) -> FacetQuery:
    """My tags of a facet as a bitmask plus the ids of tags without a bit."""
    facet = FacetQuery()
    for tag_id, bit in items:
        if bit is None:
            facet.bitless.append(tag_id)
        else:
            facet.mask |= 1 << bit
    return facet


def _shared(column: str, facet: FacetQuery, through, **item_filter):
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


def _has_any(column: str, facet: FacetQuery, through, **item_filter) -> Q | None:
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


def _my_facets(me: Profile) -> dict[str, FacetQuery]:
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
    column: str, facet: FacetQuery, through, *, per: int, cap: int, **item_filter
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
    return candidates_among(
        queryset, role=me.role, pool=me.match_pool, spoken=spoken_facet(me)
    )


def candidates_among(
    queryset: QuerySet[Profile], *, role: str, pool: int, spoken: FacetQuery
) -> QuerySet[Profile]:
    """``candidates`` of a member of ``role``, in match pool ``pool``, who
    speaks the languages of ``spoken`` (``spoken_facet``)."""
    speaks_with_me = _has_any(
        "spoken_mask", spoken, ProfileLanguage, level__in=list(SPOKEN_LEVELS)
    )
    if speaks_with_me is None:
        return queryset.none()
    other_role = Role.NEWCOMER if role == Role.HOST else Role.HOST
    return queryset.filter(speaks_with_me, role=other_role, match_pool=pool)


def spoken_facet(me: Profile) -> FacetQuery:
    """The languages I speak: ``mask`` (one bit each) and ``bitless`` (ids of
    those past the 63rd, rare)."""
    return _my_facets(me)["spoken"]


def scored(me: Profile, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """``queryset`` (my candidates, see ``candidates``) annotated with
    ``match_score`` (``Score``) and ordered best first (``best_first``)."""
    return best_first(
        queryset.annotate(match_score=Score(me)), F("match_score"), Nearness(me)
    )


def best_first(queryset: QuerySet[Profile], score, nearness) -> QuerySet[Profile]:
    """``queryset`` ordered by ``score``, best first; of equal scores, the nearer
    first (``nearness``: whole points would otherwise tie members 40 and 45 km
    away), then the newest."""
    return queryset.order_by(score.desc(), nearness.asc(), "-pk")


def _by_municipality(column: str, values: dict[int, int], default: int, postgres):
    """SQL: ``values[column]`` (``default`` when missing), a lookup per row
    without a join: an array subscript on PostgreSQL (the same cost for 98
    municipalities as for one), a ``CASE`` on SQLite."""
    if postgres:
        listed = ",".join(
            str(int(values.get(pk, default))) for pk in range(1, max(values) + 1)
        )
        return f"COALESCE((ARRAY[{listed}]::integer[])[{column}], {int(default)})"
    whens = " ".join(f"WHEN {int(pk)} THEN {int(v)}" for pk, v in values.items())
    return f"CASE {column} {whens} ELSE {int(default)} END"


class Nearness(Expression):
    """Whole km from my municipality to the candidate's (unknown: last), the
    tie-break of equal scores. No join: a lookup on the candidate's own column,
    like the geography part of ``Score``."""

    output_field = IntegerField()
    FAR = 100_000

    def __init__(self, me: Profile):
        super().__init__()
        self.km = {pk: round(d) for pk, d in distances_from(me.municipality_id).items()}

    @property
    def identity(self):
        return (self.__class__, id(self))

    def as_sql(self, compiler, connection, **extra_context):
        if not self.km:
            return str(self.FAR), []
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        column = connection.ops.quote_name(
            Profile._meta.get_field("municipality").column
        )
        postgres = connection.vendor == "postgresql"
        return _by_municipality(f"{table}.{column}", self.km, self.FAR, postgres), []


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
        # My municipality's points for each municipality: one lookup per row.
        self.geo = geo_points_for(me.municipality_id, w)
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
            parts.append(_by_municipality(col("municipality"), self.geo, 0, postgres))

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
