"""Danish names for the curated vocabularies, shown on the Danish pages.

Languages take theirs from pycountry's Danish translation of ISO 639 (a
maintained source, as their English names do); interests, professional
backgrounds and hopes are written here. Tags members typed in keep their name.
"""

import gettext
import re

from django.db import migrations, models

PROFESSIONS_DA = {
    "Software & IT": "Software og it",
    "Engineering": "Ingeniørarbejde",
    "Research & academia": "Forskning og universitet",
    "Life sciences & pharma": "Life science og medicinal",
    "Health care": "Sundhed og pleje",
    "Education & teaching": "Uddannelse og undervisning",
    "Finance & banking": "Finans og bank",
    "Sales & marketing": "Salg og marketing",
    "Management & consulting": "Ledelse og rådgivning",
    "Energy & climate": "Energi og klima",
    "Design & architecture": "Design og arkitektur",
    "Logistics & shipping": "Logistik og shipping",
    "Public sector": "Offentlig sektor",
    "Student": "Studerende",
    "Homemaker / accompanying partner": "Hjemmegående / medfølgende partner",
    "Hospitality & food": "Hotel, restaurant og mad",
    "Law": "Jura",
    "HR & people": "HR og personale",
    "Media & communication": "Medier og kommunikation",
    "Arts & culture": "Kunst og kultur",
    "Construction & trades": "Byggeri og håndværk",
    "Agriculture & food production": "Landbrug og fødevareproduktion",
    "Entrepreneur": "Iværksætter",
    "Retired": "Pensionist",
    "Other": "Andet",
}

INTERESTS_DA = {
    "Hiking": "Vandreture",
    "Cooking": "Madlavning",
    "Travel": "Rejser",
    "Cycling": "Cykling",
    "Running": "Løb",
    "Music": "Musik",
    "Reading": "Læsning",
    "Nature": "Natur",
    "Board games": "Brætspil",
    "Family outings": "Familieudflugter",
    "Swimming": "Svømning",
    "Cinema": "Biograf",
    "Museums": "Museer",
    "Photography": "Fotografering",
    "Football": "Fodbold",
    "Baking": "Bagning",
    "Coffee": "Kaffe",
    "Beach": "Strand",
    "Playgrounds & parks": "Legepladser og parker",
    "Yoga": "Yoga",
    "Gardening": "Havearbejde",
    "Fitness": "Fitness",
    "History": "Historie",
    "Languages": "Sprog",
    "Art": "Kunst",
    "Wine & beer": "Vin og øl",
    "Sailing": "Sejlads",
    "Theatre": "Teater",
    "Dancing": "Dans",
    "Dogs": "Hunde",
    "Volunteering": "Frivilligt arbejde",
    "Winter swimming": "Vinterbadning",
    "Book clubs": "Læseklubber",
    "Playing an instrument": "Spille et instrument",
    "Choir": "Kor",
    "Knitting & crafts": "Strik og håndarbejde",
    "DIY": "Gør det selv",
    "Tech & gadgets": "Teknik og gadgets",
    "Gaming": "Computerspil",
    "Chess": "Skak",
    "Fishing": "Lystfiskeri",
    "Birdwatching": "Fuglekiggeri",
}

HOPES_DA = {
    "Friendship": "Venskab",
    "Danish practice": "Øve dansk",
    "Family activities": "Aktiviteter for familien",
    "Practical help": "Praktisk hjælp",
    "Professional network": "Fagligt netværk",
}


def language_name_da(code):
    import pycountry

    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(
        alpha_3=code
    )
    if language is None:
        return ""
    danish = gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=["da"], fallback=True
    )
    name = danish.gettext(language.name)
    return "" if name == language.name else re.sub(r"\s*\(.*\)$", "", name)


def names_in_danish(apps, schema_editor):
    for model, names in (
        ("ProfessionTag", PROFESSIONS_DA),
        ("InterestTag", INTERESTS_DA),
        ("HopeTag", HOPES_DA),
    ):
        tags = apps.get_model("community", model).objects
        for english, danish in names.items():
            tags.filter(name=english, name_da="").update(name_da=danish)
    languages = apps.get_model("community", "LanguageTag").objects
    for tag in languages.filter(name_da=""):
        name = language_name_da(tag.code)
        if name and name != tag.name:
            languages.filter(pk=tag.pk).update(name_da=name)


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0014_profile_preferred_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='hopetag',
            name='name_da',
            field=models.CharField(blank=True, help_text='Shown on the Danish pages. Leave empty to show the name as it is (tags members typed in stay as they typed them).', max_length=100, verbose_name='name in Danish'),
        ),
        migrations.AddField(
            model_name='interesttag',
            name='name_da',
            field=models.CharField(blank=True, help_text='Shown on the Danish pages. Leave empty to show the name as it is (tags members typed in stay as they typed them).', max_length=100, verbose_name='name in Danish'),
        ),
        migrations.AddField(
            model_name='languagetag',
            name='name_da',
            field=models.CharField(blank=True, help_text='Shown on the Danish pages. Leave empty to show the name as it is (tags members typed in stay as they typed them).', max_length=100, verbose_name='name in Danish'),
        ),
        migrations.AddField(
            model_name='professiontag',
            name='name_da',
            field=models.CharField(blank=True, help_text='Shown on the Danish pages. Leave empty to show the name as it is (tags members typed in stay as they typed them).', max_length=100, verbose_name='name in Danish'),
        ),
        migrations.RunPython(names_in_danish, migrations.RunPython.noop),
    ]
