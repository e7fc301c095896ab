"""The demo members: thirty hosts and thirty newcomers, fictional but believable.

Hosts are Danish singles, couples and families across the country; newcomers are
international employees and accompanying partners who arrived in the last six
months, with the languages, work and households people in their situation have.
Interest, profession and hope names are the curated ones from the data migration
(matched case-insensitively); a few free-typed interests show that members may
add their own.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    key: str  # the e-mail's local part
    name: str
    role: str
    municipality: str
    age_group: int
    household: str
    languages: dict[str, str]
    professions: tuple[str, ...]
    interests: tuple[str, ...]
    hopes: tuple[str, ...]
    about: str
    children: tuple[str, ...] = ()  # "0_5", "6_12", "13_17"
    time_per_month: str = ""
    capacity: int = 1
    arrived_weeks_ago: int | None = None
    expectations: str = ""
    employer: str = ""


def host(key: str, name: str, **fields) -> Person:
    return Person(key, name, "host", **fields)


def newcomer(key: str, name: str, **fields) -> Person:
    return Person(key, name, "newcomer", **fields)


DA = "native"

HOSTS: list[Person] = [
    host(
        "anne.holm",
        "Anne & Mikkel Holm",
        municipality="Aarhus",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "de": "conversational"},
        children=("6_12",),
        professions=("Education & teaching", "Engineering"),
        interests=("Sailing", "Hiking", "Cooking", "Board games", "Family outings"),
        hopes=("Friendship", "Family activities", "Danish practice"),
        time_per_month="1-2",
        capacity=2,
        about="We are a family of four in Risskov, a short walk from the beach. "
        "Mikkel builds wind turbines, I teach maths, and our two girls (8 and 11) "
        "love having guests. On Sundays we often sail on the bay or bake too many "
        "cinnamon buns. We would love to show a new family how Danish everyday "
        "life works, from packed lunches to Fastelavn.",
        expectations="A dinner at ours first, then whatever we both enjoy.",
    ),
    host(
        "lars.sorensen",
        "Lars Sørensen",
        municipality="København",
        age_group=5,
        household="couple",
        languages={"da": DA, "en": "fluent", "sv": "conversational"},
        professions=("Retired", "Public sector"),
        interests=("History", "Museums", "Cycling", "Coffee", "Chess"),
        hopes=("Friendship", "Danish practice", "Practical help"),
        time_per_month="2-4",
        capacity=2,
        about="Retired civil servant, married to Birgit for 38 years. I know "
        "Copenhagen's back streets and its bureaucracy equally well, so if you "
        "wonder what a letter from Skattestyrelsen means, ask me. Happy to bike "
        "around the city, visit a museum or lose a game of chess to you.",
    ),
    host(
        "mette.kjaer",
        "Mette Kjær",
        municipality="Odense",
        age_group=2,
        household="single",
        languages={"da": DA, "en": "fluent", "es": "conversational"},
        professions=("Health care",),
        interests=("Running", "Yoga", "Cinema", "Coffee", "Travel"),
        hopes=("Friendship", "Danish practice"),
        time_per_month="1-2",
        about="Nurse at Odense University Hospital, 34, and I lived two years in "
        "Valencia, so I remember what it is like to be new. I run along the Odense "
        "river most mornings and never say no to a film or a long coffee.",
    ),
    host(
        "jens.lund",
        "Jens & Karen Lund",
        municipality="Aalborg",
        age_group=4,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "fluent"},
        professions=("Engineering", "Finance & banking"),
        interests=("Sailing", "Fishing", "Nature", "Wine & beer", "Cooking"),
        hopes=("Friendship", "Professional network"),
        time_per_month="1-2",
        capacity=2,
        about="Our children have moved out and the house feels big. We have a "
        "small boat in Aalborg harbour and a summer house near Blokhus. Jens is an "
        "engineer, Karen works in a bank; both of us like a good meal and a long "
        "talk. Newcomers of any age are welcome.",
    ),
    host(
        "sofie.dahl",
        "Sofie Dahl",
        municipality="Aarhus",
        age_group=1,
        household="single",
        languages={"da": DA, "en": "fluent", "fr": "learning"},
        professions=("Student",),
        interests=("Running", "Music", "Board games", "Dancing", "Climbing"),
        hopes=("Friendship", "Danish practice"),
        time_per_month="2-4",
        about="I study medicine at Aarhus University and run with Havnen Runners "
        "on Tuesdays. Come along, we have a beginners' group! I also play in a "
        "student band and host board game nights that get loud.",
    ),
    host(
        "henrik.moller",
        "Henrik Møller",
        municipality="Vejle",
        age_group=4,
        household="family",
        languages={"da": DA, "en": "fluent"},
        children=("13_17",),
        professions=("Logistics & shipping",),
        interests=("Football", "Hiking", "Fishing", "DIY", "Family outings"),
        hopes=("Family activities", "Practical help"),
        time_per_month="1",
        about="Dad of two teenage boys who play football at Vejle Boldklub. I work "
        "in logistics and can help with the practical bits: cars, bikes, finding "
        "a plumber who answers. We walk in the Vejle fjord hills most weekends.",
    ),
    host(
        "camilla.krogh",
        "Camilla & Thomas Krogh",
        municipality="Roskilde",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "no": "conversational"},
        children=("0_5", "6_12"),
        professions=("Management & consulting", "Life sciences & pharma"),
        interests=("Playgrounds & parks", "Baking", "Music", "Family outings", "Beach"),
        hopes=("Family activities", "Friendship"),
        time_per_month="1-2",
        capacity=2,
        about="Two kids (3 and 7), a dog called Bølle and a garden that is always "
        "a bit wild. We go to the festival every summer and to the fjord when it "
        "is warm. We would like to meet a family with young children; ours play "
        "in any language.",
    ),
    host(
        "peter.nielsen",
        "Peter Nielsen",
        municipality="København",
        age_group=2,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "conversational"},
        professions=("Software & IT",),
        interests=("Tech & gadgets", "Gaming", "Cycling", "Cinema", "Wine & beer"),
        hopes=("Friendship", "Professional network"),
        time_per_month="1-2",
        about="Developer at a fintech in Nordhavn, living in Nørrebro with my "
        "partner Ida. We like natural wine bars, cycling to the beach at Amager "
        "and nerdy films. I can tell you which tech meetups are worth it.",
    ),
    host(
        "birgitte.poulsen",
        "Birgitte Poulsen",
        municipality="Silkeborg",
        age_group=5,
        household="single",
        languages={"da": DA, "en": "conversational", "de": "fluent"},
        professions=("Education & teaching", "Retired"),
        interests=("Knitting & crafts", "Gardening", "Nature", "Reading", "Book clubs"),
        hopes=("Danish practice", "Friendship"),
        time_per_month="2-4",
        capacity=3,
        about="Former schoolteacher with patience for Danish grammar. I live by "
        "the lakes, grow far too many tomatoes and run a small book club. Come for "
        "coffee and we will speak Danish slowly, I promise.",
    ),
    host(
        "rasmus.jensen",
        "Rasmus & Line Jensen",
        municipality="Aarhus",
        age_group=2,
        household="family",
        languages={"da": DA, "en": "fluent"},
        children=("0_5",),
        professions=("Design & architecture", "Media & communication"),
        interests=("Cooking", "Photography", "Art", "Playgrounds & parks", "Coffee"),
        hopes=("Family activities", "Friendship"),
        time_per_month="1",
        about="New parents (our son is one and a half) living in Aarhus Ø. Rasmus "
        "is an architect, Line a journalist. We are at the playground by the "
        "harbour most afternoons, and we cook something different every Friday.",
    ),
    host(
        "kirsten.andersen",
        "Kirsten Andersen",
        municipality="Gentofte",
        age_group=6,
        household="single",
        languages={"da": DA, "en": "fluent", "fr": "fluent"},
        professions=("Law", "Retired"),
        interests=("Museums", "Theatre", "Choir", "History", "Reading"),
        hopes=("Friendship", "Danish practice"),
        time_per_month="1-2",
        capacity=2,
        about="A retired lawyer who sings in a church choir and has a season "
        "ticket to the Royal Theatre. I lived in Brussels for years. I enjoy "
        "showing newcomers the Danish Golden Age painters at Ordrupgaard.",
    ),
    host(
        "morten.christensen",
        "Morten Christensen",
        municipality="Esbjerg",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "de": "conversational"},
        children=("6_12", "13_17"),
        professions=("Energy & climate", "Engineering"),
        interests=("Beach", "Fishing", "Football", "Running", "Family outings"),
        hopes=("Family activities", "Professional network", "Practical help"),
        time_per_month="1-2",
        capacity=2,
        about="I work offshore wind, two weeks on, two weeks off, so when I am home "
        "I am really home. My wife Louise and our kids love Fanø and the beach at "
        "Hjerting. Many of my colleagues are from abroad and I know how lonely the "
        "first winter can be.",
    ),
    host(
        "ida.frederiksen",
        "Ida Frederiksen",
        municipality="Frederiksberg",
        age_group=2,
        household="single",
        languages={"da": DA, "en": "fluent", "it": "conversational"},
        professions=("Arts & culture",),
        interests=("Art", "Cinema", "Dancing", "Coffee", "Photography"),
        hopes=("Friendship", "Danish practice"),
        time_per_month="2-4",
        about="I work at a small gallery and dance salsa on Thursdays. Frederiksberg "
        "Gardens is my living room in summer. Looking for someone curious to share "
        "exhibitions, cheap cinema nights and very good coffee.",
    ),
    host(
        "ole.madsen",
        "Ole & Hanne Madsen",
        municipality="Odense",
        age_group=5,
        household="couple",
        languages={"da": DA, "en": "conversational"},
        professions=("Construction & trades", "Health care"),
        interests=("Gardening", "Cycling", "Cooking", "Nature", "Birdwatching"),
        hopes=("Practical help", "Danish practice", "Friendship"),
        time_per_month="1-2",
        capacity=2,
        about="Ole is a retired carpenter and can fix anything; Hanne is a dental "
        "nurse. Our allotment garden on the edge of Odense is where we spend our "
        "summers. Our English is good enough, and we love to practise Danish with "
        "you over a proper lunch with rye bread.",
    ),
    host(
        "louise.berg",
        "Louise Berg",
        municipality="Aalborg",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "sv": "fluent"},
        children=("6_12",),
        professions=("Research & academia",),
        interests=("Swimming", "Reading", "Board games", "Nature", "Baking"),
        hopes=("Family activities", "Friendship"),
        time_per_month="1-2",
        about="Researcher at Aalborg University, half Swedish, single mum to a "
        "very chatty nine-year-old. We swim at the harbour bath in summer and "
        "play board games at the library in winter.",
    ),
    host(
        "anders.vestergaard",
        "Anders Vestergaard",
        municipality="Aarhus",
        age_group=4,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "conversational"},
        professions=("Research & academia", "Public sector"),
        interests=("Cycling", "Music", "Wine & beer", "History", "Travel"),
        hopes=("Professional network", "Friendship"),
        time_per_month="1",
        about="I work at the university's international staff office, so I meet "
        "newcomers every week, but rarely outside work. My husband Niels and I "
        "cycle, go to concerts at Musikhuset and travel whenever we can.",
    ),
    host(
        "trine.mikkelsen",
        "Trine & Søren Mikkelsen",
        municipality="Horsens",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent"},
        children=("0_5", "6_12"),
        professions=("Sales & marketing", "Logistics & shipping"),
        interests=(
            "Family outings",
            "Playgrounds & parks",
            "Swimming",
            "Cooking",
            "Beach",
        ),
        hopes=("Family activities", "Practical help"),
        time_per_month="1-2",
        capacity=2,
        about="Three children, one trampoline and a big table. We are a busy, "
        "noisy family who love having people over for dinner. Horsens is small "
        "enough that we can show you everything in a weekend.",
    ),
    host(
        "jesper.larsen",
        "Jesper Larsen",
        municipality="Kolding",
        age_group=2,
        household="single",
        languages={"da": DA, "en": "fluent", "de": "fluent"},
        professions=("Design & architecture",),
        interests=("Fitness", "Running", "Photography", "Travel", "Padel"),
        hopes=("Friendship", "Professional network"),
        time_per_month="1-2",
        about="Product designer, 32, grew up near the German border. I play padel "
        "twice a week and take photos of old Danish churches. Happy to show you "
        "Trapholt and where to find the best smørrebrød in Kolding.",
    ),
    host(
        "hanne.thomsen",
        "Hanne Thomsen",
        municipality="Roskilde",
        age_group=5,
        household="couple",
        languages={"da": DA, "en": "conversational", "no": "conversational"},
        professions=("Public sector",),
        interests=("Choir", "Gardening", "Baking", "History", "Volunteering"),
        hopes=("Danish practice", "Friendship", "Practical help"),
        time_per_month="2-4",
        capacity=2,
        about="I worked for the municipality for thirty years and now volunteer at "
        "the Viking Ship Museum. My husband Erik bakes the best rye bread in "
        "Roskilde (he says). We speak Danish at home and love teaching it.",
    ),
    host(
        "nikolaj.bach",
        "Nikolaj Bach",
        municipality="Lyngby-Taarbæk",
        age_group=2,
        household="couple",
        languages={"da": DA, "en": "fluent"},
        professions=("Research & academia", "Engineering"),
        interests=("Hiking", "Climbing", "Board games", "Cooking", "Nature"),
        hopes=("Friendship", "Professional network"),
        time_per_month="1-2",
        about="PhD at DTU, living with my girlfriend near Dyrehaven where we walk "
        "among the deer every weekend. Half my lab is international and I like "
        "helping people find their feet outside the university.",
    ),
    host(
        "maja.olsen",
        "Maja Olsen",
        municipality="Sønderborg",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "de": "fluent"},
        children=("6_12",),
        professions=("HR & people",),
        interests=("Sailing", "Beach", "Cooking", "Yoga", "Family outings"),
        hopes=("Family activities", "Friendship", "Professional network"),
        time_per_month="1-2",
        capacity=2,
        about="I work in HR at a large company in Nordborg, so I know how many "
        "families arrive here without knowing anyone. We sail on Als Fjord, swim "
        "from the beach at Kegnæs and eat a lot of fish.",
    ),
    host(
        "bo.kristensen",
        "Bo Kristensen",
        municipality="Herning",
        age_group=4,
        household="couple",
        languages={"da": DA, "en": "conversational"},
        professions=("Hospitality & food", "Entrepreneur"),
        interests=("Cooking", "Football", "Wine & beer", "Music", "Travel"),
        hopes=("Friendship", "Practical help"),
        time_per_month="1",
        about="I run a small restaurant in Herning with my wife Pia. If you like "
        "food, we will get along. I am a big FC Midtjylland fan and will take you "
        "to a match whether you like football or not.",
    ),
    host(
        "katrine.hansen",
        "Katrine Hansen",
        municipality="København",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent", "fr": "conversational"},
        children=("0_5",),
        professions=("Media & communication",),
        interests=(
            "Winter swimming",
            "Yoga",
            "Cooking",
            "Playgrounds & parks",
            "Reading",
        ),
        hopes=("Family activities", "Friendship", "Danish practice"),
        time_per_month="1-2",
        about="Communications advisor and mother of twins (4). I swim at "
        "Islands Brygge all year round and will try to convince you to join. "
        "Our home in Valby is always full of toys and coffee.",
    ),
    host(
        "erik.johansen",
        "Erik Johansen",
        municipality="Billund",
        age_group=5,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "conversational"},
        professions=("Engineering", "Retired"),
        interests=("DIY", "Tech & gadgets", "Fishing", "Nature", "Family outings"),
        hopes=("Practical help", "Friendship"),
        time_per_month="2-4",
        capacity=3,
        about="Retired engineer who spent 30 years building machines for the toy "
        "industry. Billund is full of new arrivals, and my wife Lis and I like to "
        "help with the practical side: the first car, the first tax return, the "
        "first Danish birthday party.",
    ),
    host(
        "signe.pedersen",
        "Signe Pedersen",
        municipality="Aarhus",
        age_group=1,
        household="single",
        languages={"da": DA, "en": "fluent", "es": "learning"},
        professions=("Student",),
        interests=("Languages", "Travel", "Dancing", "Cinema", "Volunteering"),
        hopes=("Friendship", "Danish practice"),
        time_per_month="2-4",
        about="I study international business and volunteer at the language café "
        "at Dokk1. I am learning Spanish and would love a tandem partner: my "
        "Danish for your Spanish, or just a friend to explore the city with.",
    ),
    host(
        "carsten.nygaard",
        "Carsten & Helle Nygaard",
        municipality="Vejle",
        age_group=4,
        household="family",
        languages={"da": DA, "en": "fluent"},
        children=("13_17",),
        professions=("Finance & banking", "Education & teaching"),
        interests=("Hiking", "Cycling", "Board games", "Cooking", "Travel"),
        hopes=("Family activities", "Friendship"),
        time_per_month="1-2",
        capacity=2,
        about="We have hosted two families before and loved it. Our daughter is "
        "15 and would happily show a teenager around. We cycle, hike in the "
        "forests above Vejle and eat dinner together every evening.",
    ),
    host(
        "julie.kristiansen",
        "Julie Kristiansen",
        municipality="Aalborg",
        age_group=2,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "learning"},
        professions=("Software & IT",),
        interests=("Gaming", "Board games", "Cooking", "Dogs", "Hiking"),
        hopes=("Friendship",),
        time_per_month="1-2",
        about="Software tester, living with my partner and our border collie Frida "
        "in Vestbyen. Board game nights, long dog walks along the Limfjord and "
        "experimental cooking are our thing.",
    ),
    host(
        "poul.eriksen",
        "Poul Eriksen",
        municipality="Odense",
        age_group=6,
        household="single",
        languages={"da": DA, "en": "conversational", "de": "conversational"},
        professions=("Retired", "Arts & culture"),
        interests=("Music", "Playing an instrument", "History", "Museums", "Chess"),
        hopes=("Danish practice", "Friendship"),
        time_per_month="2-4",
        about="A retired music teacher; I still play the cello every day. I know "
        "everything about H.C. Andersen and Carl Nielsen and will tell you about "
        "both if you let me. Patient with beginners in Danish.",
    ),
    host(
        "sara.munk",
        "Sara Munk",
        municipality="Kalundborg",
        age_group=3,
        household="family",
        languages={"da": DA, "en": "fluent"},
        children=("6_12",),
        professions=("Life sciences & pharma",),
        interests=("Nature", "Beach", "Baking", "Family outings", "Swimming"),
        hopes=("Family activities", "Professional network"),
        time_per_month="1-2",
        capacity=2,
        about="Lab manager at the big pharma plant in Kalundborg, where half my "
        "colleagues come from abroad. We live by the fjord with two kids and a "
        "cat, and spend summer weekends at Røsnæs.",
    ),
    host(
        "michael.brandt",
        "Michael Brandt",
        municipality="Frederiksberg",
        age_group=4,
        household="couple",
        languages={"da": DA, "en": "fluent", "de": "fluent", "fr": "conversational"},
        professions=("Management & consulting",),
        interests=("Running", "Sailing", "Wine & beer", "Museums", "Travel"),
        hopes=("Professional network", "Friendship"),
        time_per_month="1",
        about="Consultant who has worked in Hamburg and Paris. My wife Anja and I "
        "sail from Skovshoved and run the lakes in the morning. Glad to share what "
        "we know about working life in Denmark: it is more relaxed than it looks.",
    ),
]

NEWCOMERS: list[Person] = [
    newcomer(
        "lucia.fernandez",
        "Lucía Fernández",
        municipality="Aarhus",
        age_group=2,
        household="family",
        languages={"es": "native", "en": "fluent", "da": "learning"},
        children=("0_5", "6_12"),
        professions=("Life sciences & pharma",),
        interests=("Hiking", "Cooking", "Family outings", "Beach", "Baking"),
        hopes=("Friendship", "Family activities", "Danish practice"),
        arrived_weeks_ago=6,
        employer="University of East Jutland",
        about="I moved from Sevilla in the autumn with my husband Javier and our "
        "two children (4 and 9) for a research job. The kids have started school "
        "and already say 'hej'. We miss the sun, but love the forests and the sea "
        "here. We would love a Danish family to cook and walk with.",
        expectations="Meet once or twice a month, try Danish food, and practise "
        "Danish with patient people.",
    ),
    newcomer(
        "arjun.mehta",
        "Arjun Mehta",
        municipality="København",
        age_group=2,
        household="couple",
        languages={"hi": "native", "en": "fluent", "da": "learning"},
        professions=("Software & IT",),
        interests=("Cricket", "Cycling", "Cooking", "Tech & gadgets", "Travel"),
        hopes=("Friendship", "Professional network"),
        arrived_weeks_ago=10,
        employer="Kobber Pay",
        about="Backend developer from Pune, now in Copenhagen with my wife Kavya. "
        "We bought bikes in our first week and are still learning the hand "
        "signals. I cook a mean dal and would happily trade it for a lesson in "
        "frikadeller.",
        expectations="Understand Danish work culture and make a friend or two.",
    ),
    newcomer(
        "anna.kowalska",
        "Anna Kowalska",
        municipality="Odense",
        age_group=3,
        household="family",
        languages={
            "pl": "native",
            "en": "fluent",
            "de": "conversational",
            "da": "learning",
        },
        children=("6_12",),
        professions=("Engineering",),
        interests=("Running", "Board games", "Nature", "Baking", "Family outings"),
        hopes=("Family activities", "Danish practice"),
        arrived_weeks_ago=14,
        about="Robotics engineer from Kraków. My son Kuba (10) and I came in "
        "summer; my husband joins us next month. Kuba loves football and LEGO, I "
        "love running and baking. We would like to know how Danish families "
        "spend their weekends.",
    ),
    newcomer(
        "mohammed.alsayed",
        "Mohammed Al-Sayed",
        municipality="Aalborg",
        age_group=3,
        household="family",
        languages={"ar": "native", "en": "fluent", "da": "learning"},
        children=("0_5", "6_12"),
        professions=("Health care",),
        interests=("Football", "Cooking", "Family outings", "Swimming", "History"),
        hopes=("Family activities", "Practical help", "Danish practice"),
        arrived_weeks_ago=20,
        about="Doctor from Amman, now at Aalborg University Hospital. My wife Rana "
        "and our three children came with me. We are learning Danish every "
        "evening at the kitchen table. We would be grateful for a family who can "
        "explain the school system and join us for a picnic.",
    ),
    newcomer(
        "yuki.tanaka",
        "Yuki Tanaka",
        municipality="Billund",
        age_group=2,
        household="single",
        languages={"ja": "native", "en": "fluent"},
        professions=("Design & architecture",),
        interests=("Photography", "Hiking", "Coffee", "Art", "Knitting & crafts"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=8,
        about="Toy designer from Osaka, new in Billund. I take my camera "
        "everywhere and knit when it rains (so, often). I would like a friend who "
        "can show me Danish nature and maybe teach me to say 'rødgrød med fløde'.",
    ),
    newcomer(
        "oleksandra.shevchenko",
        "Oleksandra Shevchenko",
        municipality="Vejle",
        age_group=3,
        household="family",
        languages={
            "uk": "native",
            "ru": "fluent",
            "en": "conversational",
            "da": "learning",
        },
        children=("6_12", "13_17"),
        professions=("Finance & banking",),
        interests=("Cooking", "Reading", "Dancing", "Nature", "Family outings"),
        hopes=("Friendship", "Practical help", "Danish practice"),
        arrived_weeks_ago=22,
        about="Accountant from Kharkiv, in Vejle with my two daughters (11 and 14). "
        "The girls are at school and doing well; I want to improve my Danish so I "
        "can work in my profession again. We love to cook borscht for friends.",
    ),
    newcomer(
        "thomas.muller",
        "Thomas Müller",
        municipality="Sønderborg",
        age_group=3,
        household="couple",
        languages={"de": "native", "en": "fluent", "da": "conversational"},
        professions=("Engineering", "Energy & climate"),
        interests=("Sailing", "Cycling", "Wine & beer", "Hiking", "History"),
        hopes=("Friendship", "Professional network"),
        arrived_weeks_ago=12,
        about="Power electronics engineer from Hamburg. My partner Lena and I moved "
        "to Sønderborg for my job. We read Danish well but speaking is another "
        "story. We sail, cycle and like a good craft beer.",
    ),
    newcomer(
        "wei.zhang",
        "Wei Zhang",
        municipality="Lyngby-Taarbæk",
        age_group=2,
        household="single",
        languages={"zh": "native", "en": "fluent", "da": "learning"},
        professions=("Research & academia",),
        interests=("Badminton", "Cooking", "Board games", "Hiking", "Music"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=4,
        employer="DTU",
        about="Postdoc in biotech at DTU, from Chengdu. I play badminton (very "
        "seriously) and cook spicy food (very spicy). Looking for friends outside "
        "the lab and someone to help me understand Danish humour.",
    ),
    newcomer(
        "maria.santos",
        "Maria Santos",
        municipality="København",
        age_group=2,
        household="couple",
        languages={
            "pt": "native",
            "en": "fluent",
            "es": "conversational",
            "da": "learning",
        },
        professions=("Homemaker / accompanying partner", "Media & communication"),
        interests=("Yoga", "Photography", "Cooking", "Beach", "Languages"),
        hopes=("Friendship", "Danish practice", "Professional network"),
        arrived_weeks_ago=9,
        about="Journalist from Lisbon who followed her husband's job to "
        "Copenhagen. While I look for work I study Danish three mornings a week. "
        "I would love a friend to practise with, and tips on where to swim.",
    ),
    newcomer(
        "david.okafor",
        "David Okafor",
        municipality="Aarhus",
        age_group=2,
        household="single",
        languages={"en": "native", "da": "learning"},
        professions=("Software & IT",),
        interests=("Football", "Fitness", "Music", "Gaming", "Travel"),
        hopes=("Friendship", "Professional network"),
        arrived_weeks_ago=16,
        about="Data engineer from Lagos via London, new in Aarhus. I play five-a-"
        "side on Wednesdays and would love a Danish friend to watch a match with. "
        "Trying to learn Danish, but everyone switches to English!",
    ),
    newcomer(
        "elena.popescu",
        "Elena Popescu",
        municipality="Kolding",
        age_group=3,
        household="family",
        languages={
            "ro": "native",
            "en": "fluent",
            "it": "conversational",
            "da": "learning",
        },
        children=("0_5",),
        professions=("Logistics & shipping",),
        interests=(
            "Playgrounds & parks",
            "Baking",
            "Family outings",
            "Reading",
            "Gardening",
        ),
        hopes=("Family activities", "Friendship"),
        arrived_weeks_ago=5,
        about="Supply chain planner from Cluj. My daughter Ioana is three and "
        "started vuggestue last week; we are both tired and happy. We would love "
        "to meet a family with small children and learn about Danish traditions.",
    ),
    newcomer(
        "rahul.nair",
        "Rahul & Divya Nair",
        municipality="Kalundborg",
        age_group=3,
        household="family",
        languages={
            "ml": "native",
            "en": "fluent",
            "hi": "conversational",
            "da": "learning",
        },
        children=("6_12",),
        professions=("Life sciences & pharma", "Homemaker / accompanying partner"),
        interests=("Cooking", "Nature", "Board games", "Family outings", "Chess"),
        hopes=("Family activities", "Danish practice", "Friendship"),
        arrived_weeks_ago=18,
        about="We came from Kochi for Rahul's job at the pharma plant. Our son "
        "Aditya (8) plays chess better than both of us. Divya is a trained "
        "teacher and is learning Danish to work here. We love long walks and "
        "cooking for friends.",
    ),
    newcomer(
        "sophie.martin",
        "Sophie Martin",
        municipality="Frederiksberg",
        age_group=2,
        household="single",
        languages={"fr": "native", "en": "fluent", "da": "conversational"},
        professions=("Design & architecture",),
        interests=("Art", "Cinema", "Coffee", "Cycling", "Theatre"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=11,
        about="Architect from Lyon working on a housing project in Copenhagen. I "
        "cycle everywhere and draw the buildings I like. Looking for someone to "
        "share exhibitions and the odd glass of wine, in Danish if you are "
        "patient.",
    ),
    newcomer(
        "ahmet.yilmaz",
        "Ahmet Yılmaz",
        municipality="Herning",
        age_group=3,
        household="family",
        languages={
            "tr": "native",
            "en": "fluent",
            "de": "conversational",
            "da": "learning",
        },
        children=("6_12", "13_17"),
        professions=("Engineering",),
        interests=("Football", "Fishing", "Cooking", "Family outings", "DIY"),
        hopes=("Family activities", "Practical help"),
        arrived_weeks_ago=25,
        about="Mechanical engineer from Izmir, now in Herning with my wife and two "
        "boys. We love football and barbecues. We would like help with the "
        "practical things, and a family to share a meal with.",
    ),
    newcomer(
        "ingrid.larsen",
        "Ingrid Larsen",
        municipality="Aarhus",
        age_group=4,
        household="couple",
        languages={
            "no": "native",
            "en": "fluent",
            "sv": "fluent",
            "da": "conversational",
        },
        professions=("Health care",),
        interests=("Hiking", "Winter swimming", "Choir", "Reading", "Nature"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=7,
        about="Psychologist from Bergen. Danish looks like Norwegian on paper and "
        "sounds like nothing I know. My husband and I hike, sing and read a lot. "
        "I hope to find someone who will speak Danish to me, slowly.",
    ),
    newcomer(
        "nguyen.linh",
        "Linh Nguyen",
        municipality="Odense",
        age_group=1,
        household="single",
        languages={"vi": "native", "en": "fluent", "da": "learning"},
        professions=("Student", "Software & IT"),
        interests=("Baking", "Gaming", "Music", "Coffee", "Photography"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=3,
        about="Master's student in robotics from Hanoi, with a part-time job at a "
        "start-up. I bake bánh mì bread and cinnamon rolls (learning!). New in "
        "Odense and would really like a Danish friend.",
    ),
    newcomer(
        "carlos.rodriguez",
        "Carlos Rodríguez",
        municipality="Esbjerg",
        age_group=3,
        household="family",
        languages={"es": "native", "en": "fluent", "da": "learning"},
        children=("0_5", "6_12"),
        professions=("Energy & climate",),
        interests=("Football", "Beach", "Running", "Family outings", "Cooking"),
        hopes=("Family activities", "Friendship", "Practical help"),
        arrived_weeks_ago=15,
        about="Offshore wind technician from Bilbao. My wife Marta and our two "
        "kids arrived in Esbjerg last summer. We spend every free hour at the "
        "beach, even in November. Looking for a family to show us Danish "
        "traditions.",
    ),
    newcomer(
        "fatima.hassan",
        "Fatima Hassan",
        municipality="Aalborg",
        age_group=2,
        household="single",
        languages={
            "so": "native",
            "en": "fluent",
            "ar": "conversational",
            "da": "learning",
        },
        professions=("Research & academia",),
        interests=("Reading", "Volunteering", "Cooking", "Book clubs", "Nature"),
        hopes=("Friendship", "Danish practice", "Professional network"),
        arrived_weeks_ago=13,
        employer="Aalborg University",
        about="Public health researcher, grew up in Nairobi and studied in "
        "Manchester. I love books and long conversations over tea. I want to "
        "understand Denmark beyond the university and improve my Danish.",
    ),
    newcomer(
        "james.oconnor",
        "James O'Connor",
        municipality="København",
        age_group=4,
        household="couple",
        languages={"en": "native", "fr": "conversational", "da": "learning"},
        professions=("Finance & banking",),
        interests=("Running", "Sailing", "History", "Wine & beer", "Travel"),
        hopes=("Friendship", "Professional network"),
        arrived_weeks_ago=19,
        about="Irish, 47, moved from Dublin with my wife Niamh for a job at a "
        "shipping bank. Our kids are grown and back home. We run, sail when "
        "someone lets us, and like history, pubs and good company.",
    ),
    newcomer(
        "priya.raman",
        "Priya Raman",
        municipality="Aarhus",
        age_group=2,
        household="couple",
        languages={"ta": "native", "en": "fluent", "da": "learning"},
        professions=("Homemaker / accompanying partner", "HR & people"),
        interests=("Dancing", "Cooking", "Yoga", "Languages", "Volunteering"),
        hopes=("Friendship", "Danish practice", "Professional network"),
        arrived_weeks_ago=8,
        about="I came from Chennai with my husband, who works at a wind company. I "
        "was an HR manager at home and hope to work again here. I teach "
        "Bharatanatyam dance and would love to make Danish friends.",
    ),
    newcomer(
        "marco.rossi",
        "Marco Rossi",
        municipality="Roskilde",
        age_group=3,
        household="family",
        languages={"it": "native", "en": "fluent", "da": "learning"},
        children=("0_5",),
        professions=("Research & academia", "Life sciences & pharma"),
        interests=("Cooking", "Cycling", "Music", "Playgrounds & parks", "Coffee"),
        hopes=("Family activities", "Friendship"),
        arrived_weeks_ago=10,
        about="Chemist from Bologna, at a biotech company near Roskilde. My wife "
        "Giulia and our son Leo (2) love Danish playgrounds, which are the best in "
        "the world. We make fresh pasta on Sundays; come and help.",
    ),
    newcomer(
        "ana.silva",
        "Ana Silva",
        municipality="Vejle",
        age_group=2,
        household="single",
        languages={"pt": "native", "en": "fluent", "es": "fluent"},
        professions=("Sales & marketing",),
        interests=("Dancing", "Fitness", "Beach", "Travel", "Cinema"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=2,
        about="Brazilian from São Paulo, marketing specialist at a company in "
        "Vejle. It is my first winter ever and I have bought three coats. I would "
        "like a friend to show me what Danes do when it is dark at 4 pm.",
    ),
    newcomer(
        "kim.jisoo",
        "Ji-soo Kim",
        municipality="Lyngby-Taarbæk",
        age_group=2,
        household="couple",
        languages={"ko": "native", "en": "fluent", "da": "learning"},
        professions=("Research & academia",),
        interests=("Hiking", "Baking", "Photography", "Board games", "Coffee"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=17,
        employer="DTU",
        about="Materials scientist from Seoul, at DTU with my husband Min-ho. We "
        "walk in Dyrehaven every weekend and bake on rainy days. We would like "
        "Danish friends and someone to explain hygge properly.",
    ),
    newcomer(
        "pieter.devries",
        "Pieter de Vries",
        municipality="Horsens",
        age_group=4,
        household="family",
        languages={
            "nl": "native",
            "en": "fluent",
            "de": "fluent",
            "da": "conversational",
        },
        children=("13_17",),
        professions=("Construction & trades", "Entrepreneur"),
        interests=("Cycling", "Sailing", "DIY", "Football", "Family outings"),
        hopes=("Family activities", "Professional network"),
        arrived_weeks_ago=21,
        about="Dutch builder who started a small renovation company in Horsens. "
        "Our teenage daughter is finding her way at gymnasium. We are practical "
        "people who like to be outdoors and to know our neighbours.",
    ),
    newcomer(
        "amara.bekele",
        "Amara Bekele",
        municipality="Aarhus",
        age_group=2,
        household="family",
        languages={
            "am": "native",
            "en": "fluent",
            "ti": "conversational",
            "da": "learning",
        },
        children=("0_5",),
        professions=("Software & IT",),
        interests=("Coffee", "Cooking", "Running", "Playgrounds & parks", "Music"),
        hopes=("Family activities", "Friendship", "Danish practice"),
        arrived_weeks_ago=12,
        about="Software engineer from Addis Ababa. My husband and I have a "
        "two-year-old who loves the playground more than anything. We make real "
        "Ethiopian coffee, with the ceremony, and would love to share it.",
    ),
    newcomer(
        "lukas.novak",
        "Lukáš Novák",
        municipality="Silkeborg",
        age_group=2,
        household="single",
        languages={"cs": "native", "en": "fluent", "de": "conversational"},
        professions=("Engineering",),
        interests=("Hiking", "Fishing", "Nature", "Wine & beer", "Chess"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=9,
        about="Civil engineer from Brno, working on bridges. Silkeborg is perfect "
        "for me: lakes, forests and quiet. I fish, hike and play chess online "
        "late at night. Looking for a local friend and Danish practice.",
    ),
    newcomer(
        "hana.yamamoto",
        "Hana Yamamoto",
        municipality="Gentofte",
        age_group=4,
        household="couple",
        languages={"ja": "native", "en": "conversational", "da": "learning"},
        professions=("Homemaker / accompanying partner", "Arts & culture"),
        interests=("Art", "Gardening", "Knitting & crafts", "Museums", "Music"),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=23,
        about="I came with my husband, who works at an embassy. I paint "
        "watercolours and play the koto. My English is simple but I am trying, "
        "and I would love a friend to visit museums and gardens with.",
    ),
    newcomer(
        "daniel.cohen",
        "Daniel Cohen",
        municipality="København",
        age_group=2,
        household="single",
        languages={"he": "native", "en": "fluent", "da": "learning"},
        professions=("Software & IT", "Entrepreneur"),
        interests=("Running", "Tech & gadgets", "Coffee", "Cycling", "Cooking"),
        hopes=("Professional network", "Friendship"),
        arrived_weeks_ago=6,
        about="Founder of a small health-tech start-up from Tel Aviv, now in "
        "Copenhagen. I run by the lakes, drink too much coffee and want to "
        "understand how Danes build companies and friendships.",
    ),
    newcomer(
        "sara.haddad",
        "Sara Haddad",
        municipality="Aalborg",
        age_group=3,
        household="family",
        languages={"fa": "native", "en": "fluent", "da": "conversational"},
        children=("6_12",),
        professions=("Education & teaching",),
        interests=("Reading", "Swimming", "Board games", "Family outings", "Baking"),
        hopes=("Family activities", "Danish practice", "Friendship"),
        arrived_weeks_ago=24,
        about="Teacher from Shiraz; my husband is a researcher at the university. "
        "Our daughter Nika (9) swims and reads everything. We are already taking "
        "Danish classes and want to use them with a real Danish family.",
    ),
    newcomer(
        "tom.baker",
        "Tom Baker",
        municipality="Odense",
        age_group=5,
        household="couple",
        languages={"en": "native", "da": "learning"},
        professions=("Management & consulting", "Retired"),
        interests=(
            "Gardening",
            "Birdwatching",
            "History",
            "Walking football",
            "Wine & beer",
        ),
        hopes=("Friendship", "Danish practice"),
        arrived_weeks_ago=26,
        about="Englishman from Bristol who followed his Danish wife home after "
        "forty years in the UK. I am sixty-three and starting Danish from "
        "scratch, which is humbling. I garden, watch birds and like a pint.",
    ),
]

# The two people the demo logins belong to: complete profiles, both in Aarhus,
# sharing English and hiking, cooking and family outings, and never paired by the
# seed, so a person trying the site can ask one to match with the other.
DEMO_HOST_KEY = "anne.holm"
DEMO_NEWCOMER_KEY = "lucia.fernandez"
