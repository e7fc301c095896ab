"""Two hosts waiting for a coordinator's approval, so the approval queue in the
admin has someone in it under ``make run``: a family of the Nordlys programme,
waiting for six days (its coordinator sees them), and a host of no programme
since yesterday (only the whole site's coordinators see her).

``seed_demo`` calls it on every run: it adds only the hosts missing, so a demo
database made before approval came gets them too, and a host a coordinator
decided about stays as decided."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from community.demo.members import DEMO_PASSWORD, _Seeder, email_for
from community.demo.operations import PROGRAMMES
from community.demo.people import DA, host
from community.models import Programme

NORDLYS = PROGRAMMES[0][0]

# (the host, their programme's name or None, days waiting)
WAITING_HOSTS = [
    (
        host(
            "peter.vinther",
            "Peter & Sanne Vinther",
            municipality="Aarhus",
            age_group=3,
            household="family",
            languages={"da": DA, "en": "fluent", "de": "conversational"},
            children=("0_5", "6_12"),
            professions=("Health care", "Engineering"),
            interests=("Cooking", "Playgrounds & parks", "Hiking", "Baking"),
            hopes=("Friendship", "Family activities"),
            time_per_month="1-2",
            capacity=1,
            about="We live in Viby with our two boys (4 and 9) and a very old "
            "cat. Sanne is a nurse at the university hospital, Peter designs "
            "heat pumps. We would love to welcome a family with children: "
            "dinners, the playground, a trip to Moesgaard.",
            expectations="Dinner at ours once a month, and the odd outing.",
        ),
        NORDLYS,
        6,
    ),
    (
        host(
            "grethe.lauridsen",
            "Grethe Lauridsen",
            municipality="Odense",
            age_group=5,
            household="single",
            languages={"da": DA, "en": "conversational"},
            professions=("Education & teaching", "Retired"),
            interests=("Gardening", "Reading", "Choir", "Baking"),
            hopes=("Friendship", "Danish practice"),
            time_per_month="2-4",
            capacity=2,
            about="Retired primary school teacher with a big garden and more "
            "time than I know what to do with. Happy to practise Danish over "
            "coffee and cake, and to show you Odense's museums.",
        ),
        None,
        1,
    ),
]


def seed_waiting_hosts(*, now=None) -> int:
    """Create the waiting demo hosts that are missing; returns how many."""
    users = get_user_model().objects
    missing = [
        row
        for row in WAITING_HOSTS
        if not users.filter(email__iexact=email_for(row[0].key)).exists()
    ]
    if not missing:
        return 0
    now = now or timezone.now()
    seeder = _Seeder(
        rng=random.Random(2026), now=now, password=make_password(DEMO_PASSWORD)
    )
    with transaction.atomic():
        for person, programme_name, days in missing:
            seeder.member(
                person,
                waiting_since=now - timedelta(days=days, hours=3),
                programme=Programme.objects.filter(name=programme_name).first()
                if programme_name
                else None,
            )
    return len(missing)
