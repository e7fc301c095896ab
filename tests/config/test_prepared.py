"""Reads compiled once per process (config/prepared.py) return what the
queryset they are built from returns, on SQLite and on PostgreSQL."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When

from community.auth_backends import ProfileAuthenticationBackend
from community.models import Municipality, Profile
from config.prepared import (
    AnyOf,
    PreparedQuery,
    PreparedRead,
    Slot,
    _statement_name,
    execute,
    ids_parameter,
)
from tests.factories import make_account, make_member

pytestmark = pytest.mark.django_db

User = get_user_model()


def _fields(obj) -> dict:
    """An instance's loaded values, without Django's bookkeeping."""
    return {key: value for key, value in vars(obj).items() if key != "_state"}


def _users_with_profile(pk):
    return User.objects.select_related("profile__municipality").filter(pk=pk)


def test_it_returns_what_the_queryset_returns_with_related_objects():
    member = make_member(municipality="Aarhus", age_group=3, capacity=2)
    make_member(municipality="Odense")
    prepared = PreparedRead(_users_with_profile, stand_in=-1)

    for _ in range(2):  # compiled once, then reused with another value
        loaded = prepared.first(member.user_id)
        expected = _users_with_profile(member.user_id).get()
        assert _fields(loaded) == _fields(expected)
        assert _fields(loaded.profile) == _fields(expected.profile)
        assert loaded.profile.user is loaded
        assert _fields(loaded.profile.municipality) == _fields(
            expected.profile.municipality
        )
        assert not loaded._state.adding and loaded._state.db == "default"
        assert not loaded.profile._state.adding


def test_related_objects_come_loaded_and_absent_ones_cost_no_query(
    django_assert_num_queries,
):
    member = make_member(municipality=None)
    account = make_account()
    prepared = PreparedRead(_users_with_profile, stand_in=-1)
    prepared.first(account.pk)  # compiled

    with django_assert_num_queries(1):
        loaded = prepared.first(member.user_id)
    with django_assert_num_queries(0):
        assert loaded.profile.pk == member.pk
        assert loaded.profile.municipality is None

    with django_assert_num_queries(1):
        bare = prepared.first(account.pk)
    with django_assert_num_queries(0), pytest.raises(Profile.DoesNotExist):
        _ = bare.profile


def test_nothing_found_is_none_and_several_come_in_the_queryset_order():
    first, second = make_member(), make_member(role="host")
    prepared = PreparedRead(
        lambda role: Profile.objects.filter(role=role).order_by("-pk"),
        stand_in="no such role",
    )
    assert prepared.first("nobody") is None
    assert prepared.all("newcomer") == [first]
    assert prepared.all("host") == [second]
    Profile.objects.filter(pk=second.pk).update(role="newcomer")
    assert prepared.all("newcomer") == [second, first]  # read anew each time


def test_values_are_converted_as_the_orm_converts_them():
    member = make_member()
    prepared = PreparedRead(
        lambda pk: Municipality.objects.filter(profiles__pk=pk), stand_in=-1
    )
    loaded = prepared.first(member.pk)
    expected = Municipality.objects.get(profiles__pk=member.pk)
    assert _fields(loaded) == _fields(expected)
    assert all(
        type(value) is type(_fields(expected)[key])
        for key, value in _fields(loaded).items()
    )


def test_a_stand_in_that_is_not_one_parameter_is_refused_at_the_first_read():
    ambiguous = PreparedRead(
        lambda pk: Profile.objects.filter(pk=pk, capacity=pk), stand_in=7
    )
    with pytest.raises(ValueError, match="exactly once"):
        ambiguous.first(1)
    annotated = PreparedRead(
        lambda pk: Profile.objects.filter(pk=pk).annotate(free=F("capacity")),
        stand_in=-1,
    )
    with pytest.raises(TypeError, match="model instances"):
        annotated.first(1)
    out_of_range = PreparedRead(
        lambda n: Profile.objects.filter(capacity=n), stand_in=-1
    )
    with pytest.raises(ValueError, match="could hold"):
        out_of_range.first(1)


def test_the_backend_answers_as_before_for_every_kind_of_user():
    backend = ProfileAuthenticationBackend()
    member = make_member()
    assert backend.get_user(member.user_id).profile == member
    assert backend.get_user(str(member.user_id)).profile == member  # as stored
    assert backend.get_user(999_999) is None
    assert backend.get_user("not a number") is None
    User.objects.filter(pk=member.user_id).update(is_active=False)
    assert backend.get_user(member.user_id) is None


# --- Statements prepared once per connection (``execute``) -----------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="prepared statements are PostgreSQL's; elsewhere execute() is plain",
)


def _server_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.cursor.fetchall()}


def test_execute_answers_as_the_plain_statement_does():
    member = make_member()
    text = "SELECT %s || '%%', COUNT(*) FROM community_profile WHERE id = %s"
    with connection.cursor() as cursor:
        for _ in range(3):
            execute(cursor, text, ["100", member.pk])
            assert cursor.fetchall() == [("100%", 1)]
        cursor.execute(text, ["100", member.pk])
        assert cursor.fetchall() == [("100%", 1)]


@on_postgresql
def test_a_statement_is_prepared_once_per_connection_and_counted_as_one_query(
    django_assert_num_queries,
):
    member = make_member()
    text = "SELECT id FROM community_profile WHERE id = %s AND role = %s"
    name = _statement_name(text)
    assert name not in _server_statements()
    with django_assert_num_queries(1) as captured, connection.cursor() as cursor:
        execute(cursor, text, [member.pk, member.role])
        assert cursor.fetchall() == [(member.pk,)]
    assert captured.captured_queries[0]["sql"].startswith(f"EXECUTE {name}(")
    assert name in _server_statements()
    with django_assert_num_queries(1), connection.cursor() as cursor:
        execute(cursor, text, [member.pk, "host"])
        assert cursor.fetchall() == []


def _prepared_then_dropped(text: str, pk: int) -> None:
    """Run ``text`` once (so it is prepared), then drop it on the server as a
    DISCARD ALL would (only this one: the others stay in use)."""
    with connection.cursor() as cursor:
        execute(cursor, text, [pk])
        cursor.cursor.execute(f"DEALLOCATE {_statement_name(text)}")


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_statement_dropped_on_the_server_is_prepared_again():
    member = make_member()
    text = "SELECT display_name FROM community_profile WHERE id = %s"
    _prepared_then_dropped(text, member.pk)
    # Outside a transaction it is prepared and asked again at once.
    with connection.cursor() as cursor:
        execute(cursor, text, [member.pk])
        assert cursor.fetchall() == [(member.display_name,)]


@on_postgresql
def test_within_a_transaction_a_dropped_statement_fails_once_then_works():
    member = make_member()
    text = "SELECT role FROM community_profile WHERE id = %s"
    _prepared_then_dropped(text, member.pk)
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        execute(cursor, text, [member.pk])
    with connection.cursor() as cursor:
        execute(cursor, text, [member.pk])
        assert cursor.fetchall() == [(member.role,)]


def test_named_parameters_are_numbered_once_each():
    member = make_member()
    text = (
        "SELECT COUNT(*) FROM community_profile "
        "WHERE id = %(pk)s AND (id = %(pk)s OR role = %(role)s)"
    )
    with connection.cursor() as cursor:
        for role in ("host", "newcomer"):
            execute(cursor, text, {"role": role, "pk": member.pk})
            assert cursor.fetchall() == [(1,)]


@on_postgresql
def test_a_statement_is_planned_once_whatever_the_values():
    # Left to choose, PostgreSQL kept planning this one anew on every EXECUTE
    # once its first plans were made for one id, then for twenty.
    members = [make_member() for _ in range(3)]
    ids = [member.pk for member in members]
    text = "SELECT COUNT(*) FROM community_profile WHERE id = ANY(%s)"
    with connection.cursor() as cursor:
        for count in (1, 3, 1, 3, 1, 3, 1, 3):
            execute(cursor, text, [ids[:count]])
            assert cursor.fetchall() == [(count,)]
        cursor.cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE name = %s",
            [_statement_name(text)],
        )
        assert cursor.cursor.fetchall() == [(8, 0)]


def test_any_of_finds_what_pk_in_finds():
    members = [make_member() for _ in range(4)]
    ids = [members[0].pk, members[2].pk, 10**9]
    found = Profile.objects.filter(AnyOf(F("pk"), ids)).order_by("pk")
    assert list(found) == list(Profile.objects.filter(pk__in=ids).order_by("pk"))
    assert [p.pk for p in found] == sorted([members[0].pk, members[2].pk])
    assert not Profile.objects.filter(AnyOf(F("pk"), [])).exists()
    # As one condition among others, and negated.
    either = Profile.objects.filter(Q(AnyOf(F("pk"), ids[:1])) | Q(pk=members[3].pk))
    assert {p.pk for p in either} == {members[0].pk, members[3].pk}
    rest = Profile.objects.exclude(AnyOf(F("pk"), ids))
    assert {p.pk for p in rest} == {members[1].pk, members[3].pk}


def test_any_of_is_one_parameter_however_many_ids():
    make_member()
    few = Profile.objects.filter(AnyOf(F("pk"), [1, 2]))
    many = Profile.objects.filter(AnyOf(F("pk"), list(range(1, 301))))
    few_sql, few_params = few.query.sql_with_params()
    many_sql, many_params = many.query.sql_with_params()
    assert few_sql == many_sql
    assert len(few_params) == len(many_params)


def _members_near(values, *, order):
    """Members of a pool but some ids (and an id equal to the pool number:
    one value, two parameters), ordered by ``order`` (a ``Slot`` or an
    expression), with their municipality."""
    return (
        Profile.objects.select_related("municipality")
        .filter(match_pool=values["pool"])
        .exclude(pk=values["pool"])
        .exclude(AnyOf(F("pk"), values["hidden"]))
        .order_by(order, "pk")
    )


def _nearer_to(municipality_id: int):
    """An expression with a parameter of its own: 0 for members of
    ``municipality_id``, else 1."""
    return Case(
        When(municipality_id=municipality_id, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def test_a_prepared_query_returns_what_the_queryset_returns_with_each_values():
    aarhus = [make_member(municipality="Aarhus", capacity=2) for _ in range(3)]
    odense = [make_member(municipality="Odense", capacity=1) for _ in range(3)]
    prepared = PreparedQuery(
        lambda stand_in: _members_near(stand_in, order=Slot("near")),
        stand_ins={"pool": 1_234_567, "hidden": [1_234_568]},
        prepare={"hidden": ids_parameter},
    )

    for hidden, place in (
        ([aarhus[0].pk], odense[0].municipality_id),
        ([odense[1].pk, aarhus[2].pk], aarhus[0].municipality_id),
        ([], odense[0].municipality_id),
    ):
        values = {"pool": 0, "hidden": hidden}
        loaded = prepared.all(values, slots={"near": _nearer_to(place)})
        expected = list(_members_near(values, order=_nearer_to(place)))
        assert [p.pk for p in loaded] == [p.pk for p in expected]
        assert [_fields(p) for p in loaded] == [_fields(p) for p in expected]
        assert [_fields(p.municipality) for p in loaded] == [
            _fields(p.municipality) for p in expected
        ]
        assert loaded[0].municipality_id == place


def test_a_prepared_query_refuses_stand_ins_it_cannot_place():
    missing = PreparedQuery(
        lambda stand_in: Profile.objects.filter(capacity=2),
        stand_ins={"capacity": 1_234_567},
    )
    with pytest.raises(ValueError, match="not among the query's parameters"):
        missing.all({"capacity": 2})
    twins = PreparedQuery(
        lambda stand_in: Profile.objects.filter(
            pk=stand_in["a"], match_pool=stand_in["b"]
        ),
        stand_ins={"a": 1_234_567, "b": 1_234_567},
    )
    with pytest.raises(ValueError, match="same value"):
        twins.all({"a": 1, "b": 2})
    slotted = PreparedQuery(
        lambda stand_in: Profile.objects.filter(pk=stand_in["a"]).order_by(
            Slot("order")
        ),
        stand_ins={"a": 1_234_567},
    )
    with pytest.raises(ValueError, match="slots"):
        slotted.all({"a": 1})
