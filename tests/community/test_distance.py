"""Distance in the match score and in words, and the pair page's ideas and
events (issue 13, items 5 and 6)."""

import pytest
from django.urls import reverse
from django.utils import translation

from community.matching.reads import explain, tags_attach
from community.matching.reasons import distance_words, rounded_km, words_translated
from community.matching.score import MatchProfile, Weights, score, strength
from community.matching.sql import ranked
from community.models import Profile
from community.pair_ideas import Idea, ideas_ranked
from tests.factories import make_event, make_match, make_member

W = Weights()


def mp(pk, role, interests=()):
    return MatchProfile(
        id=pk, role=role, spoken=frozenset({1}), interests=frozenset(interests)
    )


def test_the_default_weights_add_up_to_100_points():
    assert W.max_total == 100
    assert Weights.from_settings().max_total == 100


def test_with_the_rest_equal_nearer_ranks_higher():
    me = mp(1, "newcomer")
    totals = [
        score(me, mp(2, "host"), distance_km=km, same_region=True).total
        for km in (0, 10, 25, 40, 60, 80, 100, 130)
    ]
    assert totals == sorted(totals, reverse=True)
    assert len(set(totals)) == len(totals)


def test_one_or_two_shared_interests_do_not_outweigh_70_km_more():
    me = mp(1, "newcomer", interests={10, 11, 12})
    near = score(me, mp(2, "host", {10}), distance_km=30, same_region=True)
    for far_region in (True, False):
        far = score(
            me, mp(3, "host", {10, 11, 12}), distance_km=100, same_region=far_region
        )
        assert near.total > far.total


def test_strength_in_words_has_clear_bands():
    assert strength(60, W) == "strong"
    assert strength(59, W) == "good" and strength(40, W) == "good"
    assert strength(39, W) == "some"


@pytest.mark.parametrize(
    ("km", "shown"), [(2, 0), (3, 5), (12.4, 10), (37.6, 40), (47, 45), (48, 50),
                      (63, 60), (96, 100), (154.9, 150)],
)  # fmt: skip
def test_distances_are_rounded_to_5_km_then_to_10(km, shown):
    assert rounded_km(km) == shown


@pytest.mark.parametrize(
    ("language", "far", "near", "here"),
    [
        ("en", "About 40 km away", "Less than 5 km away", "In your municipality"),
        ("da", "Ca. 40 km væk", "Under 5 km væk", "I din kommune"),
    ],
)
def test_distance_words_in_both_languages(language, far, near, here):
    with translation.override(language):
        words = words_translated()
        assert distance_words(38.2, same_municipality=False, words=words) == far
        assert distance_words(1.5, same_municipality=False, words=words) == near
        assert distance_words(0, same_municipality=True, words=words) == here
        assert distance_words(None, same_municipality=False, words=words) == ""


@pytest.mark.django_db
def test_for_a_newcomer_in_aarhus_horsens_ranks_above_kalundborg():
    """Across the water Kalundborg is some 75 km from Aarhus as the crow flies,
    Horsens some 40 km by land: a host in Kalundborg sharing two interests more
    must still come second, in the database and in Python."""
    newcomer = make_member(
        role="newcomer", municipality="Aarhus", interests=("Hiking", "Cooking")
    )
    horsens = make_member(role="host", municipality="Horsens", interests=())
    kalundborg = make_member(
        role="host", municipality="Kalundborg", interests=("Hiking", "Cooking")
    )
    order = [p.pk for p in ranked(newcomer, Profile.objects.all())]
    assert order.index(horsens.pk) < order.index(kalundborg.pk)
    hosts = tags_attach(
        list(Profile.objects.filter(pk__in=[horsens.pk, kalundborg.pk]))
    )
    explained = explain(newcomer, hosts)
    assert explained[horsens.pk].score > explained[kalundborg.pk].score
    sql = {p.pk: p.match_score for p in ranked(newcomer, Profile.objects.all())}
    assert sql[horsens.pk] == explained[horsens.pk].score
    assert sql[kalundborg.pk] == explained[kalundborg.pk].score


@pytest.mark.django_db
def test_cards_and_profiles_show_the_distance_and_the_strength(login):
    newcomer = make_member(role="newcomer", municipality="Aarhus")
    make_member(role="host", municipality="Horsens", display_name="Hanne")
    make_member(role="host", municipality="Aarhus", display_name="Jens")
    client = login(newcomer)
    html = client.get(reverse("community:directory")).content.decode()
    assert "About 40 km away" in html
    assert "In your municipality" in html
    assert " of 100 points" in html and 'href="#match-points"' in html
    assert 'id="match-points"' in html and "How match points work" in html
    assert any(w in html for w in ("Strong match", "Good match", "Some things in"))
    assert "match points</p>" not in html
    with translation.override("da"):
        url = reverse("community:directory")
    danish = client.get(url).content.decode()
    assert "Ca. 40 km væk" in danish and "I din kommune" in danish
    assert " af 100 point" in danish


@pytest.mark.django_db
def test_a_profile_says_how_far_away_the_member_lives(login):
    newcomer = make_member(role="newcomer", municipality="Aarhus")
    host = make_member(role="host", municipality="Horsens")
    html = (
        login(newcomer)
        .get(reverse("community:profile_detail", args=[host.pk]))
        .content.decode()
    )
    assert "About 40 km away" in html
    assert " of 100 points" in html


SAILING = Idea(1, "Try sailing at a club", frozenset({"sport", "outdoors"}), False)
HIKE = Idea(2, "A walk in the woods", frozenset({"outdoors"}), False)
RUN = Idea(3, "Run together", frozenset({"sport", "outdoors"}), False)


def test_each_idea_names_at_most_two_reasons_and_does_not_repeat_the_others():
    fits = ideas_ranked(
        [SAILING, HIKE, RUN],
        mine={"sailing", "hiking", "cycling", "fishing"},
        theirs={"sailing", "nature", "beach"},
        other_name="Hanne",
        with_children=False,
    )
    assert len(fits) == 3
    for fit in fits:
        assert 1 <= len(fit.reasons) <= 2
    assert fits[0].reasons[0] == "you both like sailing"
    shown = [reason for fit in fits for reason in fit.reasons]
    assert len(shown) == len(set(shown))


@pytest.mark.django_db
def test_the_pair_page_suggests_events_near_either_member(event_index, login):
    host = make_member(role="host", municipality="Gentofte")
    newcomer = make_member(role="newcomer", municipality="København")
    match = make_match(newcomer, host)
    make_event(event_index, title="Harbour walk in Aarhus", area="midtjylland")
    make_event(event_index, title="Coffee in Gentofte", area="hovedstaden")
    make_event(event_index, title="Online welcome", area="")
    html = (
        login(host).get(reverse("community:match_detail", args=[match.pk]))
    ).content.decode()
    assert "Coffee in Gentofte" in html and "Online welcome" in html
    assert "Harbour walk in Aarhus" not in html


@pytest.mark.django_db
def test_a_pair_across_regions_sees_events_in_both(event_index, login):
    host = make_member(role="host", municipality="Horsens")
    newcomer = make_member(role="newcomer", municipality="Gentofte")
    match = make_match(newcomer, host)
    make_event(event_index, title="Harbour walk in Aarhus", area="midtjylland")
    make_event(event_index, title="Coffee in Gentofte", area="hovedstaden")
    make_event(event_index, title="Fjord trip in Aalborg", area="nordjylland")
    html = (
        login(newcomer).get(reverse("community:match_detail", args=[match.pk]))
    ).content.decode()
    assert "Harbour walk in Aarhus" in html and "Coffee in Gentofte" in html
    assert "Fjord trip in Aalborg" not in html


def test_event_areas_are_the_regions():
    from cms_pages.models import EventPage
    from community.models import Region

    assert {v for v, _l in EventPage.Area.choices} - {""} == set(Region.values)


@pytest.mark.django_db
def test_of_equal_scores_the_nearer_member_comes_first():
    """Whole points tie members a few km apart: the nearer is listed first."""
    from community.matching.geography import same_region
    from community.matching.reads import distances_from, municipality_points
    from community.matching.score import geo_points
    from community.models import Municipality

    aarhus = Municipality.objects.get(name="Aarhus")
    points, weights = municipality_points(), Weights.from_settings()
    by_points = {}
    for pk, km in distances_from(aarhus.pk).items():
        if pk != aarhus.pk:
            same = same_region(points, aarhus.pk, pk)
            by_points.setdefault(geo_points(km, weights, same_region=same), []).append(
                (round(km), pk)
            )
    near, far = next(
        sorted(group)[:2]
        for group in by_points.values()
        if len({km for km, _pk in group}) > 1
    )
    newcomer = make_member(role="newcomer", municipality="Aarhus")
    # The farther one joins last (the highest pk), which alone would rank it first.
    nearer = make_member(role="host", municipality=Municipality.objects.get(pk=near[1]))
    farther = make_member(role="host", municipality=Municipality.objects.get(pk=far[1]))
    rows = list(
        ranked(newcomer, Profile.objects.all()).values_list("pk", "match_score")
    )
    assert dict(rows)[nearer.pk] == dict(rows)[farther.pk]
    order = [pk for pk, _score in rows]
    assert order.index(nearer.pk) < order.index(farther.pk)


def _municipality_near(km_wanted: float):
    """The municipality whose town hall lies nearest ``km_wanted`` from Aarhus'."""
    from community.matching.reads import distances_from
    from community.models import Municipality

    aarhus = Municipality.objects.get(name="Aarhus")
    distances = distances_from(aarhus.pk)
    pk = min(distances, key=lambda pk: abs(distances[pk] - km_wanted))
    return Municipality.objects.get(pk=pk)


@pytest.mark.django_db
@pytest.mark.parametrize("more_interests", [1, 2])
def test_in_the_database_100_km_does_not_outrank_30_km_on_an_interest_or_two(
    more_interests,
):
    interests = ("Hiking", "Cooking", "Board games")
    newcomer = make_member(role="newcomer", municipality="Aarhus", interests=interests)
    near = make_member(
        role="host", municipality=_municipality_near(30), interests=interests[:1]
    )
    far = make_member(
        role="host",
        municipality=_municipality_near(100),
        interests=interests[: 1 + more_interests],
    )
    rows = list(
        ranked(newcomer, Profile.objects.all()).values_list("pk", "match_score")
    )
    order = [pk for pk, _score in rows]
    assert order.index(near.pk) < order.index(far.pk)
    explained = explain(newcomer, tags_attach([near, far]))
    assert dict(rows)[near.pk] == explained[near.pk].score
    assert dict(rows)[far.pk] == explained[far.pk].score


@pytest.mark.django_db
def test_in_the_database_nearer_ranks_higher_with_the_rest_equal():
    newcomer = make_member(role="newcomer", municipality="Aarhus")
    hosts = [
        make_member(role="host", municipality=_municipality_near(km))
        for km in (120, 80, 50, 25, 0)  # created farthest first: pk alone is no help
    ]
    order = [p.pk for p in ranked(newcomer, Profile.objects.all())]
    assert order == [host.pk for host in reversed(hosts)]
