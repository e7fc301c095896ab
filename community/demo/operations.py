"""Demo programme operations, so the coordinators' pages show something real:
two partner programmes with their coordinators, a year of members joining,
pairs of different ages with answered, unhappy and overdue check-ins, a pair
that never wrote, and sign-ups for the upcoming events.

Called by ``seed_members`` inside its transaction, once."""

from __future__ import annotations

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import F

from cms_pages.models import EventPage, PartnerOrganisation
from community.models import (
    CheckIn,
    Conversation,
    EventSignup,
    Match,
    MatchRequest,
    Meeting,
    Message,
    Profile,
    Programme,
)
from community.services.matches import conversation_start
from community.services.programmes import (
    programme_coordinators_set,
    programme_save,
)
from community.services.safety import COORDINATORS_GROUP

COORDINATOR_PASSWORD = "velkomst-coordinator"
SITE_COORDINATOR = "coordinator@velkomst.localhost"
PROGRAMME_COORDINATOR = "nordlys.coordinator@velkomst.localhost"

# (name, partner, invitation only, members by demo key)
PROGRAMMES = [
    (
        "Nordlys international families",
        "Nordlys Relocation",
        True,
        (
            "lars.sorensen",
            "arjun.mehta",
            "jens.lund",
            "fatima.hassan",
            "mette.kjaer",
            "nguyen.linh",
            "maja.olsen",
            "thomas.muller",
            "david.okafor",
            "sofie.dahl",
        ),
    ),
    (
        "Bugten Sailing Club hosts",
        "Bugten Sailing Club",
        False,
        (
            "morten.christensen",
            "carlos.rodriguez",
            "carsten.nygaard",
            "oleksandra.shevchenko",
            "erik.johansen",
            "yuki.tanaka",
        ),
    ),
]

# How many days ago each pair (by host) was matched, and the story of its
# check-ins: answers per check-in number as (newcomer, host), each None (not
# answered) or (satisfaction, wish, note).
GOOD = (5, "continue", "")
FINE = (4, "continue", "")
PAIR_STORIES = {
    "lars.sorensen": (100, {1: (GOOD, GOOD), 2: (GOOD, FINE), 3: (GOOD, GOOD)}),
    "jens.lund": (52, {1: (GOOD, FINE), 2: (FINE, None)}),  # host overdue
    "mette.kjaer": (
        47,
        {
            1: (
                (2, "new_match", "We have met once. Our weekends never fit."),
                (3, "continue", ""),
            ),
            2: ((2, "new_match", "Still no second meeting."), None),
        },
    ),
    "maja.olsen": (30, {1: (FINE, GOOD)}),
    "morten.christensen": (
        75,
        {1: (GOOD, GOOD), 2: ((3, "pause", "Busy spring."), FINE)},
    ),
    "carsten.nygaard": (21, {1: (FINE, FINE)}),
    "erik.johansen": (16, {1: (None, GOOD)}),
    "sara.munk": (60, {1: (GOOD, GOOD), 2: (FINE, FINE)}),
}
# A pair matched twelve days ago that has not written a word.
SILENT_PAIR = ("henrik.moller", "mohammed.alsayed")
# Pairs (by host) that agreed their first meeting about a week after matching;
# maja.olsen's pair has a suggestion nobody answered (flagged after 3 weeks).
FIRST_MET = (
    "lars.sorensen",
    "jens.lund",
    "mette.kjaer",
    "morten.christensen",
    "carsten.nygaard",
    "erik.johansen",
    "sara.munk",
)
UNANSWERED = "maja.olsen"
# The demo logins' pairs: the demo newcomer has a meeting agreed with her host
# (in three days); the demo host has a suggestion to answer (in four).
AGREED_SOON = "kirsten.andersen"
TO_ANSWER = "anne.holm"


def seed_operations(
    *, profiles: dict[str, Profile], rng: random.Random, now, password_hash: str
) -> dict:
    """Programmes, coordinators, dated pairs with check-ins, a silent pair and
    event sign-ups. Returns counts for the summary."""
    _spread_joining(profiles, rng, now)
    programmes = _programmes(profiles, now)
    coordinators = _coordinators(programmes[0], password_hash)
    checkins = 0
    for host_key, (days, story) in PAIR_STORIES.items():
        match = _match_of(profiles.get(host_key))
        if match is not None:
            _age_match(match, now - timedelta(days=days))
            checkins += _checkins(match, story, now)
    silent = _silent_pair(profiles, now)
    meetings = _meetings(profiles, now)
    signups = _event_signups(list(profiles.values()), rng, now)
    return {
        "programmes": len(programmes),
        "coordinators": coordinators,
        "checkins": checkins,
        "silent_pairs": int(silent),
        "meetings": meetings,
        "signups": signups,
    }


def _spread_joining(profiles: dict[str, Profile], rng: random.Random, now) -> None:
    """Members joined over the past year, not all today."""
    for profile in profiles.values():
        joined = now - timedelta(
            days=rng.randint(110, 360), minutes=rng.randint(0, 900)
        )
        Profile.objects.filter(pk=profile.pk).update(created_at=joined)
        get_user_model().objects.filter(pk=profile.user_id).update(date_joined=joined)


def _programmes(profiles: dict[str, Profile], now) -> list[Programme]:
    made = []
    for name, partner_name, invitation_only, keys in PROGRAMMES:
        partner = PartnerOrganisation.objects.filter(name=partner_name).first()
        programme = programme_save(
            Programme(
                name=name,
                partner_organisation=partner,
                description=(
                    f"{partner_name}'s part of the host programme: local hosts and "
                    "new colleagues and their families meet once or twice a month."
                ),
                contact_name=partner.contact_name if partner else "",
                listed_at_signup=not invitation_only,
                active_from=(now - timedelta(days=365)).date(),
            )
        )
        ids = [profiles[key].pk for key in keys if key in profiles]
        Profile.objects.filter(pk__in=ids).update(
            programme=programme, match_pool=programme.match_pool
        )
        made.append(programme)
    return made


def _coordinators(first: Programme, password_hash: str) -> dict[str, str]:
    """A coordinator of the whole site and one of the first programme."""
    users = get_user_model().objects
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    site = users.create(
        username="coordinator",
        email=SITE_COORDINATOR,
        first_name="Camilla",
        last_name="Coordinator",
        password=password_hash,
    )
    site.groups.add(group)
    programme_coordinator = users.create(
        username="nordlys.coordinator",
        email=PROGRAMME_COORDINATOR,
        first_name="Niels",
        last_name="Nordlys",
        password=password_hash,
    )
    programme_coordinators_set(programme=first, users=[programme_coordinator])
    for user in (site, programme_coordinator):
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
    return {"site": SITE_COORDINATOR, "programme": PROGRAMME_COORDINATOR}


def _match_of(host: Profile | None) -> Match | None:
    if host is None:
        return None
    return Match.objects.filter(host=host, status=Match.Status.ACTIVE).first()


def _age_match(match: Match, started) -> None:
    """Move the pair's start (and its request and chat with it) back in time."""
    current = Match.objects.values_list("created_at", flat=True).get(pk=match.pk)
    shift = started - current
    Match.objects.filter(pk=match.pk).update(created_at=started)
    MatchRequest.objects.filter(pk=match.request_id).update(
        created_at=F("created_at") + shift, responded_at=F("responded_at") + shift
    )
    Message.objects.filter(conversation__match=match).update(
        created_at=F("created_at") + shift
    )
    Conversation.objects.filter(match=match).update(
        created_at=F("created_at") + shift, last_message_at=F("last_message_at") + shift
    )
    match.created_at = started


def _checkins(match: Match, story: dict, now) -> int:
    from django.conf import settings

    after_days = settings.VELKOMST_CHECKIN_AFTER_DAYS
    made = 0
    for number, answers in story.items():
        due = match.created_at + timedelta(days=after_days[number - 1])
        for profile, answer in zip((match.newcomer, match.host), answers, strict=True):
            checkin = CheckIn.objects.create(
                match=match, profile=profile, number=number, due_at=due
            )
            fields = {"asked_at": due}
            if answer is not None:
                satisfaction, wish, note = answer
                fields |= {
                    "answered_at": min(due + timedelta(days=2), now),
                    "have_met": satisfaction >= 3 or number > 1,
                    "satisfaction": satisfaction,
                    "wish": wish,
                    "note": note,
                }
            CheckIn.objects.filter(pk=checkin.pk).update(**fields)
            made += 1
    return made


def _silent_pair(profiles: dict[str, Profile], now) -> bool:
    """A pair matched twelve days ago that never wrote (flagged as silent)."""
    host, newcomer = (profiles.get(key) for key in SILENT_PAIR)
    if host is None or newcomer is None or host.free_places == 0:
        return False
    started = now - timedelta(days=12)
    request = MatchRequest.objects.create(
        sender=newcomer,
        recipient=host,
        message="Hello! I would love to meet and hear about life in Denmark.",
        status=MatchRequest.Status.ACCEPTED,
        expectations_version=newcomer.expectations_version or 1,
    )
    MatchRequest.objects.filter(pk=request.pk).update(
        created_at=started - timedelta(days=1), responded_at=started
    )
    match = Match.objects.create(host=host, newcomer=newcomer, request=request)
    Match.objects.filter(pk=match.pk).update(created_at=started)
    Profile.objects.filter(pk=host.pk).update(
        active_match_count=F("active_match_count") + 1
    )
    conversation_start(match=match)
    return True


def _at(moment, hour: int):
    """``moment``'s day at ``hour`` o'clock, in the site's time zone."""
    from django.utils import timezone

    local = timezone.localtime(moment)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def _meeting(match: Match, *, by: Profile, starts_at, place: str, note="", **fields):
    meeting = Meeting.objects.create(
        match=match, proposed_by=by, starts_at=starts_at, place=place, note=note
    )
    created = fields.pop("created_at", None)
    if created is not None or fields:
        Meeting.objects.filter(pk=meeting.pk).update(
            **({"created_at": created} if created else {}), **fields
        )
    return meeting


def _library(member: Profile) -> str:
    town = member.municipality.name if member.municipality_id else "town"
    return f"The main library in {town}, by the café"


def _meetings(profiles: dict[str, Profile], now) -> int:
    """The pairs' meetings: first meetings agreed a week after matching, one
    suggestion left unanswered, and the demo logins' pairs' next meeting."""
    made = 0
    for host_key in FIRST_MET:
        match = _match_of(profiles.get(host_key))
        if match is None:
            continue
        _meeting(
            match,
            by=match.newcomer,
            starts_at=_at(match.created_at + timedelta(days=8), 15),
            place=_library(match.host),
            status=Meeting.Status.CONFIRMED,
            created_at=match.created_at + timedelta(days=2),
            responded_at=match.created_at + timedelta(days=3),
            responded_by=match.host,
            reminded_at=match.created_at + timedelta(days=7),
        )
        made += 1
    match = _match_of(profiles.get(UNANSWERED))
    if match is not None:
        _meeting(
            match,
            by=match.newcomer,
            starts_at=_at(now + timedelta(days=6), 11),
            place="The harbour front, by the ferry terminal",
            note="We could walk along the water and find a bench for coffee.",
            created_at=max(match.created_at, now - timedelta(days=5)),
        )
        made += 1
    match = _match_of(profiles.get(AGREED_SOON))
    if match is not None:
        _meeting(
            match,
            by=match.host,
            starts_at=_at(now + timedelta(days=3), 16),
            place="Dokk1 library in Aarhus, the café on the ground floor",
            note="I will have a yellow umbrella. Bring the children if you like!",
            status=Meeting.Status.CONFIRMED,
            created_at=max(match.created_at, now - timedelta(days=2)),
            responded_at=max(match.created_at, now - timedelta(days=1)),
            responded_by=match.newcomer,
        )
        made += 1
    match = _match_of(profiles.get(TO_ANSWER))
    if match is not None:
        _meeting(
            match,
            by=match.newcomer,
            starts_at=_at(now + timedelta(days=4), 10),
            place="Risskov beach, by the jetty",
            note="A walk on the beach, then coffee? The children are welcome.",
            created_at=max(match.created_at, now - timedelta(hours=5)),
        )
        made += 1
    return made


def _event_signups(members: list[Profile], rng: random.Random, now) -> int:
    """Members signed up for the upcoming events, some on a waiting list."""
    made = 0
    for event in EventPage.objects.live().filter(start__gte=now).order_by("start"):
        taken = 0
        for profile in rng.sample(members, k=min(len(members), rng.randint(5, 14))):
            party = rng.choice((1, 1, 1, 2, 2, 3, 4))
            room = event.capacity is None or taken + party <= event.capacity
            EventSignup.objects.create(
                event=event,
                profile=profile,
                party_size=party,
                status=EventSignup.Status.CONFIRMED
                if room
                else EventSignup.Status.WAITING,
            )
            taken += party if room else 0
            made += 1
    return made
