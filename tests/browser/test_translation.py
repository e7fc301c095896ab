"""An editor translates an English page into Danish in the Wagtail admin
(wagtail-localize: Translate → the segments → Publish in Danish), and a visitor
reads it at its Danish address and goes between the two languages."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Locale

from cms_pages.demo.translate import translate_object
from cms_pages.models import InformationPage
from tests.factories import (
    PASSWORD,
    make_account,
    make_home_page,
    make_information_page,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _translate_segment(page, danish: str) -> None:
    """Open the first segment still waiting for a translation, write the
    Danish and save it, as a translator does."""
    main = page.get_by_role("main")
    main.get_by_role("button", name="Translate", exact=True).first.click()
    main.get_by_role("textbox").fill(danish)
    main.get_by_role("button", name="Save", exact=True).click()
    expect(main.get_by_role("textbox")).to_have_count(0)


def test_editor_translates_a_page_and_visitors_read_it_in_danish(page, chromium):
    home = make_home_page(title="Velkomst", slug="velkomst-home")
    danish = Locale.objects.get(language_code="da")
    translate_object(home, danish, {"Velkomst": "Velkomst", "velkomst-home": "hjem"})
    swimming = make_information_page(
        home,
        title="Winter swimming",
        slug="winter-swimming",
        introduction="Where to take your first cold dip in Aarhus, and with whom.",
        show_in_menus=True,
    )
    editor = make_account(email="translator@velkomst.localhost")
    editor.groups.add(Group.objects.get(name="Editors"))

    # The editor logs in and asks for a Danish translation of the page.
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{swimming.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).first.click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("Danish").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("submitted for translation into Danish")).to_be_visible()

    # Segment by segment: what is untranslated shows the English and a button.
    _translate_segment(page, "Vinterbadning")
    _translate_segment(
        page, "Hvor du tager din første kolde dukkert i Aarhus, og med hvem."
    )
    page.get_by_role("tab", name="Promote").click()
    _translate_segment(page, "vinterbadning")
    page.get_by_role("button", name="Publish in Danish").click()
    expect(
        page.get_by_text(re.compile("published", re.IGNORECASE)).first
    ).to_be_visible()

    translation = InformationPage.objects.get(locale=danish, slug="vinterbadning")
    assert translation.live
    assert translation.translation_key == swimming.translation_key

    # A visitor reads it in Danish, with both languages announced.
    visitor = chromium.new_context(base_url=page.url.split("/admin/")[0])
    tab = visitor.new_page()
    response = tab.goto("/da/vinterbadning/")
    assert response.status == 200
    expect(tab.locator("html")).to_have_attribute("lang", "da")
    expect(tab.get_by_role("heading", level=1, name="Vinterbadning")).to_be_visible()
    expect(tab.get_by_text("første kolde dukkert")).to_be_visible()
    base = tab.url.split("/da/")[0]
    expect(tab.locator('link[rel="alternate"][hreflang="da"]')).to_have_attribute(
        "href", f"{base}/da/vinterbadning/"
    )
    expect(tab.locator('link[rel="alternate"][hreflang="en"]')).to_have_attribute(
        "href", f"{base}/winter-swimming/"
    )
    expect(
        tab.locator('link[rel="alternate"][hreflang="x-default"]')
    ).to_have_attribute("href", f"{base}/winter-swimming/")
    expect(
        tab.get_by_role(
            "navigation", name=re.compile("menu", re.IGNORECASE)
        ).get_by_role("link", name="Vinterbadning")
    ).to_be_visible()

    # The language link goes to the English page, and back.
    english_link = tab.get_by_role("link", name="English")
    expect(english_link).to_have_attribute("hreflang", "en")
    expect(english_link).to_have_attribute("lang", "en")
    english_link.click()
    expect(tab).to_have_url(f"{base}/winter-swimming/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.get_by_role("heading", level=1, name="Winter swimming")).to_be_visible()
    tab.get_by_role("link", name="Dansk").click()
    expect(tab).to_have_url(f"{base}/da/vinterbadning/")
    expect(tab.get_by_role("heading", level=1, name="Vinterbadning")).to_be_visible()
    visitor.close()
