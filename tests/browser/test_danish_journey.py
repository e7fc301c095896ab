"""A Danish host's whole way in, in Danish: she finds the site at /da/, signs
up, confirms her address from the e-mail, sets up her profile, gets a request
from a newcomer, accepts it and chats with her (two browsers, against a live
daphne server). Every page she sees and every e-mail she gets must be Danish:
no English (tests/browser/english_text.py), e-mail links to /da/. She acts as a
person does, by the Danish labels and roles on the page."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.utils.html import strip_tags
from playwright.sync_api import expect

from community.models import ProgrammeTexts
from tests.browser.bilingual_site import (
    IDEA_CATEGORIES,
    MEMBERS_WROTE,
    TRANSLATED_ENGLISH,
    make_bilingual_site,
    make_site_with_members,
    sign_in,
)
from tests.browser.english_text import english_in, page_text
from tests.browser.services import mails_to, outside_the_event_loop
from tests.browser.test_members_match import approve
from tests.factories import make_member, make_request

HOST_PASSWORD = "en-lang-og-usædvanlig-adgangssætning-42"
ADDRESS = "hanne.dansk@example.org"
ABOUT = "Vi elsker lange gåture ved bugten og at lave mad til venner om søndagen."
PRIYA_ABOUT = "New in Aarhus with my husband; I love sailing and long runs."
REQUEST = "Hi Hanne! We just moved to Aarhus and would love to learn to sail."
FIRST_WORDS = "Hej Priya! Velkommen til Aarhus. Skal vi mødes til kaffe på lørdag?"
ANSWER = "Thank you, Hanne! Saturday at 14 by the harbour is perfect."
TYPED = ("Hanne", "Priya", ADDRESS, ABOUT, PRIYA_ABOUT, REQUEST, FIRST_WORDS, ANSWER)
HER_INTERESTS = ("Sejlads", "Madlavning", "Vandreture")
# The English names of the members' interests, which have Danish names.
INTERESTS_IN_ENGLISH = ("Sailing", "Cooking", "Hiking", "Running", "Museums")
# The picnic's categories, which have Danish names (capitalised, as listed).
CATEGORIES_IN_ENGLISH = tuple(name.capitalize() for name in IDEA_CATEGORIES)
HAS_DANISH = TRANSLATED_ENGLISH + INTERESTS_IN_ENGLISH + CATEGORIES_IN_ENGLISH


def programme_texts() -> tuple[str, ...]:
    """The programme's texts members agree to, as a page shows them."""
    texts = ProgrammeTexts.objects.first() or ProgrammeTexts()
    return tuple(
        unescape(strip_tags(html)).strip()
        for html in (texts.community_guidelines, texts.expectation_statement)
    )


class DanishOnly:
    """Looks at every page the host's tab shows and every e-mail she gets, and
    remembers every English text it finds, with where."""

    def __init__(self, tab, *, typed=(), translated=()):
        self.tab = tab
        self.typed = typed
        self.translated = translated
        self.findings: list[str] = []
        self.checked: set[str] = set()
        self.visited: list[str] = []
        tab.on("framenavigated", self._navigated)

    def _navigated(self, frame) -> None:
        if frame == self.tab.main_frame and frame.url.startswith("http"):
            self.visited.append(frame.url.split("#")[0])

    def page(self, at: str) -> None:
        """Check the page the host is looking at, once it is at ``at`` (a
        pattern of its path)."""
        expect(self.tab).to_have_url(re.compile(rf"^[^/]+//[^/]+{at}(\?|#|$)"))
        self.tab.wait_for_load_state("load")
        url = self.tab.url
        language, text = page_text(self.tab)
        if language != "da" or not urlsplit(url).path.startswith("/da/"):
            self.findings.append(f"{url}: not a Danish page (lang={language!r})")
        for english in english_in(text, typed=self.typed, translated=self.translated):
            self.findings.append(f"{url}: {english}")
        self.checked.add(url.split("#")[0])

    def mail(self, message) -> None:
        """Check an e-mail to the host: Danish subject and body, marked as
        Danish, links to /da/."""
        subject = str(message["Subject"])
        where = f"e-mail {subject!r}"
        texts = [subject]
        for part in message.walk():
            body = part.get_content() if part.get_content_maintype() == "text" else ""
            for link in re.findall(r"https?://[^\s\"'<>]+", body):
                path = urlsplit(unescape(link)).path
                if not path.startswith(("/da/", "/static/", "/media/")):
                    self.findings.append(f"{where}: a link not to /da/: {link}")
            body = re.sub(r"https?://[^\s\"'<>]+", " ", body)
            if part.get_content_type() == "text/html":
                if not re.search(r'<html[^>]*\slang="da"', body):
                    self.findings.append(f'{where}: its HTML is not lang="da"')
                body = re.sub(r"(?s)<(style|head)\b.*?</\1>", " ", body)
                body = unescape(re.sub(r"<[^>]+>", "\n", body))
            texts.append(body)
        for english in english_in(
            "\n".join(texts), typed=self.typed, translated=self.translated
        ):
            self.findings.append(f"{where}: {english}")

    def assert_clean(self) -> None:
        unchecked = [url for url in self.visited if url not in self.checked]
        assert not unchecked, f"Pages the host saw but nobody checked: {unchecked}"
        assert not self.findings, (
            f"{len(self.findings)} English texts on the host's Danish pages and "
            "in her e-mails:\n" + "\n".join(self.findings)
        )


def path_of_link(message, pattern: str) -> str:
    """The path of the first link in the e-mail's text matching ``pattern`` (its
    host is the site's configured address, not the test server's)."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    return urlsplit(re.search(rf"https?://\S*{pattern}\S*", body)[0]).path


@pytest.fixture
def newcomer_tab(chromium, live_server_url):
    """``newcomer_tab(profile)``: a page in another browser, signed in."""
    tabs = []

    def open_as(profile):
        context = chromium.new_context(base_url=live_server_url)
        sign_in(context, live_server_url, profile)
        tabs.append(context.new_page())
        tabs[-1].set_default_timeout(15_000)
        return tabs[-1]

    yield open_as
    for tab in tabs:
        tab.goto("about:blank")
        tab.context.close()


def test_a_danish_host_signs_up_is_asked_accepts_and_chats_all_in_danish(
    page, newcomer_tab, outbox_dir
):
    outside_the_event_loop(make_bilingual_site)
    priya = outside_the_event_loop(
        make_member,
        role="newcomer",
        display_name="Priya",
        about=PRIYA_ABOUT,
        languages={"en": "native", "da": "learning"},
        interests=("Sailing", "Cooking", "Running"),
        household="couple",
        preferred_language="en",
    )
    host = page
    danish = DanishOnly(
        host,
        typed=TYPED,
        translated=HAS_DANISH,
    )

    # Hanne finds the Danish site and signs up.
    host.goto("/da/")
    danish.page(at="/da/")
    host.get_by_role("link", name="Opret konto").first.click()
    danish.page(at="/da/accounts/signup/")
    host.get_by_label("Dit fornavn eller kælenavn").fill("Hanne")
    host.get_by_label("E-mail").fill(ADDRESS)
    host.get_by_label("Adgangskode", exact=True).fill(HOST_PASSWORD)
    host.get_by_label("Adgangskode (igen)").fill(HOST_PASSWORD)
    host.get_by_label("Jeg har læst og accepterer").check()
    host.get_by_role("button", name="Opret konto").click()
    expect(host.get_by_role("heading", level=1)).to_contain_text("e-mail")
    danish.page(at="/da/accounts/confirm-email/")

    # The confirmation e-mail, in Danish, leads to the Danish site.
    (confirmation,) = mails_to(outbox_dir, ADDRESS)
    danish.mail(confirmation)
    host.goto(path_of_link(confirmation, "/accounts/confirm-email/"))
    danish.page(at="/da/accounts/confirm-email/[^/]+/")
    host.get_by_role("button", name="Bekræft min e-mailadresse").click()

    # Her profile, in four steps.
    danish.page(at="/da/me/setup/1/")
    expect(host.get_by_text("Trin 1 af 4")).to_be_visible()
    host.get_by_label("Vært (lokal frivillig)").check()
    host.get_by_label("Familie med børn").check()
    host.get_by_role("button", name="Gem og fortsæt").click()
    danish.page(at="/da/me/setup/2/")
    host.get_by_label("Kommune").select_option(label="Aarhus")
    host.get_by_label("Sprog 1").select_option(label="Dansk")
    host.get_by_label("Niveau").nth(0).select_option(label="Modersmål")
    host.get_by_label("Sprog 2").select_option(label="Engelsk")
    host.get_by_label("Niveau").nth(1).select_option(label="Flydende")
    host.get_by_role("button", name="Gem og fortsæt").click()
    danish.page(at="/da/me/setup/3/")
    for interest in HER_INTERESTS:
        host.get_by_label(interest, exact=True).check()
    host.get_by_role("button", name="Gem og fortsæt").click()
    danish.page(at="/da/me/setup/4/")
    host.get_by_label("1–2 gange om måneden").check()
    host.get_by_label("Om mig").fill(ABOUT)
    host.get_by_role("button", name="Gem og afslut").click()
    # She waits for a coordinator, who talks with her and approves her.
    danish.page(at="/da/me/")
    expect(host.get_by_text("En koordinator kontakter dig").first).to_be_visible()
    outside_the_event_loop(approve, ADDRESS)

    # Priya, in English in a browser of her own, finds Hanne and asks her.
    newcomer = newcomer_tab(priya)
    newcomer.goto("/members/")
    newcomer.get_by_role("main").get_by_role("link", name="Hanne").first.click()
    newcomer.get_by_role("link", name="Ask to match").click()
    newcomer.get_by_label("Your message").fill(REQUEST)
    newcomer.get_by_label("I have read and accept the programme's expectations").check()
    newcomer.get_by_role("button", name="Send request").click()
    expect(newcomer.get_by_role("main")).to_contain_text("Hanne")

    # Hanne sees it on her page and gets an e-mail, in Danish, that leads to it.
    badge = host.locator('[data-badge="requests"]')
    expect(badge).to_be_visible()
    danish.page(at="/da/me/")
    (_, asked) = mails_to(outbox_dir, ADDRESS)
    danish.mail(asked)
    host.goto(path_of_link(asked, "/requests/"))
    danish.page(at="/da/requests/")
    host.get_by_text("Læs programmets forventninger").click()
    host.get_by_label("Jeg har læst og accepterer programmets forventninger").check()
    host.get_by_role("button", name="Sig ja til Priya").click()
    danish.page(at=r"/da/matches/\d+/")

    # Their match, and the chat.
    host.get_by_role("link", name="Matches").first.click()
    danish.page(at="/da/matches/")
    host.get_by_role("main").get_by_role("link", name="Priya").first.click()
    danish.page(at=r"/da/matches/\d+/")
    host.get_by_role("link", name=re.compile("^Beskeder")).first.click()
    danish.page(at="/da/messages/")
    host.get_by_role("main").get_by_role("link", name="Priya").first.click()
    expect(host.locator("[data-chat-status]")).to_have_attribute("data-state", "live")
    danish.page(at=r"/da/messages/\d+/")
    host.get_by_label("Skriv til Priya").fill(FIRST_WORDS)
    host.get_by_role("button", name="Send").click()

    newcomer.goto("/messages/")
    newcomer.get_by_role("main").get_by_role("link", name="Hanne").first.click()
    expect(newcomer.get_by_role("log")).to_contain_text("Velkommen til Aarhus")
    expect(host.get_by_text("Set", exact=True)).to_be_visible()
    danish.page(at=r"/da/messages/\d+/")
    newcomer.get_by_label("Write to Hanne").fill(ANSWER)
    newcomer.get_by_role("button", name="Send").click()
    expect(host.get_by_role("log")).to_contain_text(ANSWER)
    danish.page(at=r"/da/messages/\d+/")

    # She logs out, and is back on the Danish home page.
    host.get_by_role("button", name="Log ud").click()
    danish.page(at="/da/")
    danish.assert_clean()


def test_every_page_type_reads_in_danish(chromium, live_server_url):
    """Beyond the journey: every kind of page, visitors' and a member's, at
    /da/ has no English (the same pages as the accessibility checks)."""
    site = outside_the_event_loop(make_site_with_members)
    findings = []
    for name, tab in site.visit_every_page(chromium, live_server_url, "da"):
        language, text = page_text(tab)
        if language != "da":
            findings.append(f"{name} {tab.url}: not a Danish page ({language!r})")
        for english in english_in(
            text,
            typed=MEMBERS_WROTE,
            translated=TRANSLATED_ENGLISH
            + INTERESTS_IN_ENGLISH
            + CATEGORIES_IN_ENGLISH,
        ):
            findings.append(f"{name} {tab.url}: {english}")
    assert not findings, f"{len(findings)} English texts:\n" + "\n".join(findings)


def _a_host_asked():
    make_bilingual_site()
    host = make_member(role="host", display_name="Hanne", capacity=2)
    make_request(make_member(role="newcomer", display_name="Priya"), host)
    return host


def test_the_programme_texts_are_danish_on_danish_pages(client):
    """The community guidelines at sign-up and the expectation statement a
    member accepts read in Danish on Danish pages (site settings, so their
    Danish lives beside the English in ProgrammeTexts)."""
    host = outside_the_event_loop(_a_host_asked)
    pages = {"/da/accounts/signup/": client.get("/da/accounts/signup/")}
    client.force_login(host.user)
    pages["/da/requests/"] = client.get("/da/requests/")
    english = {
        url: [
            text
            for text in programme_texts()
            if text in unescape(strip_tags(response.text))
        ]
        for url, response in pages.items()
    }
    assert english == {url: [] for url in pages}
    assert "Vær venlig og respektfuld" in pages["/da/accounts/signup/"].text
    assert "mødes en eller to gange om måneden" in pages["/da/requests/"].text


def test_activity_idea_categories_are_danish_on_danish_pages(client):
    _, danish = outside_the_event_loop(make_bilingual_site)
    english = {}
    for page in (danish.home, danish.idea_index, danish.idea):
        html = client.get(page.url).text
        categories = re.findall(r'class="tag[^"]*"[^>]*>([^<]+)<', html)
        categories += re.findall(r'<option value="[^"]+"[^>]*>([^<]+)<', html)
        english[page.url] = [
            name for name in categories if name.strip().lower() in IDEA_CATEGORIES
        ]
    assert english == {url: [] for url in english}
    assert "Udendørs" in client.get(danish.idea_index.url).text
