"""What matching reads from the database, turned into the plain values the pure
modules work on: the members' tags by facet (``TagRef``), the municipalities'
coordinates, a profile as a ``MatchProfile``; and ``explain``, which reads them
for a page of members and puts each score into words (``reasons``)."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Prefetch, QuerySet

from community.matching import geography
from community.matching.geography import Points
from community.matching.reasons import (
    Explanation,
    distance_words,
    reasons,
    words_translated,
)
from community.matching.score import (
    FacetTags,
    MatchProfile,
    TagRef,
    Weights,
    score,
    strength,
)
from community.models import (
    Municipality,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    Region,
)
from community.models.tags import reads_danish
from config.prepared import IDS_IN, execute

# --- Municipalities --------------------------------------------------------------


@cache
def _points() -> Points:
    return {
        pk: (lat, lon, region)
        for pk, lat, lon, region in Municipality.objects.values_list(
            "pk", "latitude", "longitude", "region"
        )
    }


def municipality_points() -> Points:
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
    _distances_from.cache_clear()
    _geo_points.cache_clear()


@cache
def _distances_from(municipality_id: int | None) -> dict[int, float]:
    return geography.distances_from(municipality_points(), municipality_id)


def distances_from(municipality_id: int | None) -> dict[int, float]:
    """Km from ``municipality_id`` to every municipality (``geography``), worked
    out once per process and municipality like ``municipality_points``. Read
    only: the dict is shared."""
    return _distances_from(municipality_id)


@cache
def _geo_points(municipality_id: int | None, weights: Weights) -> dict[int, int]:
    return geography.geo_points_from(municipality_points(), municipality_id, weights)


def geo_points_for(municipality_id: int | None, weights: Weights) -> dict[int, int]:
    """``geography.geo_points_from`` for a member in ``municipality_id``: the
    same table for everyone living there, worked out once per process like
    ``distances_from`` (read only)."""
    return _geo_points(municipality_id, weights)


def municipality_ids_in_region(region: str) -> list[int]:
    return geography.municipality_ids_in_region(municipality_points(), region)


def municipality_ids_within(municipality: Municipality, km: float) -> list[int]:
    return geography.municipality_ids_within(municipality_points(), municipality.pk, km)


# --- Tags ------------------------------------------------------------------------

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


def facet_tags(profile_ids) -> dict[int, FacetTags]:
    """The tags of every facet of these profiles, by profile id: one query for
    any number of profiles. Written as SQL (from the models' table and column
    names) because building the same four-way ``UNION ALL`` with the ORM costs
    more than running it, on every page that lists members."""
    ids = list(profile_ids)
    result: dict[int, FacetTags] = {pk: {f: [] for f in FACETS} for pk in ids}
    if not ids:
        return result
    _in, as_parameter = IDS_IN[connection.vendor]
    with connection.cursor() as cursor:
        execute(
            cursor,
            _facet_tags_sql(connection.vendor),
            [as_parameter(ids)] * len(FACETS),
        )
        rows = cursor.fetchall()
    danish = reads_danish()  # once for every tag, as ``tag_label`` would
    for pk, facet, tag_id, name, name_da, bit, level in rows:
        label = name_da if danish and name_da else name
        result[pk][facet].append(TagRef(tag_id, label, bit, level or ""))
    return result


@cache
def _facet_tags_sql(vendor: str) -> str:
    """The text of ``facet_tags`` for ``vendor``: only the models' own table and
    column names go into it; the profile ids are one parameter per facet."""
    quote = connection.ops.quote_name
    ids_in, _as_parameter = IDS_IN[vendor]
    selects = []
    for facet, through in FACETS.items():
        item = through._meta
        tag = item.get_field("tag").related_model._meta

        def column(meta, name: str) -> str:
            return quote(meta.get_field(name).column)

        owner, tag_id = column(item, "content_object"), column(item, "tag")
        level = f"i.{column(item, 'level')}" if facet == "languages" else "''"
        selects.append(
            f"SELECT i.{owner}, '{facet}', i.{tag_id}, t.{column(tag, 'name')}, "  # noqa: S608
            f"t.{column(tag, 'name_da')}, t.{column(tag, 'bit')}, {level} "
            f"FROM {quote(item.db_table)} i "
            f"JOIN {quote(tag.db_table)} t ON t.{quote(tag.pk.column)} = i.{tag_id} "
            f"WHERE i.{owner} {ids_in}"
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


def match_profile(profile: Profile) -> MatchProfile:
    """What scoring needs of ``profile``. Needs the profile's tags loaded
    (``tags_attach``, ``viewer_with_tags`` or ``prefetch_for_explain``) to avoid
    queries per profile."""
    return MatchProfile.from_tags(profile, tags_of(profile))


# --- In words ----------------------------------------------------------------------


def explain(me: Profile, profiles: list[Profile]) -> dict[int, Explanation]:
    """Score and reasons in words for each profile shown (tags loaded with
    ``tags_attach`` or prefetched; pass ``me`` from ``viewer_with_tags`` to save
    its query)."""
    me = viewer_with_tags(me)
    mine = match_profile(me)
    weights = Weights.from_settings()
    points = municipality_points()
    distances = distances_from(me.municipality_id)
    my_tags = tags_of(me)
    words = words_translated()
    result = {}
    out_of = weights.max_total
    for profile in profiles:
        their_tags = tags_of(profile)
        other = MatchProfile.from_tags(profile, their_tags)
        distance_km = distances.get(profile.municipality_id)
        away = distance_words(
            distance_km if profile.municipality_id is not None else None,
            same_municipality=me.municipality_id is not None
            and me.municipality_id == profile.municipality_id,
            words=words,
        )
        match = score(
            mine,
            other,
            distance_km=distance_km,
            same_region=geography.same_region(
                points, me.municipality_id, profile.municipality_id
            ),
            weights=weights,
        )
        if match is None:
            result[profile.pk] = Explanation(0, [], {}, out_of, "", away)
            continue
        result[profile.pk] = Explanation(
            score=match.total,
            out_of=out_of,
            strength=str(words[strength(match.total, weights)]),
            distance=away,
            reasons=reasons(
                mine,
                my_tags,
                other,
                their_tags,
                match,
                place=_same_place(me, profile),
                region=_same_region(me, profile, points),
                words=words,
            ),
            shared={
                "languages": match.shared_languages,
                "interests": match.shared_interests,
                "professions": match.shared_professions,
                "hopes": match.shared_hopes,
            },
        )
    return result


def _same_place(me: Profile, other: Profile) -> str:
    """The name of the municipality we both live in, else empty (read only then:
    ``other.municipality`` may not be loaded)."""
    if me.municipality_id is None or me.municipality_id != other.municipality_id:
        return ""
    return other.municipality.name


def _same_region(me: Profile, other: Profile, points: Points) -> str | None:
    """The name of the region we both live in, in different municipalities."""
    if me.municipality_id == other.municipality_id:
        return None
    mine, theirs = points.get(me.municipality_id), points.get(other.municipality_id)
    if mine and theirs and mine[2] == theirs[2]:
        return Region(mine[2]).label
    return None
