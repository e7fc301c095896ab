"""My suggestions are worked out ahead and stored (``MemberSuggestions``), then
checked and ranked again on every visit: nobody hidden is ever shown, every
score is current, and the list is worked out again when it matters. The viewer
is a newcomer in Aarhus who speaks English and likes hiking, cooking and
sailing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.jobs import jobs_run
from community.matching import reads, sql
from community.models import InterestTag, MemberSuggestions, Profile
from community.selectors import suggestions as selected
from community.selectors.visibility import findable_by
from community.services import suggestions
from community.services.profiles import profile_tags_set, profile_update
from community.services.programmes import profile_programme_set
from community.services.safety import member_block, member_unblock
from community.services.tags import profile_masks_refresh
from tests.factories import make_match, make_member, make_programme, make_request

pytestmark = pytest.mark.django_db

SUGGESTED = reverse("community:suggested")
COLD_BUDGET = 16


def shown(response) -> list[str]:
    """The names on the member cards, in order."""
    assert response.status_code == 200
    return re.findall(
        r'class="card__link" href="/members/\d+/">([^<]*)</a>', response.text
    )


def scores(response) -> list[int]:
    return [
        int(n) for n in re.findall(r'match-score__points"[^>]*>(\d+) ', response.text)
    ]


@pytest.fixture
def me(db):
    return make_member(
        role="newcomer",
        display_name="Viewer Newcomer",
        municipality="Aarhus",
        languages={"en": "fluent", "da": "learning"},
        interests=["Hiking", "Cooking", "Sailing"],
    )


@pytest.fixture
def visit(login, me):
    client = login(me)
    return lambda: client.get(SUGGESTED)


def host(name, interests=("Golf", "Chess", "Cooking"), **kw):
    kw.setdefault("languages", {"en": "fluent"})
    kw.setdefault("capacity", 2)
    return make_member(role="host", display_name=name, interests=interests, **kw)


def stored_for(profile) -> MemberSuggestions:
    return MemberSuggestions.objects.get(profile=profile)


def test_first_visit_stores_my_shortlist_and_the_next_visit_reads_it(visit, me):
    best = host("Best Host", interests=["Hiking", "Cooking", "Sailing"])
    fair = host("Fair Host")
    make_member(role="newcomer", display_name="Other Newcomer")

    assert shown(visit()) == ["Best Host", "Fair Host"]
    stored = stored_for(me)
    assert stored.candidate_ids == [best.pk, fair.pk]
    assert not stored.has_more

    assert shown(visit()) == ["Best Host", "Fair Host"]
    assert stored_for(me).computed_at == stored.computed_at


def test_the_page_equals_ranking_every_candidate_now(visit, me):
    """The stored shortlist is a shortcut, not a different answer: the page
    shows what ranking all candidates in the database shows, with the scores
    of the pure function."""
    for number in range(30):
        host(
            f"Host {number:02d}",
            interests=["Hiking", "Cooking", "Sailing"][: number % 4],
            age_group=1 + number % 4,
            municipality=["Aarhus", "Odder", "København"][number % 3],
            capacity=1 + number % 3,
        )
    visit()  # stores the shortlist

    response = visit()

    viewer = reads.viewer_with_tags(Profile.objects.get(pk=me.pk))
    everyone = sql.ranked(viewer, findable_by(viewer, busy=True))
    expected = list(everyone[: suggestions.SHOWN])
    assert shown(response) == [p.display_name for p in expected]
    explained = reads.explain(viewer, reads.tags_attach(expected))
    assert scores(response) == [explained[p.pk].score for p in expected]
    assert scores(response) == [p.match_score for p in expected]


def _page_equals_ranking(client, viewer_pk):
    response = client.get(SUGGESTED)
    viewer = reads.viewer_with_tags(Profile.objects.get(pk=viewer_pk))
    expected = list(
        sql.ranked(viewer, findable_by(viewer, busy=True))[: suggestions.SHOWN]
    )
    assert expected
    assert shown(response) == [p.display_name for p in expected]
    assert scores(response) == [p.match_score for p in expected]


@pytest.mark.parametrize("role", ["host", "newcomer"])
def test_each_role_with_a_household_sees_what_ranking_every_candidate_shows(
    login, role, monkeypatch
):
    """The page's query is compiled once per role and run with the viewer's
    values and score (config.prepared.PreparedQuery): a family with young
    children, a blocked member and a pending request among the candidates."""
    other = "newcomer" if role == "host" else "host"
    viewer = make_member(
        role=role,
        household="family",
        children_0_5=True,
        age_group=3,
        capacity=2,
        languages={"en": "fluent", "da": "native"},
        interests=["Hiking", "Cooking", "Chess"],
        municipality="Odder",
    )
    members = [
        make_member(
            role=other,
            display_name=f"Member {number:02d}",
            household=["family", "couple", "single"][number % 3],
            children_0_5=number % 2 == 0,
            age_group=1 + number % 5,
            capacity=1 + number % 3,
            languages={["en", "da"][number % 2]: "fluent"},
            interests=["Hiking", "Cooking", "Chess", "Golf", "Art"][
                number % 3 : number % 3 + 3
            ],
            municipality=["Aarhus", "Odder", "København"][number % 3],
        )
        for number in range(24)
    ]
    member_block(blocker=members[0], blocked=viewer)
    make_request(sender=viewer, recipient=members[1])
    client = login(viewer)
    client.get(SUGGESTED)  # stores the shortlist
    compiled = []
    real = selected._compiled_suggested
    monkeypatch.setattr(
        selected,
        "_compiled_suggested",
        lambda *args: compiled.append(args) or real(*args),
    )

    _page_equals_ranking(client, viewer.pk)
    assert compiled == [(role, suggestions.SHOWN)]


def test_a_viewer_with_tags_past_the_63rd_sees_what_ranking_shows(
    login, me, monkeypatch
):
    """Tags without a bit are counted through the tag tables: that page's query
    is composed anew rather than compiled once."""
    monkeypatch.setattr(selected, "_compiled_suggested", None)
    for number in range(6):
        host(
            f"Host {number}",
            interests=["Sailing", "Chess", "Cooking", "Golf", "Hiking"][
                number % 3 : number % 3 + 3
            ],
        )
    InterestTag.objects.filter(name="Sailing").update(bit=None)
    for profile in Profile.objects.all():
        profile_masks_refresh(profile)
    client = login(me)
    client.get(SUGGESTED)

    _page_equals_ranking(client, me.pk)


@pytest.mark.parametrize("direction", ["i_block", "they_block"])
def test_a_block_hides_a_stored_member_at_once_and_unblocking_brings_them_back(
    visit, me, direction
):
    other = host("Blocked Host", interests=["Hiking", "Cooking", "Sailing"])
    host("Kept Host")
    assert shown(visit()) == ["Blocked Host", "Kept Host"]
    computed_at = stored_for(me).computed_at
    blocker, blocked = (me, other) if direction == "i_block" else (other, me)

    member_block(blocker=blocker, blocked=blocked)
    assert shown(visit()) == ["Kept Host"]

    member_unblock(blocker=blocker, blocked=blocked)
    assert shown(visit()) == ["Blocked Host", "Kept Host"]
    assert stored_for(me).computed_at == computed_at


def test_a_match_or_a_pending_request_hides_a_stored_member_at_once(visit, me):
    matched = host("Matched Host", interests=["Hiking", "Cooking", "Sailing"])
    asked = host("Asked Host", interests=["Hiking", "Cooking", "Golf"])
    host("Free Host")
    assert shown(visit()) == ["Matched Host", "Asked Host", "Free Host"]

    make_match(me, matched)
    make_request(me, asked)

    assert shown(visit()) == ["Free Host"]


def test_paused_deleted_and_unlisted_stored_members_disappear_at_once(visit, me):
    paused = host("Paused Host", interests=["Hiking", "Cooking", "Sailing"])
    gone = host("Gone Host", interests=["Hiking", "Cooking", "Golf"])
    unlisted = host("Unlisted Host", interests=["Hiking", "Sailing", "Golf"])
    host("Kept Host")
    assert len(shown(visit())) == 4

    Profile.objects.filter(pk=paused.pk).update(is_available=False)
    Profile.objects.filter(pk=gone.pk).update(is_deleted=True)
    Profile.objects.filter(pk=unlisted.pk).update(is_listed=False)

    assert shown(visit()) == ["Kept Host"]


def test_a_stored_member_who_moves_to_a_closed_programme_disappears(visit, me):
    leaving = host("Leaving Host", interests=["Hiking", "Cooking", "Sailing"])
    host("Kept Host")
    assert shown(visit()) == ["Leaving Host", "Kept Host"]

    closed = make_programme(within_programme_only=True)
    profile_programme_set(profile=leaving, programme=closed)

    assert shown(visit()) == ["Kept Host"]


def test_joining_a_closed_programme_works_my_list_out_again_within_it(visit, me):
    closed = make_programme(within_programme_only=True)
    host("Open Host", interests=["Hiking", "Cooking", "Sailing"])
    inside = host("Inside Host", programme=closed)
    assert shown(visit()) == ["Open Host"]

    profile_programme_set(profile=me, programme=closed)

    assert shown(visit()) == ["Inside Host"]
    assert stored_for(me).candidate_ids == [inside.pk]


def test_scores_shown_are_current_when_a_stored_member_changes(visit, me):
    changing = host("Changing Host", interests=["Golf", "Chess", "Cooking"])
    host("Steady Host", interests=["Hiking", "Cooking", "Chess"])
    assert shown(visit()) == ["Steady Host", "Changing Host"]

    profile_tags_set(
        profile=changing,
        interests=["Hiking", "Cooking", "Sailing"],
        professions=[],
        hopes=[],
    )

    response = visit()
    assert shown(response) == ["Changing Host", "Steady Host"]
    assert scores(response)[0] > scores(response)[1]


def test_editing_what_my_ranking_depends_on_works_my_list_out_again(visit, me):
    chess = host("Chess Host", interests=["Chess", "Golf", "Knitting"])
    host("Hiking Host", interests=["Hiking", "Cooking", "Sailing"])
    assert shown(visit())[0] == "Hiking Host"
    before = stored_for(me)

    profile_tags_set(
        profile=me, interests=["Chess", "Golf", "Knitting"], professions=[], hopes=[]
    )

    assert shown(visit())[0] == "Chess Host"
    after = stored_for(me)
    assert after.computed_at > before.computed_at
    assert after.candidate_ids[0] == chess.pk


def test_editing_what_ranking_ignores_keeps_my_list(visit, me):
    host("Some Host")
    visit()
    before = stored_for(me)

    profile_update(profile=me, data={"about": "I like long walks."})
    visit()

    assert stored_for(me).computed_at == before.computed_at


def test_members_who_joined_since_are_ranked_in_at_once(visit, me):
    host("Early Host")
    assert shown(visit()) == ["Early Host"]

    host("New Host", interests=["Hiking", "Cooking", "Sailing"])

    assert shown(visit()) == ["New Host", "Early Host"]


def test_an_old_list_is_worked_out_again_on_the_next_visit(visit, me):
    host("Some Host")
    visit()
    old = timezone.now() - suggestions.MAX_AGE - timedelta(minutes=1)
    MemberSuggestions.objects.filter(profile=me).update(computed_at=old)

    visit()

    assert stored_for(me).computed_at > old + timedelta(minutes=1)


def test_when_too_few_of_a_full_list_are_left_it_is_worked_out_again(
    visit, me, monkeypatch
):
    monkeypatch.setattr(suggestions, "SHORTLIST", 3)
    paused = [
        host(f"Top {n}", interests=["Hiking", "Cooking", "Sailing"]) for n in range(3)
    ]
    host("Next Host")
    visit()
    assert stored_for(me).has_more

    Profile.objects.filter(pk__in=[p.pk for p in paused]).update(is_available=False)

    assert shown(visit()) == ["Next Host"]


def test_the_cold_visit_has_a_fixed_budget(visit, me, django_assert_max_num_queries):
    for number in range(25):
        host(f"Host {number}")
    visit()  # the once-a-while activity write
    MemberSuggestions.objects.all().delete()

    with django_assert_max_num_queries(COLD_BUDGET):
        response = visit()
    assert len(shown(response)) == 20


def test_the_job_refreshes_lists_of_active_members_and_drops_the_rest(me):
    active = me
    idle = make_member(role="host", display_name="Idle Host")
    fresh = make_member(role="host", display_name="Fresh Host")
    for profile in (active, idle, fresh):
        suggestions.member_suggestions_compute(profile=profile)
    now = timezone.now()
    Profile.objects.filter(pk__in=[active.pk, fresh.pk]).update(last_active_at=now)
    Profile.objects.filter(pk=idle.pk).update(last_active_at=now - timedelta(days=60))
    old = now - suggestions.MAX_AGE - timedelta(minutes=1)
    MemberSuggestions.objects.exclude(profile=fresh).update(computed_at=old)
    fresh_at = stored_for(fresh).computed_at

    assert jobs_run(["suggestions-refresh"]) == {"suggestions-refresh": 1}

    assert stored_for(active).computed_at > old + timedelta(minutes=1)
    assert stored_for(fresh).computed_at == fresh_at
    assert not MemberSuggestions.objects.filter(profile=idle).exists()
    assert jobs_run(["suggestions-refresh"]) == {"suggestions-refresh": 0}


def test_the_cold_visit_counts_its_queries_once(visit, me):
    """Working out the list ranks once, in one query, whatever the number of
    candidates."""
    for number in range(5):
        host(f"Host {number}")
    visit()
    MemberSuggestions.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        visit()
    for number in range(5, 40):
        host(f"Host {number}")
    MemberSuggestions.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        visit()
    assert len(many) == len(few)
