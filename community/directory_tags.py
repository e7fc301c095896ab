"""The tags the member directory's filters offer, from the Django cache.

Every directory page lists the curated languages and interests and every
professional background, and checks the chosen ones (community/filters.py).
Those rows are kept in the cache under a version that any saved or deleted
language, interest or professional background replaces (receivers connected in
community/apps.py; merging tags in the admin deletes them one by one), so a new,
renamed, merged or deleted tag shows at once. Tags outside these rows (typed in
by members, not curated) are looked up in the database when asked for.
"""

from django.db import router
from django.db.models import CharField, Value
from django.db.models.base import DEFERRED
from django.utils import translation

from community.models import InterestTag, LanguageTag, ProfessionTag
from community.models.tags import FacetTag, tag_label
from config import versioned_cache

CACHE_NAME = "directory-tags"
# A safety net only: changes replace the version at once.
TIMEOUT = 60 * 60

# Query string name: (model, the column its values are, only curated tags?)
FACETS: dict[str, tuple[type[FacetTag], str, bool]] = {
    "languages": (LanguageTag, "code", True),
    "interests": (InterestTag, "slug", True),
    "profession": (ProfessionTag, "slug", False),
}
_CURATED_ONLY = {model for model, _key, curated in FACETS.values() if curated}
_COLUMNS = ("id", "name", "slug", "bit", "curated", "name_da", "code")


class OfferedTags:
    """One facet's offered tags, by name as the database sorts them."""

    def __init__(self, facet: str, rows: tuple[tuple, ...]):
        self.model, key, _curated = FACETS[facet]
        self.rows = rows  # _COLUMNS of each tag; "code" is None but for languages
        self._value = _COLUMNS.index(key)
        self._by_value = {row[self._value]: row for row in rows}

    def __contains__(self, value: str) -> bool:
        return value in self._by_value

    def pairs(self) -> list[tuple[str, str]]:
        """``(value, name)`` of each tag, named and sorted in the reader's
        language."""
        pairs = [(row[self._value], tag_label(row[1], row[5])) for row in self.rows]
        if any(row[5] for row in self.rows) and translation.get_language() != "en":
            pairs.sort(key=lambda pair: pair[1].casefold())
        return pairs

    def tags(self, values) -> list[FacetTag] | None:
        """The tags with these query string values in the database's order, as
        model instances like those a query returns; ``None`` if any value is
        not offered here."""
        wanted = set(values)
        if not wanted <= self._by_value.keys():
            return None
        at = self._value
        return [self._instance(row) for row in self.rows if row[at] in wanted]

    def _instance(self, row: tuple) -> FacetTag:
        data = dict(zip(_COLUMNS, row, strict=True))
        fields = self.model._meta.concrete_fields
        return self.model.from_db(
            router.db_for_read(self.model),
            [field.attname for field in fields],
            [data.get(field.attname, DEFERRED) for field in fields],
        )


def directory_tags() -> dict[str, OfferedTags]:
    """The offered tags of ``languages``, ``interests`` and ``profession``: one
    cache read, one query when the cache has none."""
    rows = versioned_cache.get_or_build(CACHE_NAME, _rows, timeout=TIMEOUT)
    return {facet: OfferedTags(facet, rows[facet]) for facet in FACETS}


def _rows() -> dict[str, tuple[tuple, ...]]:
    text = CharField()
    parts = []
    for facet, (model, _key, curated_only) in FACETS.items():
        tags = model.objects.order_by()
        if curated_only:
            tags = tags.filter(curated=True)
        code = "code" if model is LanguageTag else Value(None, output_field=text)
        parts.append(
            tags.values_list(Value(facet, output_field=text), *_COLUMNS[:-1], code)
        )
    rows: dict[str, list[tuple]] = {facet: [] for facet in FACETS}
    for facet, *row in parts[0].union(*parts[1:], all=True).order_by("name"):
        rows[facet].append(tuple(row))
    return {facet: tuple(facet_rows) for facet, facet_rows in rows.items()}


def directory_tags_changed(sender, instance, created: bool = False, **kwargs) -> None:
    """Make the cached rows stale (receiver of the tags' ``post_save`` and
    ``post_delete``). A language or interest a member has just typed in is not
    curated, so not in the rows: those, created often, leave them be."""
    if created and sender in _CURATED_ONLY and not instance.curated:
        return
    versioned_cache.renew(CACHE_NAME)
