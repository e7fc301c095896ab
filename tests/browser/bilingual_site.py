"""A small site in English and Danish for the browser tests that read it in both
languages: the demo's kinds of pages made with ``tests.factories``, each
translated into Danish the way an editor does in wagtail-localize (every
segment, so what is English on a Danish page comes from the interface, never
from the content); and members whose pages have something on them."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from cms_pages.demo import stream
from cms_pages.demo.translate import translate_object
from cms_pages.models import ActivityCategory
from community.models import Match, Profile
from community.services.events import event_signup
from community.services.meetings import meeting_propose
from community.services.messaging import message_send
from community.services.safety import member_block
from tests.factories import (
    PASSWORD,
    REQUEST_MESSAGE,
    PartnerOrganisationFactory,
    make_event,
    make_event_index,
    make_home_page,
    make_idea,
    make_idea_index,
    make_image,
    make_information_page,
    make_match,
    make_member,
    make_partners_page,
    make_request,
)

# English → Danish, segment by segment, as a translator would write it.
DANISH = {
    # Home
    "Velkomst": "Velkomst",
    "velkomst-home": "hjem",
    "Make friends in Denmark": "Få venner i Danmark",
    "Local hosts meet people who have just moved here for work.": (
        "Lokale værter møder folk, der lige er flyttet hertil for at arbejde."
    ),
    "Share your Denmark with a family who just arrived.": (
        "Del dit Danmark med en familie, der lige er kommet."
    ),
    "Meet a local host, practise Danish and find your feet.": (
        "Mød en lokal vært, øv dit dansk og find dig til rette."
    ),
    "Friends from Aarhus on a bench by the harbour": (
        "Venner fra Aarhus på en bænk ved havnen"
    ),
    # Information page
    "Become a host": "Bliv vært",
    "become-a-host": "bliv-vaert",
    "What a host does, and what it takes.": "Hvad en vært gør, og hvad det kræver.",
    "How it works": "Sådan fungerer det",
    "You meet your newcomer once or twice a month.": (
        "Du mødes med din nytilkomne en eller to gange om måneden."
    ),
    "Time you need": "Den tid, du skal bruge",
    "About four hours a month for six months.": (
        "Cirka fire timer om måneden i seks måneder."
    ),
    "Questions hosts ask": "Spørgsmål, som værter stiller",
    "Do I need to speak English?": "Skal jeg kunne tale engelsk?",
    "Enough for a conversation; many pairs mix the two languages.": (
        "Nok til en samtale; mange par blander de to sprog."
    ),
    "Useful links": "Nyttige links",
    "Life in Denmark": "Livet i Danmark",
    "The official guide for newcomers.": "Den officielle guide til nytilkomne.",
    # Activity ideas
    "Activity ideas": "Aktivitetsidéer",
    "activity-ideas": "aktivitetsideer",
    "Things to do together.": "Ting, I kan lave sammen.",
    "Picnic in the park": "Picnic i parken",
    "picnic-in-the-park": "picnic-i-parken",
    "Each family brings one dish.": "Hver familie tager en ret med.",
    "Two families on a picnic blanket": "To familier på et picnictæppe",
    "How to do it": "Sådan gør I",
    "Pick a sunny Sunday.": "Vælg en solrig søndag.",
    "Meet at the lake.": "Mød hinanden ved søen.",
    # Events
    "Events": "Arrangementer",
    "events": "arrangementer",
    "Meet other hosts and newcomers.": "Mød andre værter og nytilkomne.",
    "Welcome meeting": "Velkomstmøde",
    "welcome-meeting": "velkomstmoede",
    "Dokk1, the main library": "Dokk1, hovedbiblioteket",
    "Coffee, cake and a first hello.": "Kaffe, kage og et første goddag.",
    "People talking over coffee": "Folk, der snakker over en kop kaffe",
    # Partners
    "Our partners": "Vores partnere",
    "partners": "partnere",
    "The organisations behind the programme.": "Organisationerne bag programmet.",
    "Bugten Sejlklub": "Bugten Sejlklub",
    "Welcomes its new international staff through the programme.": (
        "Byder sine nye internationale medarbejdere velkommen gennem programmet."
    ),
}


# The picnic's categories (page tags, as editors type them), and the Danish
# names an editor gives them under Activity categories.
IDEA_CATEGORIES = ["outdoors", "food"]
IDEA_CATEGORIES_DA = {"outdoors": "udendørs", "food": "mad"}

# What a Danish page must not show in English: the content above that has a
# Danish translation (its texts; slugs are only in addresses).
TRANSLATED_ENGLISH = tuple(
    english
    for english, danish in DANISH.items()
    if english != danish and english != english.lower().replace(" ", "-")
)


@dataclass
class BilingualSite:
    home: Page
    information: Page
    idea_index: Page
    idea: Page
    event_index: Page
    event: Page
    partners: Page

    def pages(self) -> dict[str, Page]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def translate(instance, locale: Locale):
    """Translate ``instance`` into Danish; every segment must have its Danish."""
    missing = translate_object(instance, locale, DANISH)
    assert missing == [], f"No Danish in the test's memory for {missing}"
    return instance.get_translation(locale)


def make_bilingual_site() -> tuple[BilingualSite, BilingualSite]:
    """The site in English and its Danish translation, page for page."""
    danish = Locale.objects.get(language_code="da")
    home = make_home_page(
        title="Velkomst",
        hero_image=make_image("Harbour"),
        hero_image_alt="Friends from Aarhus on a bench by the harbour",
    )
    information = make_information_page(
        home,
        title="Become a host",
        slug="become-a-host",
        introduction="What a host does, and what it takes.",
        show_in_menus=True,
        body=stream.resolve(
            [
                stream.heading("How it works"),
                stream.paragraph(
                    "<p>You meet your newcomer once or twice a month.</p>"
                ),
                stream.tip(
                    "Time you need", "<p>About four hours a month for six months.</p>"
                ),
                stream.faq(
                    "Questions hosts ask",
                    [
                        (
                            "Do I need to speak English?",
                            "<p>Enough for a conversation; many pairs mix the two "
                            "languages.</p>",
                        )
                    ],
                ),
                stream.links(
                    "Useful links",
                    [
                        (
                            "Life in Denmark",
                            "https://lifeindenmark.borger.dk/",
                            "The official guide for newcomers.",
                        )
                    ],
                ),
            ],
            images={},
            documents={},
        ),
    )
    idea_index = make_idea_index(home, show_in_menus=True)
    idea = make_idea(
        idea_index,
        title="Picnic in the park",
        summary="Each family brings one dish.",
        image=make_image("Picnic"),
        image_alt="Two families on a picnic blanket",
        suits_children=True,
        tags=IDEA_CATEGORIES,
        body=stream.resolve(
            [
                stream.steps(
                    "How to do it", ["Pick a sunny Sunday.", "Meet at the lake."]
                )
            ],
            images={},
            documents={},
        ),
    )
    for name, name_da in IDEA_CATEGORIES_DA.items():
        ActivityCategory.objects.filter(name=name).update(name_da=name_da)
    event_index = make_event_index(home, show_in_menus=True)
    event = make_event(
        event_index,
        title="Welcome meeting",
        start=timezone.now() + timedelta(days=10),
        image=make_image("Coffee"),
        image_alt="People talking over coffee",
        capacity=30,
    )
    partners = make_partners_page(home, show_in_menus=True)
    partner = PartnerOrganisationFactory(name="Bugten Sejlklub")

    english = BilingualSite(
        home=home,
        information=information,
        idea_index=idea_index,
        idea=idea,
        event_index=event_index,
        event=event,
        partners=partners,
    )
    translate(partner, danish)
    danish_pages = {
        name: translate(page, danish) for name, page in english.pages().items()
    }
    return english, BilingualSite(**danish_pages)


# What the members below wrote (names, profiles, messages): left as typed.
# Where and why Nadia suggests meeting Hanne.
MEETING_PLACE = "Dokk1, the café on the ground floor"
MEETING_NOTE = "I will wear a red scarf."
MEMBERS_WROTE = (
    "Hanne",
    "Nadia",
    "Omar",
    "Priya",
    "Bo",
    "Hej Hanne!",
    "Hej Nadia, velkommen!",
    "Happy to meet new people over coffee and a walk.",
    REQUEST_MESSAGE,
    MEETING_PLACE,
    MEETING_NOTE,
)


@dataclass
class SiteWithMembers:
    """The bilingual site and a host with something on every page of hers: a
    match with a conversation and a meeting suggested to her, a request
    waiting, an event she signed up for, a member she blocked."""

    english: BilingualSite
    danish: BilingualSite
    host: Profile
    match: Match
    asking: Profile

    def urls(self, language: str) -> dict[str, dict[str, str]]:
        """Every kind of page in ``language``, visitors' and the host's: kind →
        name → URL."""
        site = self.danish if language == "da" else self.english
        members = {
            "member home": ("community:home", ()),
            "member directory": ("community:directory", ()),
            "suggestions": ("community:suggested", ()),
            "a profile": ("community:profile_detail", (self.asking.pk,)),
            "requests": ("community:requests", ()),
            "matches": ("community:matches", ()),
            "a match": ("community:match_detail", (self.match.pk,)),
            "suggest a meeting": ("community:meeting_new", (self.match.pk,)),
            "conversations": ("community:conversations", ()),
            "a conversation": (
                "community:conversation",
                (self.match.conversation.pk,),
            ),
            "profile edit": ("community:profile_edit", ()),
            "my events": ("community:my_events", ()),
            "blocked members": ("community:blocked_list", ()),
        }
        with translation.override(language):
            return {
                "visitor": {
                    "home": site.home.url,
                    "information page": site.information.url,
                    "activity idea index": site.idea_index.url,
                    "activity idea": site.idea.url,
                    "event index": site.event_index.url,
                    "event": site.event.url,
                    "partners": site.partners.url,
                    "search results": reverse("search") + "?q=picnic",
                    "log in": reverse("account_login"),
                    "sign up": reverse("account_signup"),
                },
                "member": {
                    name: reverse(url_name, args=args)
                    for name, (url_name, args) in members.items()
                },
            }

    def visit_every_page(self, browser, base_url: str, language: str):
        """Open every kind of page in ``language`` in a new browser context,
        visitors' pages signed out, then the host's signed in; yield (name,
        tab) on each. JavaScript errors fail it, as a visitor would see them."""
        context = browser.new_context(base_url=base_url)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(f"{tab.url}: {error}"))
        tab.on(
            "console",
            lambda message: (
                problems.append(f"{tab.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        try:
            for kind, urls in self.urls(language).items():
                if kind == "member":
                    sign_in(context, base_url, self.host)
                for name, url in urls.items():
                    response = tab.goto(url)
                    assert response.status == 200, f"{name} {url}: {response.status}"
                    yield name, tab
        finally:
            tab.goto("about:blank")
            context.close()
        assert not problems, problems


def sign_in(context, base_url: str, profile) -> None:
    """Sign the browser ``context`` in as ``profile`` (a real log-in's cookie)."""
    client = Client()
    assert client.login(username=profile.user.username, password=PASSWORD)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": base_url,
            }
        ]
    )


def make_site_with_members() -> SiteWithMembers:
    """The bilingual site, with Hanne (a host) and the newcomers around her."""
    english, danish = make_bilingual_site()
    host = make_member(
        role="host",
        display_name="Hanne",
        languages={"da": "native", "en": "fluent"},
        interests=("Sailing", "Cooking", "Hiking"),
        household="family",
        capacity=2,
    )
    nadia = make_member(role="newcomer", display_name="Nadia")
    match = make_match(nadia, host)
    for sender, body in ((nadia, "Hej Hanne!"), (host, "Hej Nadia, velkommen!")):
        message_send(
            conversation_id=match.conversation.pk,
            sender=sender,
            body=body,
            client_id=uuid.uuid4(),
        )
    meeting_propose(
        match=match,
        by=nadia,
        starts_at=timezone.now() + timedelta(days=4),
        place=MEETING_PLACE,
        note=MEETING_NOTE,
    )
    asking = make_member(
        role="newcomer",
        display_name="Omar",
        interests=("Sailing", "Cooking", "Running"),
    )
    make_request(asking, host)
    make_member(
        role="newcomer",
        display_name="Priya",
        interests=("Hiking", "Cooking", "Museums"),
    )
    blocked = make_member(role="newcomer", display_name="Bo")
    member_block(blocker=host, blocked=blocked)
    event_signup(profile=host, event_id=english.event.pk, party_size=2)
    return SiteWithMembers(english, danish, host, match, asking)
