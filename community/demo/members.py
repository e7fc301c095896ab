"""``seed_members()``: about sixty demo members, some pending requests and some
active matches, for trying the member side of the site locally.

Runs once: if any demo member exists (an e-mail address at
``members.velkomst.example``) it creates nothing. Everything is created in one
transaction. Requests and matches are written directly with the models (not
through the request services), as if they had been made over the past months;
the database constraints still apply.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cms_pages.models import PartnerOrganisation
from community.demo.operations import (
    COORDINATOR_PASSWORD,
    PROGRAMME_COORDINATOR,
    SITE_COORDINATOR,
    seed_operations,
)
from community.demo.people import (
    DEMO_HOST_KEY,
    DEMO_NEWCOMER_KEY,
    HOSTS,
    NEWCOMERS,
    Person,
)
from community.models import (
    Conversation,
    HopeTag,
    InterestTag,
    LanguageTag,
    LifeArea,
    Match,
    MatchRequest,
    Message,
    Municipality,
    ProfessionTag,
    Profile,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    Role,
    WheelArea,
)
from community.services.matches import conversation_start
from community.services.tags import profile_masks_refresh, tag_get_or_create

DEMO_EMAIL_DOMAIN = "members.velkomst.example"
DEMO_PASSWORD = "velkomst-member"  # local demo only
VERSION = 1  # of the guidelines and the expectation statement

# (host, newcomer): pairs that asked, were accepted and now meet.
MATCHES = [
    ("lars.sorensen", "arjun.mehta"),
    ("jens.lund", "fatima.hassan"),
    ("mette.kjaer", "nguyen.linh"),
    ("maja.olsen", "thomas.muller"),
    ("morten.christensen", "carlos.rodriguez"),
    ("carsten.nygaard", "oleksandra.shevchenko"),
    ("erik.johansen", "yuki.tanaka"),
    ("sara.munk", "rahul.nair"),
    ("ida.frederiksen", "sophie.martin"),
    ("nikolaj.bach", "wei.zhang"),
    # The demo host and the demo newcomer each have a conversation going.
    ("anne.holm", "elena.popescu"),
    ("kirsten.andersen", "lucia.fernandez"),
]
# (sender, recipient): requests still waiting for an answer. The demo host has
# one in the inbox; the demo newcomer has sent none.
PENDING = [
    ("amara.bekele", "anne.holm"),
    ("david.okafor", "sofie.dahl"),
    ("ingrid.larsen", "birgitte.poulsen"),
    ("anna.kowalska", "ole.madsen"),
    ("priya.raman", "signe.pedersen"),
    ("marco.rossi", "camilla.krogh"),
    ("michael.brandt", "james.oconnor"),
    ("katrine.hansen", "maria.santos"),
    ("louise.berg", "sara.haddad"),
]
# Members who have not yet confirmed the expectation statement, and one host
# who paused matching for a while.
UNCONFIRMED = ("tom.baker", "lukas.novak", "julie.kristiansen", "hana.yamamoto")
PAUSED = ("bo.kristensen",)

# What matched pairs wrote to each other, newcomer first, then taking turns.
# The last line stays unread by the newcomer... or the host, by turns.
CHATS = [
    [
        "Hi {host}! Thank you for accepting. When would suit you for a first meeting?",
        "Hello {newcomer}, welcome! How about coffee on Saturday around 14? There "
        "is a nice café by the harbour.",
        "Saturday at 14 is perfect. See you there!",
        "Great. I will be the one with a red scarf :)",
    ],
    [
        "Hello {host}, it is so nice to be matched. We arrived three weeks ago and "
        "everything is still new.",
        "Welcome to Denmark, {newcomer}! The first weeks are the hardest. Would you "
        "like to join us for dinner one evening next week?",
        "We would love that. Is there anything we should bring?",
        "Only yourselves. Dinner is early here, around 18:00, so don't be surprised!",
        "Good to know, thank you. Is Wednesday possible?",
    ],
    [
        "Hi {host}! I found a guide to Danish holidays: "
        "https://lifeindenmark.borger.dk/ Could you tell me about Fastelavn?",
        "Of course! The children dress up and hit a barrel for candy. We make "
        "fastelavnsboller too. Join us this year?",
        "Yes please! My daughter will be so excited.",
    ],
]

MESSAGES = [
    "Hi {name}! I read your profile and we both love {interest}. Would you like "
    "to meet for a coffee one afternoon and see if we click?",
    "Hello {name}, your profile made me smile. {Interest} is a big part of our "
    "weekends too. Could we meet somewhere in town soon?",
    "Dear {name}, I think we would get along: we share {interest} and speak "
    "{language}. I would be happy to meet once or twice a month.",
    "Hi {name}, we are new here (or hosting for the first time) and your profile "
    "sounded just right. Shall we try {interest} together one weekend?",
]


def email_for(key: str) -> str:
    return f"{key}@{DEMO_EMAIL_DOMAIN}"


def seed_members(*, count: int = 60, rng_seed: int = 2007) -> dict:
    """Create ``count`` demo members (half hosts, half newcomers), the pending
    requests and active matches among them, and say what was made.

    The demo host and newcomer are always among them. Returns a summary with the
    counts and the two demo logins; ``created`` is 0 when demo members already
    existed.
    """
    people = _people(count)
    summary = {
        "created": 0,
        "hosts": 0,
        "newcomers": 0,
        "pending_requests": 0,
        "active_matches": 0,
        "demo_host": email_for(DEMO_HOST_KEY),
        "demo_newcomer": email_for(DEMO_NEWCOMER_KEY),
        "password": DEMO_PASSWORD,
    }
    users = get_user_model().objects
    if users.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        return summary

    rng = random.Random(rng_seed)
    now = timezone.now()
    with transaction.atomic():
        seeder = _Seeder(rng=rng, now=now, password=make_password(DEMO_PASSWORD))
        profiles = {person.key: seeder.member(person) for person in people}
        for number, (host_key, newcomer_key) in enumerate(MATCHES):
            if host_key in profiles and newcomer_key in profiles:
                match = seeder.match(profiles[host_key], profiles[newcomer_key])
                seeder.chat(match, CHATS[number % len(CHATS)])
                seeder.wheel(profiles[host_key])
                seeder.wheel(profiles[newcomer_key])
                summary["active_matches"] += 1
        for sender_key, recipient_key in PENDING:
            if sender_key in profiles and recipient_key in profiles:
                seeder.request(profiles[sender_key], profiles[recipient_key])
                summary["pending_requests"] += 1
        Profile.objects.filter(
            user__email__in=[email_for(key) for key in UNCONFIRMED]
        ).update(expectations_version=None, expectations_confirmed_at=None)
        Profile.objects.filter(
            user__email__in=[email_for(key) for key in PAUSED]
        ).update(is_available=False)
        summary["operations"] = seed_operations(
            profiles=profiles,
            rng=rng,
            now=now,
            password_hash=make_password(COORDINATOR_PASSWORD),
        )
        summary["active_matches"] += summary["operations"]["silent_pairs"]

    summary["created"] = len(profiles)
    summary["hosts"] = sum(p.role == Role.HOST for p in profiles.values())
    summary["newcomers"] = summary["created"] - summary["hosts"]
    return summary


def summary_lines(summary: dict) -> list[str]:
    """The summary in words, for ``seed_demo``'s output."""
    if not summary["created"]:
        lines = ["Demo members already present."]
    else:
        lines = [
            f"Created demo members: {summary['hosts']} hosts, "
            f"{summary['newcomers']} newcomers, {summary['pending_requests']} "
            f"pending requests, {summary['active_matches']} active matches."
        ]
    operations = summary.get("operations")
    if operations:
        lines.append(
            f"Programme operations: {operations['programmes']} partner programmes, "
            f"{operations['checkins']} check-ins, {operations['silent_pairs']} silent "
            f"pair, {operations['meetings']} meetings, "
            f"{operations['signups']} event sign-ups."
        )
    return lines + [
        "Demo member logins (local only):",
        f"  Host: {summary['demo_host']} / {summary['password']}",
        f"  Newcomer: {summary['demo_newcomer']} / {summary['password']}",
        "Demo coordinator logins for the admin (local only):",
        f"  Whole site: {SITE_COORDINATOR} / {COORDINATOR_PASSWORD}",
        f"  Nordlys programme only: {PROGRAMME_COORDINATOR} / {COORDINATOR_PASSWORD}",
    ]


def _people(count: int) -> list[Person]:
    available = len(HOSTS) + len(NEWCOMERS)
    if not 2 <= count <= available:
        raise ValueError(f"count must be between 2 and {available}.")
    # The demo pair come first in their lists, so every count includes them.
    hosts = HOSTS[: (count + 1) // 2]
    newcomers = NEWCOMERS[: count // 2]
    assert hosts[0].key == DEMO_HOST_KEY and newcomers[0].key == DEMO_NEWCOMER_KEY
    return hosts + newcomers


class _Seeder:
    """Creates one member, match or request at a time, with shared lookups."""

    def __init__(self, *, rng: random.Random, now, password: str) -> None:
        self.rng = rng
        self.now = now
        self.password = password
        self.municipalities = {m.name: m for m in Municipality.objects.all()}
        self.languages = {t.code: t for t in LanguageTag.objects.all()}
        self.partners = list(PartnerOrganisation.objects.all())
        self.tags: dict[tuple[type, str], object] = {}

    def _tag(self, model, name: str):
        key = (model, name.lower())
        if key not in self.tags:
            self.tags[key] = tag_get_or_create(model, name=name)
        return self.tags[key]

    def _partner(self, employer: str):
        if not employer:
            return None
        return next((p for p in self.partners if p.name.startswith(employer)), None)

    def member(self, person: Person, *, waiting_since=None, programme=None) -> Profile:
        """``person`` as a member who joined a while ago, approved by a
        coordinator back then; with ``waiting_since``, one who finished the
        set-up then and waits for a coordinator (of ``programme``)."""
        names = person.name.split()
        user = get_user_model().objects.create(
            username=email_for(person.key),
            email=email_for(person.key),
            first_name=names[0],
            last_name=names[-1] if len(names) > 1 else "",
            password=self.password,
        )
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
        is_host = person.role == Role.HOST
        if is_host:
            joined = self.now - timedelta(days=self.rng.randint(20, 200))
            arrival = None
        else:
            arrival = (
                self.now
                - timedelta(weeks=person.arrived_weeks_ago or 4)
                + timedelta(days=self.rng.randint(-3, 3))
            ).date()
            joined = self.now - timedelta(
                weeks=max(1, (person.arrived_weeks_ago or 4) - 1)
            )
        profile = Profile.objects.create(
            user=user,
            programme=programme,
            match_pool=programme.match_pool if programme else 0,
            role=person.role,
            display_name=person.name,
            about=person.about,
            age_group=person.age_group,
            household=person.household,
            children_0_5="0_5" in person.children,
            children_6_12="6_12" in person.children,
            children_13_17="13_17" in person.children,
            municipality=self.municipalities[person.municipality],
            employer=person.employer,
            partner_organisation=self._partner(person.employer),
            show_employer=bool(person.employer),
            time_per_month=person.time_per_month if is_host else "",
            capacity=person.capacity,
            arrival_date=arrival,
            expectations=person.expectations,
            guidelines_version=VERSION,
            guidelines_accepted_at=joined,
            expectations_version=VERSION,
            expectations_confirmed_at=joined + timedelta(hours=1),
            **(
                {"approval": "approved", "approval_decided_at": joined}
                if waiting_since is None
                else {"approval": "waiting", "approval_waiting_since": waiting_since}
            ),
        )
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(
                content_object=profile, tag=self.languages[code], level=level
            )
            for code, level in person.languages.items()
        )
        for through, model, names in (
            (ProfileProfession, ProfessionTag, person.professions),
            (ProfileInterest, InterestTag, person.interests),
            (ProfileHope, HopeTag, person.hopes),
        ):
            through.objects.bulk_create(
                through(content_object=profile, tag=self._tag(model, name))
                for name in names
            )
        profile_masks_refresh(profile)
        if waiting_since is not None:
            joined = waiting_since - timedelta(hours=1)
        # As if they had joined over the past months and been around lately.
        Profile.objects.filter(pk=profile.pk).update(
            created_at=joined,
            last_active_at=self.now - timedelta(minutes=self.rng.randint(5, 20_000)),
        )
        return profile

    def _message(self, sender: Profile, recipient: Profile) -> str:
        shared = set(sender.interests.names()) & set(recipient.interests.names())
        interest = sorted(shared)[0] if shared else "getting to know Denmark"
        spoken = set(sender.languages.names()) & set(recipient.languages.names())
        language = "English" if "English" in spoken else next(iter(spoken), "")
        template = self.rng.choice(MESSAGES)
        return template.format(
            name=recipient.display_name.split()[0],
            interest=interest.lower(),
            Interest=interest,
            language=language or "a little of everything",
        )

    def request(
        self, sender: Profile, recipient: Profile, *, status: str = "pending"
    ) -> MatchRequest:
        request = MatchRequest.objects.create(
            sender=sender,
            recipient=recipient,
            message=self._message(sender, recipient),
            status=status,
            expectations_version=VERSION,
        )
        sent = self.now - timedelta(hours=self.rng.randint(2, 24 * 20))
        MatchRequest.objects.filter(pk=request.pk).update(
            created_at=sent,
            responded_at=None if status == "pending" else sent + timedelta(days=1),
        )
        return request

    def match(self, host: Profile, newcomer: Profile) -> Match:
        request = self.request(newcomer, host, status=MatchRequest.Status.ACCEPTED)
        match = Match.objects.create(host=host, newcomer=newcomer, request=request)
        request.refresh_from_db(fields=["responded_at"])
        Match.objects.filter(pk=match.pk).update(created_at=request.responded_at)
        host.active_match_count += 1
        assert host.active_match_count <= host.capacity, host
        Profile.objects.filter(pk=host.pk).update(
            active_match_count=host.active_match_count
        )
        conversation_start(match=match)
        return match

    def wheel(self, profile: Profile) -> None:
        """A conversation wheel that fits the member: family matters to
        families, home country to newcomers, and the rest by chance."""
        newcomer = profile.role == Role.NEWCOMER
        family = profile.household == "family"
        notes = {
            "family": "Our children come first" if family else "",
            "home_country": "I miss the food and my parents" if newcomer else "",
            "language": "Learning Danish, slowly!" if newcomer else "",
        }
        WheelArea.objects.bulk_create(
            [
                WheelArea(
                    profile=profile,
                    area=area.value,
                    importance=3
                    if (area == LifeArea.FAMILY and family)
                    or (area == LifeArea.HOME_COUNTRY and newcomer)
                    else self.rng.randint(0, 3),
                    note=notes.get(area.value, ""),
                )
                for area in LifeArea
            ]
        )

    def chat(self, match: Match, lines: list[str]) -> None:
        """The pair's first messages, an hour or so apart after they matched;
        each has read everything but the last line written to them."""
        host, newcomer = match.host, match.newcomer
        when = Match.objects.values_list("created_at", flat=True).get(pk=match.pk)
        conversation = match.conversation
        names = {
            "host": host.display_name.split()[0],
            "newcomer": newcomer.display_name.split()[0],
        }
        messages = []
        for turn, line in enumerate(lines):
            when += timedelta(minutes=self.rng.randint(20, 600))
            messages.append(
                Message.objects.create(
                    conversation=conversation,
                    sender=newcomer if turn % 2 == 0 else host,
                    client_id=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                    body=line.format(**names),
                    created_at=min(when, self.now),
                )
            )
        last = messages[-1]
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message=last, last_message_at=last.created_at
        )
        for participant in conversation.participants.all():
            mine = participant.profile_id == last.sender_id
            read = last if mine else (messages[-2] if len(messages) > 1 else None)
            participant.last_read_id = read.pk if read else 0
            participant.emailed_up_to_id = last.pk  # no e-mail for demo history
            participant.save(update_fields=["last_read_id", "emailed_up_to_id"])
