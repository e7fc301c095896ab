"""The reference data the site ships (municipalities, curated vocabularies) and
the demo members ``seed_demo`` adds."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from community.data import municipality_rows
from community.demo import DEMO_PASSWORD, seed_members
from community.demo.members import DEMO_EMAIL_DOMAIN
from community.models import (
    HopeTag,
    InterestTag,
    LanguageTag,
    Match,
    MatchRequest,
    Municipality,
    ProfessionTag,
    Profile,
    Region,
)
from community.models.matches import MIN_REQUEST_MESSAGE
from community.services.tags import profile_masks_refresh
from tests.factories import make_member

pytestmark = pytest.mark.django_db

MASK_FIELDS = (
    "spoken_mask",
    "learning_mask",
    "profession_mask",
    "interest_mask",
    "hope_mask",
    "is_listed",
)


# --- Municipalities ---------------------------------------------------------------


def test_all_98_municipalities_are_loaded_with_their_regions():
    counts = Counter(Municipality.objects.values_list("region", flat=True))

    assert Municipality.objects.count() == 98
    assert counts == {
        Region.HOVEDSTADEN: 29,
        Region.SJAELLAND: 17,
        Region.SYDDANMARK: 22,
        Region.MIDTJYLLAND: 19,
        Region.NORDJYLLAND: 11,
    }


def test_municipalities_carry_their_official_codes_and_danish_names():
    by_code = dict(Municipality.objects.values_list("code", "name"))

    assert by_code[101] == "København"
    assert by_code[147] == "Frederiksberg"
    assert by_code[400] == "Bornholm"
    assert by_code[461] == "Odense"
    assert by_code[492] == "Ærø"
    assert by_code[751] == "Aarhus"
    assert by_code[851] == "Aalborg"
    assert 411 not in by_code  # Christiansø is not a municipality


def test_every_town_hall_lies_inside_denmark():
    outside = Municipality.objects.exclude(
        Q(latitude__range=(54.5, 57.8)) & Q(longitude__range=(8.0, 15.2))
    )

    assert list(outside) == []


def test_the_csv_and_the_database_agree():
    rows = {row["code"]: row for row in municipality_rows()}

    assert len(rows) == 98
    for municipality in Municipality.objects.all():
        assert rows[municipality.code]["name"] == municipality.name
        assert rows[municipality.code]["region"] == municipality.region


# --- Vocabularies -----------------------------------------------------------------


@pytest.mark.parametrize(
    "model, minimum",
    [(LanguageTag, 40), (ProfessionTag, 25), (InterestTag, 40), (HopeTag, 5)],
)
def test_curated_vocabularies_have_one_distinct_bit_per_tag(model, minimum):
    bits = list(model.objects.filter(curated=True).values_list("bit", flat=True))

    assert len(bits) >= minimum
    assert None not in bits
    assert len(set(bits)) == len(bits)
    assert max(bits) <= 62


def test_the_most_spoken_languages_have_the_lowest_bits():
    assert LanguageTag.objects.get(code="da").bit == 0
    assert LanguageTag.objects.get(code="en").bit == 1
    assert LanguageTag.objects.get(code="de").bit == 2


def test_language_names_come_from_pycountry():
    names = dict(LanguageTag.objects.values_list("code", "name"))

    assert names["da"] == "Danish"
    assert names["uk"] == "Ukrainian"
    assert names["sw"] == "Swahili"  # not "Swahili (macrolanguage)"
    assert names["ti"] == "Tigrinya"


def test_hopes_are_exactly_the_five_of_the_programme():
    assert set(HopeTag.objects.values_list("name", flat=True)) == {
        "Friendship",
        "Danish practice",
        "Family activities",
        "Practical help",
        "Professional network",
    }


# --- make_member (tests/factories.py) ----------------------------------------------


def test_make_member_builds_a_complete_member_with_right_masks():
    profile = make_member(
        role="host",
        municipality="Odense",
        languages={"da": "native", "en": "fluent", "fr": "learning"},
        interests=["sailing", "Hiking", "Chess"],
        professions=["Law"],
        hopes=["Friendship"],
    )

    assert profile.missing_for_browsing() == []
    assert profile.is_listed
    assert profile.user.emailaddress_set.get().verified
    assert profile.spoken_mask == 0b11  # Danish (bit 0) and English (bit 1)
    assert profile.learning_mask == 1 << LanguageTag.objects.get(code="fr").bit
    assert profile.interests.filter(curated=True).count() == 3


# --- Demo members -------------------------------------------------------------------


@pytest.fixture
def seeded():
    return seed_members()


def _demo_profiles():
    return Profile.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")


def test_seeding_members_twice_creates_nothing_the_second_time(seeded):
    counts = (
        get_user_model().objects.count(),
        Profile.objects.count(),
        MatchRequest.objects.count(),
        Match.objects.count(),
    )

    again = seed_members()

    assert seeded["created"] == 60
    assert again["created"] == 0
    assert counts == (
        get_user_model().objects.count(),
        Profile.objects.count(),
        MatchRequest.objects.count(),
        Match.objects.count(),
    )


def test_seeded_members_are_half_hosts_across_the_country(seeded):
    profiles = _demo_profiles()

    assert profiles.filter(role="host").count() == 30
    assert profiles.filter(role="newcomer").count() == 30
    assert profiles.values("municipality").distinct().count() >= 15
    assert profiles.values("municipality__region").distinct().count() == 5


def test_every_seeded_profile_is_complete_and_its_masks_are_right(seeded):
    for profile in _demo_profiles():
        stored = [getattr(profile, name) for name in MASK_FIELDS]
        fresh = profile_masks_refresh(profile, save=False)

        assert profile.missing_for_browsing() == [], profile
        assert stored == [getattr(fresh, name) for name in MASK_FIELDS], profile
        assert len(profile.about) > 80
        assert profile.guidelines_version == 1


def test_seeded_requests_and_matches_follow_the_rules(seeded):
    pending = MatchRequest.objects.filter(status="pending")
    matches = Match.objects.filter(status="active")

    assert pending.count() == seeded["pending_requests"] > 0
    assert matches.count() == seeded["active_matches"] > 0
    for request in pending:
        assert len(request.message) >= MIN_REQUEST_MESSAGE
        assert {request.sender.role, request.recipient.role} == {"host", "newcomer"}
    for match in matches:
        assert match.request.status == "accepted"
        assert match.host.role == "host" and match.newcomer.role == "newcomer"
    for host in _demo_profiles().filter(role="host"):
        assert host.active_match_count == matches.filter(host=host).count()
        assert host.active_match_count <= host.capacity


def test_the_printed_demo_logins_work_and_may_ask_each_other(seeded, client):
    host = Profile.objects.get(user__email=seeded["demo_host"])
    newcomer = Profile.objects.get(user__email=seeded["demo_newcomer"])

    assert host.role == "host" and newcomer.role == "newcomer"
    assert host.free_places > 0
    assert newcomer.expectations_version == host.expectations_version == 1
    assert not Match.objects.filter(host=host, newcomer=newcomer).exists()
    assert not MatchRequest.objects.filter(
        sender__in=[host, newcomer], recipient__in=[host, newcomer]
    ).exists()
    assert not newcomer.sent_requests.filter(status="pending").exists()
    for email in (seeded["demo_host"], seeded["demo_newcomer"]):
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        assert "_auth_user_id" in client.session
        client.logout()


def test_the_demo_gives_coordinators_programmes_and_pairs_to_follow_up(seeded):
    from community.coordination.access import coordinator_scope
    from community.demo.operations import PROGRAMME_COORDINATOR, SITE_COORDINATOR
    from community.models import CheckIn, Programme
    from community.selectors.pairs import flagged_pairs

    assert Programme.objects.count() == 2 == seeded["operations"]["programmes"]
    reasons = {flag.code for _match, flags in flagged_pairs() for flag in flags}
    assert {"new_match", "unsatisfied", "silent", "no_meeting", "overdue"} <= reasons
    assert CheckIn.objects.filter(answered_at__isnull=False).count() > 10

    users = get_user_model().objects
    site = coordinator_scope(users.get(email=SITE_COORDINATOR))
    nordlys = coordinator_scope(users.get(email=PROGRAMME_COORDINATOR))
    assert site.everything and not nordlys.everything
    theirs = flagged_pairs(scope=nordlys)
    assert 0 < len(theirs) < len(flagged_pairs(scope=site))
    for match, _flags in theirs:
        assert nordlys.covers(match.host) or nordlys.covers(match.newcomer)


def test_the_demo_logins_pairs_have_a_meeting_agreed_and_one_to_answer(seeded):
    from django.utils import timezone

    from community.demo.people import DEMO_HOST_KEY, DEMO_NEWCOMER_KEY
    from community.models import Meeting

    assert seeded["operations"]["meetings"] >= 3
    to_answer = Meeting.objects.get(
        match__host__user__email__startswith=DEMO_HOST_KEY, status="proposed"
    )
    assert to_answer.proposed_by_id == to_answer.match.newcomer_id
    agreed = Meeting.objects.get(
        match__newcomer__user__email__startswith=DEMO_NEWCOMER_KEY,
        status="confirmed",
    )
    assert agreed.starts_at > timezone.now()
    # Past first meetings stay as history (they count as agreed).
    assert Meeting.objects.filter(
        status="confirmed", starts_at__lt=timezone.now()
    ).exists()
