"""Load Denmark's 98 municipalities and the curated tag vocabularies.

The municipalities come from ``community/data/municipalities.csv``. The curated
vocabularies are frozen here, most popular first, because each tag's ``bit``
(its place in the profiles' bitmasks) is given in that order: Danish is bit 0,
English bit 1, and so on. Language names come from pycountry, not a hand list.

``community.services.tags.tag_get_or_create`` imports the real models, which a
migration must not use, so the lowest-free-bit rule is repeated here.
"""

import re

from django.db import migrations
from django.utils.text import slugify

MAX_BIT = 62

# ISO 639-1, ordered by how many members are expected to speak or learn them.
LANGUAGE_CODES = [
    "da", "en", "de", "sv", "no", "fr", "es", "it", "pl", "ro", "uk", "pt", "nl",
    "hi", "zh", "ar", "tr", "ru", "fa", "ur", "bn", "ta", "ja", "ko", "vi", "th",
    "id", "tl", "el", "hu", "cs", "lt", "lv", "fi", "is", "he", "sw", "am", "so",
    "ti", "bg", "hr", "sr", "sk", "et", "ml", "te", "ne", "pa", "ku", "ms", "fo",
    "kl", "af", "sq",
]  # fmt: skip
# Where pycountry's reference name is not what a member would look for.
LANGUAGE_NAME_OVERRIDES = {"el": "Greek", "tl": "Filipino (Tagalog)"}

PROFESSIONS = [
    "Software & IT",
    "Engineering",
    "Research & academia",
    "Life sciences & pharma",
    "Health care",
    "Education & teaching",
    "Finance & banking",
    "Sales & marketing",
    "Management & consulting",
    "Energy & climate",
    "Design & architecture",
    "Logistics & shipping",
    "Public sector",
    "Student",
    "Homemaker / accompanying partner",
    "Hospitality & food",
    "Law",
    "HR & people",
    "Media & communication",
    "Arts & culture",
    "Construction & trades",
    "Agriculture & food production",
    "Entrepreneur",
    "Retired",
    "Other",
]

INTERESTS = [
    "Hiking",
    "Cooking",
    "Travel",
    "Cycling",
    "Running",
    "Music",
    "Reading",
    "Nature",
    "Board games",
    "Family outings",
    "Swimming",
    "Cinema",
    "Museums",
    "Photography",
    "Football",
    "Baking",
    "Coffee",
    "Beach",
    "Playgrounds & parks",
    "Yoga",
    "Gardening",
    "Fitness",
    "History",
    "Languages",
    "Art",
    "Wine & beer",
    "Sailing",
    "Theatre",
    "Dancing",
    "Dogs",
    "Volunteering",
    "Winter swimming",
    "Book clubs",
    "Playing an instrument",
    "Choir",
    "Knitting & crafts",
    "DIY",
    "Tech & gadgets",
    "Gaming",
    "Chess",
    "Fishing",
    "Birdwatching",
]

HOPES = [
    "Friendship",
    "Danish practice",
    "Family activities",
    "Practical help",
    "Professional network",
]


def language_name(code):
    import pycountry

    if code in LANGUAGE_NAME_OVERRIDES:
        return LANGUAGE_NAME_OVERRIDES[code]
    # "Swahili (macrolanguage)" -> "Swahili"
    return re.sub(r"\s*\(.*\)$", "", pycountry.languages.get(alpha_2=code).name)


def _add_curated(model, name, **extra):
    if model.objects.filter(name__iexact=name).exists():
        model.objects.filter(name__iexact=name).update(curated=True)
        return
    used = set(model.objects.exclude(bit=None).values_list("bit", flat=True))
    bit = next((b for b in range(MAX_BIT + 1) if b not in used), None)
    base = slugify(name)[:100]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    model.objects.create(name=name, slug=slug, bit=bit, curated=True, **extra)


def load(apps, schema_editor):
    from community.data import municipality_rows

    Municipality = apps.get_model("community", "Municipality")
    for row in municipality_rows():
        Municipality.objects.update_or_create(code=row["code"], defaults=row)

    LanguageTag = apps.get_model("community", "LanguageTag")
    for code in LANGUAGE_CODES:
        if LanguageTag.objects.filter(code=code).exists():
            LanguageTag.objects.filter(code=code).update(curated=True)
        else:
            _add_curated(LanguageTag, language_name(code), code=code)
    for model_name, names in (
        ("ProfessionTag", PROFESSIONS),
        ("InterestTag", INTERESTS),
        ("HopeTag", HOPES),
    ):
        model = apps.get_model("community", model_name)
        for name in names:
            _add_curated(model, name)


def unload(apps, schema_editor):
    from community.data import municipality_rows

    apps.get_model("community", "LanguageTag").objects.filter(
        code__in=LANGUAGE_CODES
    ).delete()
    for model_name, names in (
        ("ProfessionTag", PROFESSIONS),
        ("InterestTag", INTERESTS),
        ("HopeTag", HOPES),
    ):
        apps.get_model("community", model_name).objects.filter(name__in=names).delete()
    apps.get_model("community", "Municipality").objects.filter(
        code__in=[row["code"] for row in municipality_rows()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(load, unload, elidable=False)]
