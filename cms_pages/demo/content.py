"""The demo site's texts, as data.

Drawn from the Danish government guide *5 trin mod et godt værtsprogram*
("5 steps to a good host programme") and rewritten in English for the people
the site is for: newcomers, hosts and the coordinator. People, e-mail
addresses and partner organisations are fictional (``*.example`` domains);
links to Danish authorities are their real public addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cms_pages.demo.stream import (
    Block,
    callout,
    document,
    faq,
    heading,
    image,
    links,
    paragraph,
    steps,
    tip,
)

# --- Images ------------------------------------------------------------------


@dataclass(frozen=True)
class ImageSpec:
    """A generated illustration: Pillow layers, a palette and its alt text."""

    key: str
    title: str
    layers: tuple[str, ...]
    palette: str
    alt: str
    seed: int = 1


IMAGES: list[ImageSpec] = [
    ImageSpec(
        "hero",
        "Velkomst: houses by the sea",
        ("sky", "sun", "sea", "sailboats", "shore", "houses"),
        "sea",
        "Illustration of small Danish houses by a calm sea with sailing boats "
        "under a warm sun.",
        seed=7,
    ),
    ImageSpec(
        "picnic",
        "Picnic in the park",
        ("sky", "sun", "hills", "park_trees", "picnic"),
        "summer",
        "Illustration of a striped picnic blanket with a basket under leafy "
        "trees on green hills.",
    ),
    ImageSpec(
        "zoo",
        "A day at the zoo",
        ("sky", "sun", "hills", "park_trees", "giraffe"),
        "morning",
        "Illustration of two giraffes among round trees on green hills on a "
        "bright morning.",
        seed=3,
    ),
    ImageSpec(
        "museum",
        "Museum visit",
        ("sky", "museum"),
        "city",
        "Illustration of a pale museum building with columns and a triangular roof.",
    ),
    ImageSpec(
        "tivoli",
        "Tivoli Gardens at night",
        ("sky", "moon", "ferris_wheel"),
        "evening",
        "Illustration of a lit-up Ferris wheel and strings of coloured lights "
        "against a night sky.",
    ),
    ImageSpec(
        "cooking",
        "Cooking together",
        ("sky", "table"),
        "warm",
        "Illustration of a kitchen table set with three plates of food and a "
        "steaming pot by the window.",
    ),
    ImageSpec(
        "sailing",
        "Sailing on the bay",
        ("sky", "sun", "sea", "sailboats"),
        "sea",
        "Illustration of three sailing boats with white sails on a blue bay.",
        seed=2,
    ),
    ImageSpec(
        "running",
        "Running in the woods",
        ("sky", "sun", "hills", "forest", "running_path"),
        "forest",
        "Illustration of two runners on a light path between fir trees.",
    ),
    ImageSpec(
        "citizen-service",
        "Citizen service in town",
        ("sky", "buildings"),
        "city",
        "Illustration of a row of town buildings with lit windows.",
        seed=4,
    ),
    ImageSpec(
        "school",
        "An international school",
        ("sky", "sun", "hills", "park_trees", "houses"),
        "morning",
        "Illustration of a few low buildings among trees on a sunny morning.",
        seed=5,
    ),
    ImageSpec(
        "talk",
        "A talk by other expats",
        ("sky", "speech"),
        "warm",
        "Illustration of two speech bubbles above a row of listening people.",
    ),
    ImageSpec(
        "network",
        "A network for partners",
        ("sky", "network"),
        "morning",
        "Illustration of coloured circles joined by lines, like a network of friends.",
        seed=11,
    ),
    ImageSpec(
        "hygge",
        "A hygge evening",
        ("sky", "snow", "candles"),
        "winter",
        "Illustration of four lit candles glowing on a winter evening with "
        "falling snow.",
    ),
    ImageSpec(
        "forest",
        "Autumn forest walk",
        ("sky", "hills", "forest", "mushrooms"),
        "autumn",
        "Illustration of an autumn forest of fir trees with red mushrooms in "
        "the foreground.",
        seed=6,
    ),
    ImageSpec(
        "library",
        "At the library",
        ("bookshelf",),
        "warm",
        "Illustration of full bookshelves with books in many colours.",
        seed=8,
    ),
    ImageSpec(
        "conversation",
        "Getting to know each other",
        ("sky", "sun", "hills", "speech"),
        "summer",
        "Illustration of two speech bubbles over people talking on a green hill.",
        seed=9,
    ),
]

# --- Documents ---------------------------------------------------------------

WELCOME_MANUAL_KEY = "welcome-manual"
WELCOME_MANUAL_TITLE = "Welcome manual"
WELCOME_MANUAL_FILE = "welcome-manual.pdf"

# --- People and partners -----------------------------------------------------

CONTACT_PERSON: dict[str, str] = {
    "name": "Mette Holm",
    "role": "Programme coordinator, Aarhus",
    "email": "mette.holm@velkomst.example",
    "phone": "+45 12 34 56 78",
    "languages": "English, Danish, German",
}

PARTNERS: list[dict[str, str]] = [
    {
        "name": "Nordlys Relocation",
        "kind": "company",
        "website": "https://nordlys-relocation.example.org/",
        "contact_name": "Camilla Krogh",
        "description": "A relocation firm that helps companies welcome "
        "international staff. It recruits Danish colleagues as host families "
        "and runs the start-up seminars where new hosts meet experienced ones.",
    },
    {
        "name": "Bugten Sailing Club",
        "kind": "club",
        "website": "https://bugten-sailing.example.org/",
        "contact_name": "Jens Lund",
        "description": "Volunteer sailors host newcomers on trial sails and "
        "bring them into club life. Sharing a boat makes it easy to start "
        "talking, and soon the talk is about everything else too.",
    },
    {
        "name": "Havnen Runners",
        "kind": "club",
        "website": "",
        "contact_name": "Sofie Dahl",
        "description": "A running club with beginner groups on Tuesday evenings. "
        "Its members run with newcomers and introduce them to Danish "
        "association life.",
    },
    {
        "name": "University of East Jutland, International Staff Office",
        "kind": "university",
        "website": "https://international.east-jutland-university.example.org/",
        "contact_name": "Anders Vestergaard",
        "description": "Brings foreign researchers and their partners into the "
        "programme, co-hosts the monthly welcome meeting and keeps an English "
        "welcome manual for new staff.",
    },
    {
        "name": "Aarhus Citizen Service (demo)",
        "kind": "municipality",
        "website": "",
        "contact_name": "Line Mortensen",
        "description": "The municipality's citizen service opens its doors for "
        "information visits, explains CPR registration and the health card, "
        "and lends rooms at the library for our meetings.",
    },
    {
        "name": "Language Bridge Association",
        "kind": "association",
        "website": "https://language-bridge.example.org/",
        "contact_name": "Helle Nygaard",
        "description": "Runs language cafés where newcomers practise Danish with "
        "volunteers, and a network for accompanying partners looking for work "
        "or study in Denmark.",
    },
]

# --- The home page -----------------------------------------------------------

HOME: dict[str, str] = {
    "title": "Welcome to Velkomst",
    "slug": "home",
    "seo_title": "Velkomst – local hosts for newcomers to Denmark",
    "search_description": "A host programme that matches volunteer Danish hosts "
    "with international employees and their families who have just arrived.",
    "hero_title": "Make friends in Denmark",
    "hero_text": "Velkomst matches volunteer Danish hosts with international "
    "employees and their families who have just arrived. Meet once or twice a "
    "month, cook together, go sailing, find your feet.",
    "hero_image_alt": "Illustration of small Danish houses by a calm sea with "
    "sailing boats under a warm sun.",
    "introduction": "<p>Moving to a new country is easier with a friend who "
    "knows how things work. Our hosts are Danes, often whole families, who "
    "share their city, their traditions and their network. Newcomers bring new "
    "friendships, language practice and a fresh look at Denmark. Everything "
    "here is <b>in English</b>, and our coordinator answers in English too.</p>",
    "host_cta_text": "Share your Denmark with a family who just arrived: one or "
    "two meetings a month for six months.",
    "newcomer_cta_text": "Just arrived? Meet a local host, find the authorities "
    "you need and come to our welcome meeting in English.",
}

# The home page's body takes information blocks (no steps block), so the
# four steps are an ordered list.
HOME_BODY: list[Block] = [
    heading("How it works"),
    paragraph(
        "<ol><li><b>Tell us about yourself</b>: your interests, languages, "
        "where you live and how much time you have.</li>"
        "<li><b>Agree on expectations</b>: both sides say what they hope for "
        "before we introduce you.</li>"
        "<li><b>Meet</b>: a walk, a meal, a trip to the museum, once or twice "
        "a month.</li>"
        "<li><b>Tell us how it goes</b>: we check in with every pair and find "
        "a new match if the chemistry is not there.</li></ol>"
    ),
    callout(
        "In English, please!",
        "<p>Everything on this site, every meeting and every message from the "
        "coordinator is in English. Danish is welcome, never required.</p>",
    ),
]

# --- Information pages -------------------------------------------------------


@dataclass(frozen=True)
class InfoPageSpec:
    """An InformationPage; ``children`` are InformationPages beneath it."""

    slug: str
    title: str
    introduction: str
    body: list[Block]
    search_description: str = ""
    show_in_menus: bool = True
    children: list[InfoPageSpec] = field(default_factory=list)


LIFE_IN_DENMARK = "https://lifeindenmark.borger.dk/"

AUTHORITY_LINKS: list[tuple[str, str, str]] = [
    (
        "Life in Denmark",
        LIFE_IN_DENMARK,
        "The official English portal for newcomers: CPR registration, the "
        "health insurance card, housing, tax, schools and much more.",
    ),
    (
        "International Citizen Service (ICS)",
        "https://icitizen.dk/",
        "One-stop service centres in Copenhagen, Aarhus, Odense and Aalborg "
        "where you register, get your CPR number and your tax card in one "
        "visit.",
    ),
    (
        "International House Copenhagen",
        "https://ihcph.kk.dk/",
        "Copenhagen's welcome centre for international citizens, with "
        "registration, advice and events in English.",
    ),
    (
        "New to Denmark (SIRI)",
        "https://www.nyidanmark.dk/en-GB",
        "The Danish Agency for International Recruitment and Integration: "
        "residence and work permits for you and your family.",
    ),
    (
        "Work in Denmark",
        "https://www.workindenmark.dk/",
        "The public employment service for international job seekers and "
        "accompanying partners, with job search help and courses.",
    ),
    (
        "The Danish Tax Agency (Skattestyrelsen)",
        "https://skat.dk/en-us",
        "Tax cards, your preliminary income assessment and your annual tax "
        "return, in English.",
    ),
    (
        "sundhed.dk",
        "https://www.sundhed.dk/",
        "The public health portal: find your doctor, see your records and book "
        "appointments.",
    ),
    (
        "MitID",
        "https://www.mitid.dk/en-gb/",
        "Denmark's digital ID, used to log in to banks, public services and "
        "your digital post.",
    ),
    (
        "borger.dk",
        "https://www.borger.dk/",
        "The citizen portal for all public self-service in Denmark (mostly in "
        "Danish; Life in Denmark is its English sister site).",
    ),
]

ABOUT = InfoPageSpec(
    slug="about-the-programme",
    title="About the programme",
    search_description="What a host programme is, the five steps it follows and "
    "who runs it.",
    introduction="Velkomst is a host programme: we match volunteer Danish hosts "
    "with international employees and the families who came with them, so "
    "newcomers get a Danish network from the start.",
    body=[
        heading("What is a host programme?"),
        paragraph(
            "<p>Most international employees arrive with a job but without a "
            "network. A host programme pairs each newcomer, and their partner "
            "and children, with a local host who volunteers to meet them once "
            "or twice a month. Together they go for walks, cook, visit a "
            "museum or try the host's sports club.</p>"
            "<p>The newcomer gets a friend who can explain how Denmark works. "
            "The host gets language practice, new friends and a fresh look at "
            "their own country. Hosts often tell us they have become better at "
            "saying what they mean, and at listening to what others mean.</p>"
        ),
        image(
            "conversation",
            "Illustration of two speech bubbles over people talking on a green hill.",
            "Shared interests make it easy to start talking.",
        ),
        heading("Five steps to a good programme"),
        paragraph(
            "<p>We follow five steps learned from the first Danish host "
            "programmes, described in the government guide <i>5 steps to a good "
            "host programme</i>:</p>"
            "<ol>"
            "<li><b>Start with partners.</b> Companies, clubs, a university, "
            "the municipality and associations help us find hosts and "
            "newcomers.</li>"
            "<li><b>Recruit with clear expectations.</b> Everyone knows the "
            "role, the responsibility and the time it takes before they join."
            "</li>"
            "<li><b>Communicate in one place, in English.</b> This website, a "
            "monthly welcome meeting and a named contact person.</li>"
            "<li><b>Listen, and suggest activities.</b> Social outings, "
            "information visits and shared interests.</li>"
            "<li><b>Plan for the long run.</b> Follow up on every pair and "
            "hand the programme on to partners who will keep it going.</li>"
            "</ol>"
        ),
        heading("Who runs it"),
        paragraph(
            "<p>A small team led by our programme coordinator runs Velkomst "
            "with our partners. The coordinator matches hosts and newcomers, "
            "answers questions in English by e-mail or phone, sends reminders "
            "before events and checks in with every pair.</p>"
        ),
        callout(
            "We follow up on every pair",
            "<p>After the first month and again after three months, we ask "
            "both of you, separately, whether you want to go on. If the "
            "chemistry is not there, that is nobody's fault: we find a new "
            "match.</p>",
        ),
        document(
            WELCOME_MANUAL_KEY,
            "Download the welcome manual",
            "How the programme works, being a host, your first weeks in "
            "Denmark and who to contact (PDF, 5 pages).",
        ),
    ],
)

BECOME_A_HOST = InfoPageSpec(
    slug="become-a-host",
    title="Become a host",
    search_description="What it means to be a Velkomst host: the role, the "
    "responsibility and the time it takes.",
    introduction="Share your Denmark with someone who just arrived. Here is what "
    "being a host involves, so you know what you say yes to.",
    body=[
        heading("Your role"),
        paragraph(
            "<p>A host is a friend and a guide to everyday Denmark, not a case "
            "worker. You invite your newcomer into your life: a Sunday walk, "
            "dinner with your family, your running club or your choir. You "
            "explain the things no website does: why Danes bring cake on their "
            "birthday, how to talk to the school, what <i>hygge</i> is.</p>"
        ),
        heading("Your responsibility"),
        paragraph(
            "<ul>"
            "<li>Keep in touch and keep the appointments you make.</li>"
            "<li>Say so early if you need a break, or if the match is not "
            "working.</li>"
            "<li>Point the way to the authorities and to the coordinator for "
            "questions about tax, permits or housing; you are not expected to "
            "solve them yourself.</li>"
            "<li>Respect your newcomer's privacy and choices.</li>"
            "</ul>"
        ),
        callout(
            "What we expect of hosts",
            "<ul>"
            "<li><b>Time:</b> one or two meetings a month, for at least six "
            "months, plus a short message now and then.</li>"
            "<li><b>Language:</b> enough English for a conversation.</li>"
            "<li><b>Start:</b> a one-hour introduction meeting with the "
            "coordinator.</li>"
            "</ul>",
            tone="important",
        ),
        heading("What hosts get"),
        paragraph(
            "<p>Hosts tell us about real friendships, better English or German, "
            "and insight into other cultures that they use at work. You also "
            "join a network of other host families, with events and ideas "
            "through the year.</p>"
            "<p><i>“The woman I host has become a real friend. We share thoughts "
            "about children and family, and it surprised me how alike we see "
            "many things in life.”</i> – a host from the first programmes</p>"
        ),
        heading("Agreeing on expectations"),
        paragraph(
            "<p>The most common reason a pair drifts apart is that expectations "
            "did not match: a host surprised by the effort, a newcomer "
            "disappointed that there is not more. So before we match you, both "
            "sides say what they hope for and how much time they can give, and "
            "agree to it. You can change it later, together.</p>"
        ),
        faq(
            "Questions hosts ask",
            [
                (
                    "Do I need to speak perfect English?",
                    "<p>No. Enough for a conversation is fine; many pairs mix "
                    "English and Danish, and newcomers are often glad to "
                    "practise Danish.</p>",
                ),
                (
                    "Can we host as a family?",
                    "<p>Yes, and it works well: children make friends quickly, "
                    "and newcomers with children see how a Danish family "
                    "lives.</p>",
                ),
                (
                    "Does it cost anything?",
                    "<p>No. Most of our activity ideas are free or cheap, and we "
                    "hold free events every month.</p>",
                ),
                (
                    "What if we do not get along?",
                    "<p>Tell the coordinator. We check in with every pair after "
                    "one and three months and find a new match when needed.</p>",
                ),
                (
                    "How are hosts and newcomers matched?",
                    "<p>On age, professional background, leisure interests, "
                    "where you live and the languages you speak.</p>",
                ),
            ],
        ),
    ],
)

FIRST_WEEKS = InfoPageSpec(
    slug="your-first-weeks",
    title="Your first weeks in Denmark",
    search_description="A practical checklist for newcomers: CPR number, health "
    "card, MitID, tax card, bank account and school.",
    introduction="A checklist for the practical steps most newcomers take in "
    "their first weeks. Your host can help you find your way; the authorities "
    "answer in English.",
    show_in_menus=False,
    body=[
        heading("In your first week"),
        paragraph(
            "<ol>"
            "<li><b>Register your address and get a CPR number</b>, the personal "
            "identification number you need for almost everything. Book a time "
            "at the International Citizen Service or your municipality's "
            "citizen service.</li>"
            "<li><b>Get your health insurance card</b> (the yellow card). It "
            "comes by post after registration and names your doctor.</li>"
            "<li><b>Create MitID</b>, the digital ID for banks and public "
            "services, and check your digital post.</li>"
            "</ol>"
        ),
        heading("In your first month"),
        paragraph(
            "<ul>"
            "<li>Get a tax card and check your preliminary income assessment.</li>"
            "<li>Open a bank account and register it as your NemKonto, where "
            "public payments and your salary arrive.</li>"
            "<li>Find childcare or a school; ask about international "
            "schools.</li>"
            "<li>Sign up for Danish lessons at a language centre.</li>"
            "</ul>"
        ),
        tip(
            "Bring your papers",
            "<p>For registration, bring your passport, your residence or EU "
            "registration document, your employment contract and your rental "
            "contract.</p>",
        ),
        links(
            "Where to do it",
            [
                AUTHORITY_LINKS[0],
                AUTHORITY_LINKS[1],
                AUTHORITY_LINKS[5],
                AUTHORITY_LINKS[7],
            ],
        ),
    ],
)

WELCOME_MEETINGS = InfoPageSpec(
    slug="welcome-meetings",
    title="Monthly welcome meetings",
    search_description="Our welcome meeting in English, every month, for "
    "newcomers, partners and hosts.",
    introduction="Every month we hold a welcome meeting in English for "
    "newcomers who have just arrived, their partners and our hosts.",
    show_in_menus=False,
    body=[
        paragraph(
            "<p>The meeting is usually on the first Tuesday of the month, from "
            "17:00 to 19:00, at Dokk1, the main library in Aarhus. We meet "
            "often enough that you can come soon after you arrive.</p>"
        ),
        heading("What happens"),
        paragraph(
            "<ul>"
            "<li>A short talk on the practical challenges of the first months: "
            "registration, health care, tax and schools.</li>"
            "<li>Newcomers who arrived a year ago share what they wish they had "
            "known.</li>"
            "<li>Coffee, cake and time to meet hosts and other newcomers.</li>"
            "</ul>"
        ),
        callout(
            "Sign up by replying to our e-mail",
            "<p>Before every meeting the coordinator e-mails all participants. "
            "Reply to sign up, so we know how much cake to buy. Partners and "
            "children are welcome.</p>",
        ),
    ],
)

NEW_IN_DENMARK = InfoPageSpec(
    slug="new-in-denmark",
    title="New in Denmark",
    search_description="Welcome information for newcomers and links to the "
    "Danish authorities you need in your first weeks.",
    introduction="Welcome! Here is what the programme offers you, and where to "
    "find the Danish authorities you will need in your first weeks.",
    body=[
        heading("Welcome"),
        paragraph(
            "<p>Moving to Denmark with a new job is exciting, and it can be "
            "lonely: Danes are friendly, but they rarely start talking to "
            "strangers in the street. They need a reason to make contact. Velkomst "
            "gives you one: a local host who meets you and your family once or "
            "twice a month, for at least six months.</p>"
        ),
        heading("What you can expect"),
        paragraph(
            "<ul>"
            "<li>A host matched on your interests, age, background, where you "
            "live and the languages you speak.</li>"
            "<li>A monthly welcome meeting in English.</li>"
            "<li>Events and ideas for things to do together.</li>"
            "<li>A named contact person who answers in English.</li>"
            "</ul>"
            "<p>Your host is a volunteer with a job and a family of their own. "
            "Before we match you, you both agree how often you will meet, so "
            "nobody is disappointed.</p>"
        ),
        callout(
            "Partners and children are welcome",
            "<p>The programme is for the whole family. Accompanying partners "
            "can also join our network for partners, with meetings about work, "
            "study and everyday life.</p>",
        ),
        heading("Practical information"),
        paragraph(
            "<p>These public services all have information in English. Start "
            "with Life in Denmark, the official portal for newcomers.</p>"
        ),
        links("The Danish authorities", AUTHORITY_LINKS),
        document(
            WELCOME_MANUAL_KEY,
            "Download the welcome manual",
            "Everything on this page and more, to read offline (PDF, 5 pages).",
        ),
    ],
    children=[FIRST_WEEKS, WELCOME_MEETINGS],
)

INFORMATION_PAGES: list[InfoPageSpec] = [ABOUT, BECOME_A_HOST, NEW_IN_DENMARK]

PARTNERS_PAGE: dict[str, str] = {
    "slug": "partners",
    "title": "Partners",
    "introduction": "Velkomst lives inside companies, clubs, a university, the "
    "municipality and associations. They find hosts and newcomers, lend us "
    "rooms and boats, and will keep the programme going in the years ahead. "
    "Would your organisation like to join? Write to our coordinator.",
}

# --- Activity ideas ----------------------------------------------------------

IDEA_INDEX: dict[str, str] = {
    "slug": "things-to-do-together",
    "title": "Things to do together",
    "introduction": "Ideas for hosts and newcomers, from a picnic to a visit to "
    "citizen service. Filter by category, or show only ideas that suit "
    "children.",
}


@dataclass(frozen=True)
class IdeaSpec:
    """An ActivityIdeaPage: facts for the filters and a how-to body."""

    slug: str
    title: str
    summary: str
    image: str
    tags: tuple[str, ...]
    cost_level: str
    season: str
    duration: str
    suits_children: bool
    body: list[Block]
    is_featured: bool = False


def _how_to(intro: str, how: list[str], tip_title: str, tip_text: str) -> list[Block]:
    return [
        paragraph(f"<p>{intro}</p>"),
        steps("How to do it", how),
        tip(tip_title, f"<p>{tip_text}</p>"),
    ]


IDEAS: list[IdeaSpec] = [
    IdeaSpec(
        slug="conversation-wheel",
        title="Start with the conversation wheel",
        summary="A simple way to get to know each other at your first meeting: "
        "draw what matters in your life and talk about it.",
        image="conversation",
        tags=("social",),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=False,
        is_featured=True,
        body=_how_to(
            "The first meeting can feel awkward. The conversation wheel gives "
            "you something to talk about that goes beyond the weather.",
            [
                "Each of you draws a circle and divides it into slices for the "
                "main parts of your life: family, work, friends, leisure.",
                "Make each slice as big as it feels right now.",
                "Swap wheels and ask about the biggest slice.",
                "Talk about what matters most to you, and what you miss from home.",
                "Keep the wheels: look at them again after a few months.",
            ],
            "Meet somewhere neutral",
            "A café or a walk is easier than a first dinner at home.",
        ),
    ),
    IdeaSpec(
        slug="picnic-in-the-park",
        title="Picnic in the park",
        summary="Pack a basket, find a sunny spot and let the children play. "
        "Each family brings one dish.",
        image="picnic",
        tags=("outdoors", "family", "food", "social"),
        cost_level="free",
        season="summer",
        duration="half_day",
        suits_children=True,
        is_featured=True,
        body=_how_to(
            "On a sunny day, half of Denmark is in the park. A picnic is "
            "relaxed, free and easy for children.",
            [
                "Pick a sunny weekend day and a park with a playground.",
                "Each family brings one dish: something Danish, something from home.",
                "Bring a blanket, water and a ball or a frisbee.",
                "Take your rubbish home or use the bins.",
            ],
            "Have a plan B",
            "Danish weather changes fast. Agree on a café nearby in case of rain.",
        ),
    ),
    IdeaSpec(
        slug="cook-together",
        title="Cook together",
        summary="Cook a Danish dish at the host's home, then one from the "
        "newcomer's country at theirs.",
        image="cooking",
        tags=("food", "social", "culture"),
        cost_level="low",
        season="all_year",
        duration="evening",
        suits_children=True,
        is_featured=True,
        body=_how_to(
            "Cooking in each other's homes is one of the easiest ways to become "
            "friends. Hands are busy, so the talk comes by itself.",
            [
                "Agree on two evenings: one at the host's, one at the newcomer's.",
                "First evening: cook a Danish classic together, such as "
                "frikadeller (meatballs) with potatoes, or open sandwiches.",
                "Shop together for the second evening: where do you find the "
                "ingredients from home?",
                "Second evening: the newcomer teaches a dish from their country.",
                "Write down both recipes and swap them.",
            ],
            "Ask about food rules",
            "Check allergies, vegetarian wishes and religious food rules "
            "before you shop.",
        ),
    ),
    IdeaSpec(
        slug="try-sailing",
        title="Try sailing at a club",
        summary="Many sailing clubs offer trial sails. Sharing a boat is the "
        "easiest way to start a conversation.",
        image="sailing",
        tags=("sport", "outdoors"),
        cost_level="free",
        season="summer",
        duration="half_day",
        suits_children=False,
        is_featured=True,
        body=_how_to(
            "“It is much easier to talk to Danes when you do something "
            "together,” a newcomer in a sailing club told us. “Soon we talk "
            "about everything else too.”",
            [
                "Ask a local sailing club about their open days or trial sails.",
                "Dress warmly in layers, with soft-soled shoes; the club lends "
                "life jackets.",
                "Sail with a club volunteer; no experience is needed.",
                "Stay for coffee in the clubhouse afterwards: that is where "
                "friendships start.",
            ],
            "Clubs are the way in",
            "Danes meet through associations. Joining a club is the quickest "
            "way into Danish life.",
        ),
    ),
    IdeaSpec(
        slug="run-with-a-running-club",
        title="Run with a running club",
        summary="Join a beginners' group at a running club. Running side by "
        "side makes it easy to talk.",
        image="running",
        tags=("sport", "outdoors", "social"),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=False,
        body=_how_to(
            "Running clubs welcome beginners, and most have a slow group where "
            "talking while running is the point.",
            [
                "Find a club with a beginners' group and ask if you can try a "
                "few times for free.",
                "Meet 15 minutes early so the host can introduce you.",
                "Run in the slow group and talk.",
                "Join the club if you like it: membership is usually cheap.",
            ],
            "Dark evenings",
            "From October to March, wear a head torch or a reflective vest.",
        ),
    ),
    IdeaSpec(
        slug="a-day-at-the-zoo",
        title="A day at the zoo",
        summary="A classic family outing, and a good first trip when the "
        "children are not yet sure about each other.",
        image="zoo",
        tags=("family", "outdoors"),
        cost_level="medium",
        season="all_year",
        duration="full_day",
        suits_children=True,
        body=[
            paragraph(
                "<p>Animals give children, and grown-ups, something to share "
                "before they share a language.</p>"
            ),
            steps(
                "How to do it",
                [
                    "Choose a zoo or a wildlife park near you and check the "
                    "opening hours.",
                    "Buy tickets online; children are often cheaper.",
                    "Bring packed lunches and plan a break at the playground.",
                    "Let each child pick one animal to find.",
                ],
            ),
            tip(
                "Ask about annual passes",
                "<p>If both families like it, an annual pass often pays for "
                "itself after two visits.</p>",
            ),
            links(
                "Find out more",
                [
                    (
                        "Copenhagen Zoo",
                        "https://www.zoo.dk/",
                        "Opening hours and tickets for Denmark's largest zoo.",
                    )
                ],
            ),
        ],
    ),
    IdeaSpec(
        slug="museum-visit",
        title="Visit a museum",
        summary="Museums tell the story of Denmark; your host can add their own "
        "family's story.",
        image="museum",
        tags=("culture", "family"),
        cost_level="low",
        season="all_year",
        duration="half_day",
        suits_children=True,
        body=_how_to(
            "Art museums, open-air museums with old town houses, Viking "
            "museums: there is one for every taste, and most have English "
            "texts.",
            [
                "Choose a museum together: what is the newcomer curious about?",
                "Check the free days; many museums have free entry for "
                "children and young people.",
                "Take your time in one room rather than rushing through all.",
                "Finish in the museum café and compare with museums back home.",
            ],
            "History with a personal touch",
            "Hosts: tell what your grandparents' everyday life looked like. "
            "It makes the exhibits come alive.",
        ),
    ),
    IdeaSpec(
        slug="tivoli-gardens",
        title="An evening in Tivoli Gardens",
        summary="The old amusement park in Copenhagen is magical at dusk, with "
        "lights, music and rides.",
        image="tivoli",
        tags=("family", "culture", "seasonal"),
        cost_level="high",
        season="summer",
        duration="evening",
        suits_children=True,
        body=[
            paragraph(
                "<p>Tivoli opened in 1843 and is a Danish institution. It is open "
                "in summer and again for Halloween and Christmas.</p>"
            ),
            steps(
                "How to do it",
                [
                    "Check the season's opening days and buy entry tickets online.",
                    "Decide in advance whether you want ride tickets or just "
                    "walk, eat and listen to the music.",
                    "Stay until dark, when the lights are switched on.",
                    "On Friday evenings in summer there are free concerts.",
                ],
            ),
            tip(
                "Share the cost",
                "<p>Entry and rides are expensive. Agree beforehand who pays "
                "for what, so nobody feels awkward.</p>",
            ),
            links(
                "Find out more",
                [
                    (
                        "Tivoli Gardens",
                        "https://www.tivoli.dk/",
                        "Opening days, tickets and concerts.",
                    )
                ],
            ),
        ],
    ),
    IdeaSpec(
        slug="visit-citizen-service",
        title="Visit citizen service together",
        summary="Go to the municipality's Borgerservice together: registration, "
        "the health card and digital post, explained.",
        image="citizen-service",
        tags=("information visit",),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=False,
        body=_how_to(
            "Borgerservice, the municipality's citizen service, handles "
            "registration, health cards, passports and much more. A first "
            "visit is easier with someone who has been there before.",
            [
                "Book a time online: most citizen services only take visitors "
                "by appointment.",
                "Bring your passport, residence document and rental contract.",
                "Let the newcomer do the talking; the host helps with Danish words.",
                "Have a coffee afterwards and go through the letters in digital "
                "post together.",
            ],
            "Group visits",
            "Our programme organises group information visits a few times a "
            "year. Watch the events page.",
        ),
    ),
    IdeaSpec(
        slug="visit-an-international-school",
        title="Visit an international school",
        summary="Parents with children: see an international school and a "
        "Danish folkeskole, and ask your questions.",
        image="school",
        tags=("information visit", "family"),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=True,
        body=_how_to(
            "Choosing a school is one of the biggest decisions for families "
            "who move. A host with children knows how Danish schools work.",
            [
                "Ask the schools for an open day or a visit.",
                "Visit both an international school and the local Danish "
                "school, the folkeskole.",
                "Ask about language support, after-school clubs (SFO) and "
                "waiting lists.",
                "Talk it over with the host's family afterwards.",
            ],
            "Ask early",
            "International schools often have waiting lists. Contact them as "
            "soon as you know you are moving.",
        ),
    ),
    IdeaSpec(
        slug="talk-by-other-expats",
        title="Hear other expats tell their story",
        summary="People who came a few years ago share what they wish they had "
        "known, and how they made Danish friends.",
        image="talk",
        tags=("information visit", "social"),
        cost_level="free",
        season="all_year",
        duration="evening",
        suits_children=False,
        body=_how_to(
            "Nobody knows the first year better than someone who has just "
            "lived it. Our talks by expats are among the best-attended events.",
            [
                "Look for talks on our events page or at International House.",
                "Go together: the host hears what newcomers find hard, too.",
                "Prepare one question each.",
                "Stay afterwards and talk to the speaker.",
            ],
            "Hosts learn too",
            "Hosts often say these evenings showed them their own country "
            "through new eyes.",
        ),
    ),
    IdeaSpec(
        slug="network-for-partners",
        title="Join the network for accompanying partners",
        summary="For partners who followed a job to Denmark: meet others in the "
        "same situation and talk about work, study and daily life.",
        image="network",
        tags=("social", "information visit"),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=False,
        body=[
            paragraph(
                "<p>Accompanying partners often leave a career behind. A "
                "network of people in the same situation helps with job "
                "search, Danish lessons and the days that feel long.</p>"
            ),
            steps(
                "How to do it",
                [
                    "Come to a network meeting; they are held in English.",
                    "Bring a CV if you are looking for work: volunteers give feedback.",
                    "Ask Work in Denmark about courses for partners.",
                    "Tell your host what kind of work you are looking for: "
                    "their network may help.",
                ],
            ),
            tip(
                "You are not alone",
                "<p>Many partners say the network was where they found their "
                "first friends in Denmark.</p>",
            ),
            links(
                "Find out more",
                [
                    (
                        "Work in Denmark",
                        "https://www.workindenmark.dk/",
                        "Job search help and courses for accompanying partners.",
                    )
                ],
            ),
        ],
    ),
    IdeaSpec(
        slug="christmas-hygge-evening",
        title="A Christmas hygge evening",
        summary="Make Christmas hearts, eat æbleskiver and learn what hygge "
        "means on a dark December evening.",
        image="hygge",
        tags=("seasonal", "food", "culture"),
        cost_level="low",
        season="winter",
        duration="evening",
        suits_children=True,
        body=_how_to(
            "December in Denmark is dark, and Danes make up for it with "
            "candles, gløgg and traditions. Share them.",
            [
                "Light candles and serve gløgg (mulled wine) and æbleskiver.",
                "Weave paper Christmas hearts together; children love it.",
                "Explain the Advent calendar, the Christmas lunch and dancing "
                "around the tree.",
                "Ask the newcomer about winter traditions from home.",
            ],
            "Invite them for Christmas",
            "Christmas is lonely far from family. An invitation to a Danish "
            "Christmas Eve is a gift few newcomers forget.",
        ),
    ),
    IdeaSpec(
        slug="forest-walk-and-mushroom-picking",
        title="Forest walk and mushroom picking",
        summary="Walk in the forest and pick berries or mushrooms, in season, "
        "with someone who knows which ones to eat.",
        image="forest",
        tags=("outdoors", "seasonal", "family"),
        cost_level="free",
        season="autumn",
        duration="half_day",
        suits_children=True,
        body=_how_to(
            "In Denmark you may pick berries and mushrooms for your own use in "
            "most public forests. Late summer and autumn are the best time.",
            [
                "Choose a public forest and a dry day.",
                "Bring a basket, a knife and good shoes.",
                "Pick only what you know; when in doubt, leave it.",
                "Cook what you found together, or bake a berry pie.",
            ],
            "Never eat an unknown mushroom",
            "Some Danish mushrooms are deadly. Ask an expert, or take a guided "
            "mushroom walk first.",
        ),
    ),
    IdeaSpec(
        slug="library-visit",
        title="Explore the library",
        summary="Danish libraries are free meeting places with books in many "
        "languages, events and playrooms for children.",
        image="library",
        tags=("culture", "family", "information visit"),
        cost_level="free",
        season="all_year",
        duration="short",
        suits_children=True,
        body=_how_to(
            "The public library is much more than books: language cafés, "
            "children's corners, free Wi-Fi, newspapers from around the world.",
            [
                "Get a library card with your CPR number; it is free.",
                "Find books in the newcomer's language and easy Danish books "
                "for learners.",
                "Ask about language cafés and children's story hours.",
                "Borrow e-books and audiobooks on your phone, too.",
            ],
            "Rainy Sunday plan",
            "Many libraries are open on Sundays and are a good plan B for "
            "families on a rainy day.",
        ),
    ),
]

# --- Events ------------------------------------------------------------------

EVENT_INDEX: dict[str, str] = {
    "slug": "events",
    "title": "Events",
    "introduction": "Welcome meetings, outings and talks for hosts and "
    "newcomers. Everything is in English unless we say otherwise. We also "
    "e-mail every participant before an event: reply to sign up.",
}

DOKK1 = ("Dokk1, the main library", "Hack Kampmanns Plads 2, 8000 Aarhus C")


@dataclass(frozen=True)
class EventSpec:
    """An EventPage. ``days_from_now`` is shifted to the next ``weekday``
    (0 = Monday) when given; times are local (Europe/Copenhagen)."""

    slug: str
    title: str
    summary: str
    days_from_now: int
    start: str
    end: str
    place_name: str
    address: str
    audience: str
    image: str
    description: list[Block]
    weekday: int | None = None
    language: str = "en"
    capacity: int | None = None
    winter: EventSpec | None = None
    """Used instead when the event falls in a winter month; same slug."""
    area: str = "midtjylland"  # EventPage.Area: the demo's events are in Aarhus


WINTER_MONTHS = (11, 12, 1, 2, 3)

INDOOR_PICNIC = EventSpec(
    slug="family-picnic",
    title="Indoor winter picnic at Dokk1",
    summary="Too cold for the park, so we picnic indoors: bring a dish to share. "
    "Games for the children, and a chance to meet other host families.",
    days_from_now=12,
    weekday=5,
    start="12:00",
    end="15:00",
    place_name="Dokk1, the family area on level 1",
    address="Hack Kampmanns Plads 2, 8000 Aarhus C",
    audience="families",
    image="picnic",
    description=[
        paragraph(
            "<p>Our picnic is the easiest way to meet the whole programme. In "
            "winter we move indoors. Each family brings one dish: something "
            "Danish or something from home. Blankets provided!</p>"
        ),
        tip(
            "Bring the children",
            "<p>The library's play areas are next door, and there will be "
            "paper hearts to make.</p>",
        ),
    ],
)

CLUB_WINTER_AFTERNOON = EventSpec(
    slug="sailing-afternoon",
    title="Winter afternoon at Bugten Sailing Club",
    summary="The boats are on land, but the clubhouse is open: learn knots and "
    "a little navigation, drink coffee and sign up for spring trial sails.",
    days_from_now=26,
    weekday=5,
    start="13:00",
    end="16:00",
    place_name="Bugten Sailing Club, the clubhouse",
    address="Marselisborg Havnevej, 8000 Aarhus C",
    audience="everyone",
    capacity=24,
    language="en-da",
    image="sailing",
    description=[
        paragraph(
            "<p>Danish sailing clubs keep busy in winter. The club's volunteers "
            "show you around the boats on land, teach a few knots and tell what "
            "a season in the club is like. Coffee and cake in the clubhouse.</p>"
        ),
        tip(
            "Spring trial sails",
            "<p>Sign up on the day for trial sails from May: no experience needed.</p>",
        ),
    ],
)


WELCOME_MEETING = {
    "slug_prefix": "welcome-meeting",
    "title": "Welcome meeting in English",
    "summary": "Our monthly welcome meeting for newcomers, partners and hosts: "
    "practical tips for the first months, coffee and new friends.",
    "start": "17:00",
    "end": "19:00",
    "place_name": DOKK1[0],
    "address": DOKK1[1],
    "audience": "everyone",
    "capacity": 60,
    "image": "talk",
    "count": 3,
    "description": [
        paragraph(
            "<p>Just arrived? Come to our welcome meeting in English. You will "
            "hear about the practical challenges of the first months, meet "
            "newcomers and hosts, and can ask the coordinator anything.</p>"
        ),
        heading("Programme"),
        paragraph(
            "<ul><li>17:00 Welcome and coffee</li>"
            "<li>17:15 Your first months: registration, health, tax and "
            "schools</li>"
            "<li>18:00 Questions, and time to meet hosts</li></ul>"
        ),
        callout(
            "Sign up",
            "<p>Reply to the e-mail from the coordinator, or write to "
            "mette.holm@velkomst.example. Partners and children are "
            "welcome.</p>",
        ),
    ],
}

EVENTS: list[EventSpec] = [
    EventSpec(
        slug="family-picnic",
        title="Picnic in the Botanical Garden",
        summary="Bring a blanket and a dish to share. Games for the children, "
        "and a chance to meet other host families.",
        days_from_now=12,
        weekday=5,
        start="12:00",
        end="15:00",
        place_name="The Botanical Garden, by the greenhouses",
        address="Peter Holms Vej, 8000 Aarhus C",
        audience="families",
        image="picnic",
        description=[
            paragraph(
                "<p>Our summer picnic is the easiest way to meet the whole "
                "programme. Each family brings one dish: something Danish or "
                "something from home.</p>"
            ),
            tip(
                "If it rains",
                "<p>We move into the café at the greenhouses. Check your e-mail "
                "on the morning of the picnic.</p>",
            ),
        ],
        winter=INDOOR_PICNIC,
    ),
    EventSpec(
        slug="guided-tour-of-den-gamle-by",
        title="Guided tour of Den Gamle By",
        summary="Walk through 400 years of Danish town life in the open-air "
        "museum, with a guide who speaks English.",
        days_from_now=20,
        weekday=6,
        start="11:00",
        end="13:30",
        place_name="Den Gamle By, the main entrance",
        address="Viborgvej 2, 8000 Aarhus C",
        audience="everyone",
        capacity=25,
        image="museum",
        description=[
            paragraph(
                "<p>Den Gamle By is an open-air museum of old Danish town "
                "houses, shops and workshops. Our guide shows how Danes lived "
                "from the 1600s to the 1970s, and hosts add their own family "
                "stories.</p>"
            ),
            callout(
                "Tickets",
                "<p>The programme pays the entry for newcomers. Hosts with an "
                "annual pass, please bring it.</p>",
            ),
        ],
    ),
    EventSpec(
        slug="sailing-afternoon",
        title="Sailing afternoon with Bugten Sailing Club",
        summary="Try sailing on the bay with the club's volunteers. No "
        "experience needed; life jackets are provided.",
        days_from_now=26,
        weekday=5,
        start="13:00",
        end="17:00",
        place_name="Bugten Sailing Club, the clubhouse",
        address="Marselisborg Havnevej, 8000 Aarhus C",
        audience="everyone",
        capacity=16,
        language="en-da",
        image="sailing",
        description=[
            paragraph(
                "<p>The club's volunteers take you out on the bay in small "
                "groups. Afterwards there is coffee in the clubhouse, where "
                "you can ask about membership.</p>"
            ),
            tip(
                "What to wear",
                "<p>Warm layers, a rain jacket and soft-soled shoes. It is "
                "always colder on the water.</p>",
            ),
        ],
        winter=CLUB_WINTER_AFTERNOON,
    ),
    EventSpec(
        slug="expats-tell-their-story",
        title="Talk: expats tell their story",
        summary="Three people who moved to Denmark in recent years tell what "
        "they wish they had known, and how they made Danish friends.",
        days_from_now=33,
        weekday=3,
        start="18:30",
        end="20:30",
        place_name="Navitas, the auditorium",
        address="Inge Lehmanns Gade 10, 8000 Aarhus C",
        audience="newcomers",
        capacity=80,
        image="talk",
        description=[
            paragraph(
                "<p>A researcher from Colombia, an engineer from India and an "
                "accompanying partner from Germany share their first year in "
                "Denmark: the surprises, the mistakes and what helped.</p>"
            ),
            paragraph(
                "<p>Hosts are very welcome: you will hear what newcomers find "
                "hard, and may see your own country through new eyes.</p>"
            ),
        ],
    ),
    EventSpec(
        slug="cooking-evening",
        title="Cooking evening: Denmark meets the world",
        summary="Hosts and newcomers cooked frikadeller and dishes from six "
        "countries together, and ate them all.",
        days_from_now=-21,
        weekday=3,
        start="17:30",
        end="21:00",
        place_name="Dokk1, the community kitchen",
        address=DOKK1[1],
        audience="everyone",
        capacity=30,
        image="cooking",
        description=[
            paragraph(
                "<p>Thirty hosts and newcomers cooked together: Danish "
                "meatballs, Tamil curry, Polish pierogi and more. Thank you to "
                "everyone who came; the recipes are in your inbox.</p>"
            ),
        ],
    ),
    EventSpec(
        slug="information-visit-citizen-service",
        title="Information visit to citizen service",
        summary="Staff from citizen service explained CPR registration, the "
        "health card, digital post and MitID, and answered questions.",
        days_from_now=-45,
        weekday=1,
        start="16:00",
        end="17:30",
        place_name="Borgerservice at Dokk1",
        address=DOKK1[1],
        audience="newcomers",
        capacity=40,
        image="citizen-service",
        description=[
            paragraph(
                "<p>A group of newcomers visited citizen service for an "
                "introduction in English. The slides are available from the "
                "coordinator.</p>"
            ),
        ],
    ),
]

# --- Site details (footer) ---------------------------------------------------

SITE_NAME = "Velkomst"

FOOTER_TEXT: dict[str, str] = {
    "organisation_name": "Velkomst host programme, Aarhus",
    "tagline": "Local hosts and newcomers to Denmark, meeting once or twice a month.",
    "address": "Velkomst host programme\nc/o Dokk1\nHack Kampmanns Plads 2\n"
    "8000 Aarhus C\nDenmark",
}

SITE_DETAILS: dict[str, str] = {
    "email": "hello@velkomst.example",
    "phone": "+45 12 34 56 78",
}

FOOTER_LINKS: list[tuple[str, str]] = [
    ("Life in Denmark", LIFE_IN_DENMARK),
    ("Work in Denmark", "https://www.workindenmark.dk/"),
    ("Our partners", "/partners/"),
]

# --- Accounts (local demo only) ----------------------------------------------

EDITOR = {
    "username": "editor",
    "password": "velkomst-editor",
    "email": "editor@velkomst.localhost",
    "first_name": "Erik",
    "last_name": "Editor",
}
ADMIN = {
    "username": "admin",
    "password": "velkomst-admin",
    "email": "admin@velkomst.localhost",
}
