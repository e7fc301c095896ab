"""The match score: a pure function, and the same number computed in SQL."""

import random

import pytest

from community.matching.geography import haversine_km, same_region
from community.matching.reads import (
    distances_from,
    explain,
    match_profile,
    municipality_points,
    prefetch_for_explain,
    tags_attach,
)
from community.matching.score import MatchProfile, Weights, geo_points, score
from community.matching.sql import ranked
from community.models import InterestTag, LanguageTag, Profile
from community.services.tags import profile_masks_refresh
from tests.factories import make_member

W = Weights()


def test_the_pure_score_uses_the_models_choice_values():
    from community.matching import score as pure
    from community.models import Household, LanguageLevel, Role
    from community.models.tags import SPOKEN_LEVELS

    assert (pure.HOST, pure.NEWCOMER) == (Role.HOST, Role.NEWCOMER)
    assert (pure.FAMILY, pure.COUPLE) == (Household.FAMILY, Household.COUPLE)
    assert pure.LEARNING == LanguageLevel.LEARNING
    assert set(SPOKEN_LEVELS) == pure.SPOKEN_LEVELS
    assert {f.name for f in Profile._meta.fields} >= set(pure.CHILDREN_BANDS)


def test_the_pure_modules_import_no_models_and_no_database():
    import ast
    from pathlib import Path

    import community.matching

    package = Path(community.matching.__file__).parent
    for name in ("score", "geography", "reasons"):
        tree = ast.parse((package / f"{name}.py").read_text())
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        for module in imported:
            assert not module.startswith(("django.db", "community.models")), name
            if module.startswith("community.matching"):
                assert module.split(".")[-1] in ("score", "geography", "reasons")


def mp(**kwargs) -> MatchProfile:
    defaults = {"id": 1, "role": "host", "spoken": frozenset({1})}
    return MatchProfile(**(defaults | kwargs))


def test_no_shared_spoken_language_is_not_a_candidate():
    host = mp(id=1, role="host", spoken=frozenset({1}), learning=frozenset({2}))
    newcomer = mp(id=2, role="newcomer", spoken=frozenset({2}), learning=frozenset({1}))
    assert score(host, newcomer, distance_km=0) is None


def test_two_hosts_are_not_candidates():
    assert score(mp(id=1), mp(id=2), distance_km=0) is None


def test_score_counts_each_part_and_is_symmetric():
    host = mp(
        id=1,
        role="host",
        age_group=3,
        household="family",
        children=frozenset({"children_6_12"}),
        spoken=frozenset({1, 2}),
        interests=frozenset({10, 11, 12}),
        professions=frozenset({20}),
        hopes=frozenset({30}),
        free_places=1,
    )
    newcomer = mp(
        id=2,
        role="newcomer",
        age_group=4,
        household="family",
        children=frozenset({"children_6_12", "children_0_5"}),
        spoken=frozenset({2}),
        learning=frozenset({1}),
        interests=frozenset({11, 12, 13}),
        professions=frozenset({20, 21}),
        hopes=frozenset({30, 31}),
    )
    result = score(host, newcomer, distance_km=30)
    assert result.parts == {
        "languages": W.language * 1 + W.learning_help,
        "interests": W.interest * 2,
        "professions": W.profession,
        "hopes": W.hope,
        "age": W.adjacent_age,
        "geography": round(W.geo * (1 - 30 / W.geo_range_km) ** 2),
        "household": W.both_families + W.children_overlap,
        "capacity": W.free_place,
    }
    assert result.total == sum(result.parts.values())
    assert score(newcomer, host, distance_km=30).total == result.total


def test_shared_interests_are_capped():
    many = frozenset(range(100, 120))
    host = mp(id=1, role="host", interests=many)
    newcomer = mp(id=2, role="newcomer", interests=many)
    assert score(host, newcomer, distance_km=None).parts["interests"] == (
        W.interest * W.max_interests
    )


def test_a_full_host_gets_no_capacity_points():
    host = mp(id=1, role="host", free_places=0)
    newcomer = mp(id=2, role="newcomer")
    assert score(host, newcomer, distance_km=None).parts["capacity"] == 0


def test_geography_falls_to_zero_at_the_range():
    assert geo_points(0, W) == W.geo
    assert geo_points(0, W, same_region=True) == W.geo + W.same_region
    assert geo_points(W.geo_range_km, W) == 0
    assert geo_points(10_000, W) == 0
    assert geo_points(None, W) == 0


def test_haversine_copenhagen_to_aarhus_is_about_157_km():
    assert 150 < haversine_km(55.6761, 12.5683, 56.1629, 10.2039) < 165


def _random_member(rng: random.Random, role: str) -> Profile:
    languages = {"en": rng.choice(["fluent", "native", "learning"])}
    for code in rng.sample(["da", "de", "fr", "es", "pl", "uk"], rng.randint(0, 3)):
        languages[code] = rng.choice(["native", "fluent", "conversational", "learning"])
    return make_member(
        role=role,
        municipality=rng.choice(["Aarhus", "København", "Odense", "Aalborg", "Vejle"]),
        languages=languages,
        interests=rng.sample(
            ["Sailing", "Running", "Cooking", "Chess", "Hiking", "Museums", "Music"],
            rng.randint(3, 6),
        ),
        # One tag, as many as the cap and more than it: the SQL takes a
        # different (cheaper) form for each.
        professions=rng.sample(
            ["Engineering", "Health care", "Research"], rng.randint(1, 3)
        ),
        hopes=rng.sample(
            ["Friendship", "Danish practice", "Family activities"], rng.randint(1, 3)
        ),
        household=rng.choice(["single", "couple", "family"]),
        age_group=rng.randint(1, 6),
        children_0_5=rng.random() < 0.3,
        children_6_12=rng.random() < 0.3,
        capacity=rng.randint(1, 3) if role == "host" else 1,
        active_match_count=rng.randint(0, 1) if role == "host" else 0,
    )


def _pure_scores(me: Profile) -> dict[int, int]:
    me = prefetch_for_explain(Profile.objects.filter(pk=me.pk)).get()
    mine = match_profile(me)
    distances = distances_from(me.municipality_id)
    result = {}
    for other in prefetch_for_explain(Profile.objects.exclude(pk=me.pk)):
        match = score(
            mine,
            match_profile(other),
            distance_km=distances.get(other.municipality_id),
            same_region=same_region(
                municipality_points(), me.municipality_id, other.municipality_id
            ),
        )
        if match is not None:
            result[other.pk] = match.total
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_ranks_with_exactly_the_pure_score(seed):
    rng = random.Random(seed)
    members = [_random_member(rng, rng.choice(["host", "newcomer"])) for _ in range(24)]
    for me in members[:6]:
        in_sql = {p.pk: p.match_score for p in ranked(me, Profile.objects.all())}
        assert in_sql == _pure_scores(me)
        scores = list(in_sql.values())
        ranked_order = [p.match_score for p in ranked(me, Profile.objects.all())]
        assert ranked_order == sorted(scores, reverse=True)


@pytest.mark.django_db
def test_tags_read_in_one_query_explain_exactly_as_prefetched_ones(
    django_assert_num_queries,
):
    rng = random.Random(7)
    members = [_random_member(rng, rng.choice(["host", "newcomer"])) for _ in range(12)]
    me = prefetch_for_explain(Profile.objects.filter(pk=members[0].pk)).get()
    others = list(Profile.objects.exclude(pk=me.pk).select_related("municipality"))

    with django_assert_num_queries(1):
        tags_attach(others)

    prefetched = list(prefetch_for_explain(Profile.objects.exclude(pk=me.pk)))
    assert explain(me, others) == explain(me, prefetched)
    assert any(e.reasons for e in explain(me, others).values())


@pytest.mark.django_db
def test_tags_without_a_bit_are_still_matched_exactly():
    host = make_member(
        role="host", languages={"kl": "native"}, interests=["Kayaking", "Chess", "Art"]
    )
    newcomer = make_member(
        role="newcomer",
        languages={"kl": "fluent", "en": "fluent"},
        interests=["Kayaking", "Music", "Art"],
    )
    # Past the 63rd tag of a facet there are no bits left.
    LanguageTag.objects.filter(code="kl").update(bit=None)
    InterestTag.objects.filter(name="Kayaking").update(bit=None)
    for profile in (host, newcomer):
        profile_masks_refresh(profile)
    (candidate,) = ranked(newcomer, Profile.objects.all())
    assert candidate.pk == host.pk
    assert candidate.match_score == _pure_scores(newcomer)[host.pk]
    assert explain(newcomer, [candidate])[host.pk].shared["interests"] == frozenset(
        InterestTag.objects.filter(name__in=["Kayaking", "Art"]).values_list(
            "pk", flat=True
        )
    )


@pytest.mark.django_db
def test_members_without_a_common_language_are_not_ranked():
    newcomer = make_member(role="newcomer", languages={"uk": "native"})
    make_member(role="host", languages={"da": "native"})
    assert list(ranked(newcomer, Profile.objects.all())) == []


@pytest.mark.django_db
def test_explanations_say_why_in_words():
    newcomer = make_member(
        role="newcomer",
        municipality="Aarhus",
        languages={"de": "native", "en": "fluent", "da": "learning"},
        interests=["Sailing", "Cooking", "Chess"],
        household="family",
        children_6_12=True,
    )
    host = make_member(
        role="host",
        municipality="Aarhus",
        languages={"de": "conversational", "da": "native"},
        interests=["Sailing", "Running", "Hiking"],
        household="family",
        children_6_12=True,
        capacity=2,
    )
    profiles = list(prefetch_for_explain(ranked(newcomer, Profile.objects.all())))
    reasons = explain(newcomer, profiles)[host.pk].reasons
    assert "You both speak German" in reasons
    assert "They speak Danish, which you are learning" in reasons
    assert "You both like Sailing" in reasons
    assert "You both live in Aarhus" in reasons
    assert "You are both families with children" in reasons
    assert "They can host 2 more newcomers" in reasons


@pytest.mark.django_db
def test_hopes_read_as_a_sentence_and_languages_keep_their_capital():
    newcomer = make_member(
        role="newcomer",
        languages={"en": "fluent", "da": "learning"},
        hopes=["Friendship", "Danish practice"],
    )
    host = make_member(
        role="host",
        languages={"en": "fluent", "da": "native"},
        hopes=["Friendship", "Danish practice"],
    )
    profiles = list(prefetch_for_explain(Profile.objects.filter(pk=host.pk)))
    reasons = explain(newcomer, profiles)[host.pk].reasons
    assert "You both hope for Danish practice and friendship" in reasons
