"""Reads that Django compiles once per process, and statements PostgreSQL
plans once per connection.

A few small reads run on every request (the signed-in user with their
profile, for one). Building and compiling such an ORM query costs more than
running it: for the signed-in user, about 1 ms of Python against 0.4 ms for
the round trip. ``PreparedRead`` compiles the queryset once per database, with
a stand-in for the one value that changes, and then runs the same SQL with the
value, making the objects as Django's own ``ModelIterable`` does (the model,
``select_related`` objects, the database's converters). What it returns is
what the queryset returns; tests/config/test_prepared.py compares the two.
``PreparedQuery`` does the same for a queryset of several values (named
stand-ins, each once or more) and ``Slot`` places whose text changes with
each run: the suggestions page's ranking is compiled once per role and run
with each viewer's values and score (2.5–3 ms of Python a page before).

``execute`` runs such a fixed text (and the few others written as SQL, such as
the header badges and the tags of a page's members) as a statement PostgreSQL
prepared on that connection: planning the tags of twenty members took 0.6 ms
of the 1.6 ms the query cost here. psycopg's own ``prepare=True`` needs
server-side binding, which measured no faster; SQL's ``PREPARE``/``EXECUTE``
on Django's cursor did. A prepared statement lives as long as its connection
(the pool keeps them), survives a rolled-back transaction, and is prepared
again on a new connection. Not for PgBouncer's transaction pooling, which
moves a session's statements between server connections. Each is planned
once (``plan_cache_mode``), whatever the values it is run with.

``IDS_IN`` gives a list of ids to hand-written SQL as one parameter, and
``AnyOf`` to any ORM query.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections, router
from django.db.backends.utils import CursorWrapper
from django.db.models import Expression, IntegerField, Lookup, Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from psycopg import errors as psycopg_errors


class Slot(Expression):
    """A place in a ``PreparedQuery``'s SQL filled on each run with an
    expression given then: for a part whose text, not only its values, changes
    from one run to the next (a score written for one viewer)."""

    def __init__(self, name: str):
        super().__init__(output_field=IntegerField())
        self.name = name

    def as_sql(self, compiler, connection):
        return _slot_marker(self.name), []


def _slot_marker(name: str) -> str:
    return f"__velkomst_slot_{name}__"


_SLOT = re.compile(r"__velkomst_slot_(\w+)__")


class _Compiled:
    """One queryset's SQL for one database and what it takes to make its rows
    into objects."""

    def __init__(self, queryset: QuerySet, stand_ins: Mapping[str, Any]):
        if queryset._iterable_class is not ModelIterable or queryset.query.annotations:
            raise TypeError("PreparedRead makes model instances only")
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()  # fills select and klass_info
        except EmptyResultSet as error:
            raise ValueError(
                "a stand-in leaves the query nothing to ask: choose values the "
                "columns could hold"
            ) from error
        self.params = list(params)
        self.places = {
            name: [i for i, param in enumerate(params) if param == stand_in]
            for name, stand_in in stand_ins.items()
        }
        # The text between slots and how many parameters each piece takes.
        pieces = _SLOT.split(sql)
        self.texts, self.slots = pieces[::2], pieces[1::2]
        self.counts = [_parameter_count(text) for text in self.texts]
        self.sql = sql
        self.alias = queryset.db
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [
            column[0].target.attname for column in select[self.start : self.end]
        ]
        self.compiler = compiler
        self.converters = compiler.get_converters(
            [column[0] for column in select[: compiler.col_count]]
        )
        self.klass_info, self.select = klass_info, select

    def rows(
        self, values: Mapping[str, Any], slots: Mapping[str, Expression]
    ) -> list[Model]:
        params = list(self.params)
        for name, places in self.places.items():
            for place in places:
                params[place] = values[name]
        with connections[self.alias].cursor() as cursor:
            if self.slots:
                # A text that changes with every run: not worth preparing.
                cursor.execute(*self._filled(params, slots))
            else:
                execute(cursor, self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        # Populators keep per-row state: new ones for each run.
        populators = get_related_populators(self.klass_info, self.select, self.alias)
        found = []
        for row in rows:
            obj = self.model.from_db(
                self.alias, self.init_list, row[self.start : self.end]
            )
            for populator in populators:
                populator.populate(row, obj)
            found.append(obj)
        return found

    def _filled(self, params: list, slots: Mapping[str, Expression]):
        """The SQL with each slot's expression in its place, and its parameters
        among the others where they belong."""
        texts, values, start = [], [], 0
        for i, (text, count) in enumerate(zip(self.texts, self.counts, strict=True)):
            if i:
                expression = slots[self.slots[i - 1]].resolve_expression(
                    self.compiler.query, allow_joins=False
                )
                slot_sql, slot_params = self.compiler.compile(expression)
                texts.append(slot_sql)
                values += slot_params
            texts.append(text)
            values += params[start : start + count]
            start += count
        return "".join(texts), values


def _parameter_count(sql: str) -> int:
    return sum(1 for match in _PLACEHOLDER.finditer(sql) if match.group() == "%s")


class PreparedQuery:
    """``build(stand_ins)`` (a queryset of model instances in which each value
    of the ``stand_ins`` mapping is a query parameter, once or more) compiled
    once per database and run with the values asked for; ``Slot`` places in it
    take an expression of each run (their text changes, so such a query is not
    prepared on the server). ``prepare`` turns a value into the parameter the
    database gets, as the field or lookup would (``ids_parameter`` for
    ``AnyOf``). Build it from the queryset you would write, with the functions
    that write it for real; keep it at module level."""

    def __init__(
        self,
        build: Callable[[Mapping[str, Any]], QuerySet],
        *,
        stand_ins: Mapping[str, Any],
        prepare: Mapping[str, Callable[[Any, Any], Any]] | None = None,
    ):
        self.build = build
        self.stand_ins = dict(stand_ins)
        self.prepare = dict(prepare or {})
        self.model: type[Model] | None = None
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def _for(self, using: str | None) -> _Compiled:
        if using is None:
            using = router.db_for_read(self._model())
        connection = connections[using]
        key = (using, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            queryset = self.build(self.stand_ins).using(using)
            compiled = _Compiled(queryset, self._prepared(self.stand_ins, connection))
            self._check(compiled)
            self._compiled[key] = compiled
        return compiled

    def _check(self, compiled: _Compiled) -> None:
        for name, places in compiled.places.items():
            if not places:
                raise ValueError(
                    f"the stand-in for {name!r} is not among the query's "
                    "parameters: choose a value no other parameter has"
                )
        taken = [place for places in compiled.places.values() for place in places]
        if len(taken) != len(set(taken)):
            raise ValueError("two stand-ins have the same value: make each unique")

    def _model(self) -> type[Model]:
        if self.model is None:
            self.model = self.build(self.stand_ins).model
        return self.model

    def _prepared(self, values: Mapping[str, Any], connection) -> dict[str, Any]:
        return {
            name: self.prepare[name](value, connection)
            if name in self.prepare
            else value
            for name, value in values.items()
        }

    def all(
        self,
        values: Mapping[str, Any],
        *,
        slots: Mapping[str, Expression] | None = None,
        using: str | None = None,
    ) -> list[Model]:
        compiled = self._for(using)
        if set(compiled.slots) - set(slots or {}):
            raise ValueError(f"the query's slots are {compiled.slots}")
        return compiled.rows(
            self._prepared(values, connections[compiled.alias]), slots or {}
        )


class PreparedRead:
    """``build(value)`` (a queryset of model instances in which ``value`` is one
    query parameter) compiled once per database with ``stand_in`` and run with
    each value asked for. Build it from the queryset you would write; keep it at
    module level.

        users = PreparedRead(
            lambda pk: User.objects.select_related("profile").filter(pk=pk),
            stand_in=-7_654_321,
        )
        user = users.first(user_id)
    """

    def __init__(self, build: Callable[[Any], QuerySet], *, stand_in: Any):
        self._query = _OneValueQuery(
            lambda stand_ins: build(stand_ins["value"]), stand_ins={"value": stand_in}
        )

    def all(self, value: Any, *, using: str | None = None) -> list[Model]:
        return self._query.all({"value": value}, using=using)

    def first(self, value: Any, *, using: str | None = None) -> Model | None:
        found = self.all(value, using=using)
        return found[0] if found else None


class _OneValueQuery(PreparedQuery):
    def _check(self, compiled: _Compiled) -> None:
        # One value: where it appears twice, a constant of the query may be
        # equal to the stand-in by chance.
        places = compiled.places["value"]
        if len(places) != 1:
            raise ValueError(
                "the stand-in value must appear exactly once among the query's "
                f"parameters, found {len(places)} times in {compiled.params!r}"
            )


# The statements prepared on each PostgreSQL connection (psycopg's own
# connection object, which a reconnect replaces), by name.
_PREPARED: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%%")


def execute(cursor: CursorWrapper, sql: str, params: Sequence | Mapping) -> None:
    """``cursor.execute(sql, params)``; on PostgreSQL through a statement
    prepared once per connection. ``sql`` must be a fixed text whose values are
    all parameters (``%s``, or ``%(name)s`` with a mapping), as Django's own
    compiled queries are; where PostgreSQL cannot tell a parameter's type from
    where it stands (a bare ``SELECT %s``), cast it in the text. Counted as one
    query, as before (the ``PREPARE`` goes past Django's query log)."""
    connection = cursor.db
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    name = _statement_name(sql)
    text, names = _positional(sql)
    values = [params[key] for key in names] if names else list(params)
    prepared = _PREPARED.setdefault(connection.connection, set())
    if name not in prepared:
        _prepare(cursor, name, text)
        prepared.add(name)
    statement = f"EXECUTE {name}({', '.join(['%s'] * len(values))})"
    try:
        cursor.execute(statement, values)
    except DatabaseError as error:
        if not isinstance(error.__cause__, psycopg_errors.InvalidSqlStatementName):
            raise
        # Gone from the server (someone ran DEALLOCATE or DISCARD): prepared
        # again, and asked again unless a transaction already failed on it.
        prepared.discard(name)
        if connection.in_atomic_block:
            raise
        _prepare(cursor, name, text)
        prepared.add(name)
        cursor.execute(statement, values)


def _prepare(cursor: CursorWrapper, name: str, text: str) -> None:
    # Past Django's query log: a read counts as one query, prepared or not.
    with cursor.db.wrap_database_errors:
        # Planned once: left to choose, PostgreSQL plans a statement again on
        # every EXECUTE when its first five plans (made for the values given)
        # looked cheaper than a plan for any value, as with the tags of one
        # member then of twenty (0.4 ms of planning to a 0.1 ms read). Only
        # prepared statements heed this; the ORM's queries are not prepared.
        # Set again with every statement prepared, in case a transaction that
        # rolled back took it away (the statements stay either way).
        cursor.cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.cursor.execute(f"PREPARE {name} AS {text}")


@cache
def _statement_name(sql: str) -> str:
    return "velkomst_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()


@cache
def _positional(sql: str) -> tuple[str, tuple[str, ...]]:
    """The text with ``$1``, ``$2``… for ``%s`` (or for each distinct
    ``%(name)s``, whose order it returns) and ``%`` for ``%%``."""
    names: list[str] = []
    count = 0

    def number(match: re.Match) -> str:
        nonlocal count
        if match.group() == "%%":
            return "%"
        if match.group(1) is None:
            count += 1
            return f"${count}"
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    return _PLACEHOLDER.sub(number, sql), tuple(names)


# How each database is given a list of ids: one parameter either way, so the
# text is the same for any number of ids. PostgreSQL plans ``= ANY(array)`` in
# a fraction of the time it takes for a list of constants; SQLite reads a JSON
# array.
IDS_IN = {
    "postgresql": ("= ANY(%s)", list),
    "sqlite": ("IN (SELECT value FROM json_each(%s))", json.dumps),
}


def ids_parameter(ids, connection) -> Any:
    """A list of ids as the one parameter ``AnyOf`` gives the database."""
    _ids_in, as_parameter = IDS_IN[connection.vendor]
    return as_parameter([int(pk) for pk in ids])


class AnyOf(Lookup):
    """``AnyOf(F("pk"), ids)``: the column is one of ``ids``, given as one
    parameter (``IDS_IN``), not as one constant per id as ``pk__in`` writes
    them. For lists of a hundred ids or more: Django prepares every constant
    of an ``IN`` list on each query. ``Q(AnyOf(...)) | Q(...)`` works as any
    condition does."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [ids_parameter(value, connection)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _rhs, rhs_params = self.process_rhs(compiler, connection)
        ids_in, _as_parameter = IDS_IN[connection.vendor]
        return f"{lhs} {ids_in}", [*lhs_params, *rhs_params]
