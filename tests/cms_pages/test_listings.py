"""What visitors find on the listings: ideas by category, events by date, the
calendar file, partners by kind, and site search."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from cms_pages.models import ActivityCategory, PartnerOrganisation
from tests.factories import (
    PartnerOrganisationFactory,
    make_event,
    make_idea,
    make_information_page,
)

pytestmark = pytest.mark.django_db


# --- Activity ideas -------------------------------------------------------------


@pytest.fixture
def ideas(idea_index):
    return {
        "picnic": make_idea(
            idea_index,
            title="Picnic by the lake",
            tags=["outdoors", "food"],
            suits_children=True,
        ),
        "hike": make_idea(idea_index, title="Hike in Mols Bjerge", tags=["outdoors"]),
        "museum": make_idea(idea_index, title="ARoS art museum", tags=["culture"]),
        "beer": make_idea(idea_index, title="Craft beer tasting", tags=["food"]),
    }


def test_idea_index_shows_all_published_ideas(client, idea_index, ideas):
    make_idea(idea_index, title="Unfinished idea", publish=False)

    response = client.get(idea_index.url)

    assert response.status_code == 200
    for idea in ideas.values():
        assert idea.title in response.text
    assert "Unfinished idea" not in response.text
    assert "4 ideas" in response.text


def test_idea_index_filtered_by_tag_shows_only_ideas_with_that_tag(
    client, idea_index, ideas
):
    response = client.get(idea_index.url, {"tag": "outdoors"})

    assert response.status_code == 200
    assert "Picnic by the lake" in response.text
    assert "Hike in Mols Bjerge" in response.text
    assert "ARoS art museum" not in response.text
    assert "Craft beer tasting" not in response.text
    assert response.context["selected_category"].slug == "outdoors"


def test_idea_index_offers_only_categories_in_use(client, idea_index, ideas):
    make_idea(idea_index, title="Secret draft", tags=["draftonly"], publish=False)

    response = client.get(idea_index.url)

    slugs = [tag.slug for tag in response.context["categories"]]
    assert slugs == ["culture", "food", "outdoors"]
    assert 'value="draftonly"' not in response.text


def test_idea_categories_read_in_the_readers_language(client, idea_index, ideas):
    """A category's Danish name (Activity categories in the admin) is its label
    on Danish pages, sorted in Danish; English pages keep the name."""
    ActivityCategory.objects.filter(name="outdoors").update(name_da="udendørs")
    ActivityCategory.objects.filter(name="food").update(name_da="mad")
    with translation.override("da"):
        labels = [category.label for category in idea_index.categories()]
    assert labels == ["culture", "mad", "udendørs"]
    english = client.get(idea_index.url, {"tag": "outdoors"})
    labels = [category.label for category in english.context["categories"]]
    assert labels == ["culture", "food", "outdoors"]
    assert "udendørs" not in english.text


def test_idea_index_filtered_for_children_shows_only_family_ideas(
    client, idea_index, ideas
):
    response = client.get(idea_index.url, {"children": "1"})

    assert "Picnic by the lake" in response.text
    assert "Hike in Mols Bjerge" not in response.text
    assert "ARoS art museum" not in response.text


def test_idea_index_combines_tag_and_children_filters(client, idea_index, ideas):
    response = client.get(idea_index.url, {"tag": "food", "children": "1"})

    assert "Picnic by the lake" in response.text
    assert "Craft beer tasting" not in response.text


def test_idea_index_lists_featured_ideas_first(client, idea_index, ideas):
    make_idea(idea_index, title="Zoo visit", is_featured=True)

    response = client.get(idea_index.url)

    titles = [idea.title for idea in response.context["ideas"]]
    assert titles[0] == "Zoo visit"
    assert response.text.index("Zoo visit") < response.text.index("ARoS art museum")


def test_idea_index_pages_through_many_ideas(client, idea_index):
    for number in range(14):
        make_idea(idea_index, title=f"Idea number {number:02d}")

    first = client.get(idea_index.url)
    second = client.get(idea_index.url, {"page": "2"})

    assert "Idea number 11" in first.text
    assert "Idea number 12" not in first.text
    assert "Idea number 12" in second.text
    assert "Page 2 of 2" in second.text


# --- Events ---------------------------------------------------------------------


def _section(html: str, *, before: str | None = None, after: str | None = None):
    if after is not None:
        html = html[html.index(after) :]
    if before is not None:
        html = html[: html.index(before)]
    return html


def test_event_index_splits_upcoming_from_past_events(client, event_index):
    now = timezone.now()
    make_event(
        event_index, title="Spring welcome meeting", start=now + timedelta(days=3)
    )
    make_event(
        event_index,
        title="Ongoing harbour festival",
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=3),
    )
    make_event(event_index, title="Last winter's party", start=now - timedelta(days=60))

    response = client.get(event_index.url)

    assert response.status_code == 200
    upcoming = _section(response.text, after="Upcoming events", before="Past events")
    past = _section(response.text, after="Past events")
    assert "Spring welcome meeting" in upcoming
    assert "Ongoing harbour festival" in upcoming
    assert "Last winter's party" not in upcoming
    assert "Last winter&#x27;s party" in past
    assert "Spring welcome meeting" not in past


def test_event_index_lists_upcoming_events_soonest_first(client, event_index):
    now = timezone.now()
    make_event(event_index, title="Later outing", start=now + timedelta(days=30))
    make_event(event_index, title="Sooner outing", start=now + timedelta(days=2))

    response = client.get(event_index.url)

    assert response.text.index("Sooner outing") < response.text.index("Later outing")


def test_event_index_pages_through_past_events_newest_first(client, event_index):
    now = timezone.now()
    for number in range(12):
        make_event(
            event_index,
            title=f"Past outing {number:02d}",
            start=now - timedelta(days=10 + number),
        )

    first = client.get(event_index.url)
    second = client.get(event_index.url, {"page": "2"})

    assert first.text.index("Past outing 00") < first.text.index("Past outing 09")
    assert "Past outing 10" not in first.text
    assert "Past outing 10" in second.text
    assert "Past outing 11" in second.text


def test_event_index_says_so_when_nothing_is_coming_up(client, event_index):
    make_event(event_index, title="Old event", start=timezone.now() - timedelta(days=5))

    response = client.get(event_index.url)

    assert "No upcoming events yet" in response.text


def test_unpublished_event_is_not_listed(client, event_index):
    make_event(event_index, title="Hidden draft event", publish=False)

    response = client.get(event_index.url)

    assert "Hidden draft event" not in response.text


# --- Calendar file --------------------------------------------------------------


def test_event_calendar_file_describes_the_event(client, event_index):
    start = (timezone.now() + timedelta(days=10)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    event = make_event(
        event_index,
        title="Autumn welcome meeting",
        start=start,
        place_name="Dokk1",
        address="Hack Kampmanns Plads 2, 8000 Aarhus C",
    )

    response = client.get(event.ics_url())

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert "SUMMARY:Autumn welcome meeting" in body
    assert "DTSTART" in body
    assert "LOCATION:Dokk1\\, Hack Kampmanns Plads 2\\, 8000 Aarhus C" in body
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtstart") == start
    assert entry.decoded("dtend") == start + timedelta(hours=2)
    assert str(entry["url"]).endswith(event.url)


def test_calendar_file_of_a_draft_event_is_not_found(client, event_index):
    event = make_event(event_index, title="Draft event", publish=False)

    assert client.get(event.ics_url()).status_code == 404


def test_calendar_file_of_a_private_event_is_not_found(client, event_index):
    event = make_event(event_index, title="Board meeting")
    PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    assert client.get(event.ics_url()).status_code == 404


def test_calendar_file_of_an_event_below_a_private_index_is_not_found(
    client, event_index
):
    event = make_event(event_index, title="Members' dinner")
    PageViewRestriction.objects.create(
        page=event_index, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(event.ics_url()).status_code == 404


def test_calendar_file_of_a_page_that_is_not_an_event_is_not_found(client, home_page):
    page = make_information_page(home_page, title="About")

    assert client.get(f"/events/{page.pk}/calendar.ics").status_code == 404
    assert client.get("/events/999999/calendar.ics").status_code == 404


# --- Partners -------------------------------------------------------------------


def test_partners_page_groups_partners_by_kind(client, partners_page):
    PartnerOrganisationFactory(
        name="Aarhus University", kind=PartnerOrganisation.Kind.UNIVERSITY
    )
    PartnerOrganisationFactory(name="Vestas", kind=PartnerOrganisation.Kind.COMPANY)
    PartnerOrganisationFactory(name="Arla", kind=PartnerOrganisation.Kind.COMPANY)
    PartnerOrganisationFactory(
        name="Aarhus Municipality", kind=PartnerOrganisation.Kind.MUNICIPALITY
    )

    response = client.get(partners_page.url)

    assert response.status_code == 200
    html = response.text
    # Groups follow the order of PartnerOrganisation.Kind; empty kinds are left out.
    assert (
        html.index(">Company</h2>")
        < html.index(">University</h2>")
        < html.index(">Municipality</h2>")
    )
    assert ">Club</h2>" not in html
    companies = _section(html, after=">Company</h2>", before=">University</h2>")
    assert "Arla" in companies and "Vestas" in companies
    assert companies.index("Arla") < companies.index("Vestas")
    assert "Aarhus University" not in companies
    universities = _section(html, after=">University</h2>", before=">Municipality</h2>")
    assert "Aarhus University" in universities
    assert "Aarhus Municipality" in _section(html, after=">Municipality</h2>")


def test_partners_page_without_partners_says_so(client, partners_page):
    response = client.get(partners_page.url)

    assert "Our partners will be listed here soon." in response.text


# --- Search ---------------------------------------------------------------------


def test_search_finds_a_published_page_by_a_word_in_its_body(client, home_page):
    make_information_page(
        home_page,
        title="Registering with the authorities",
        introduction="How to get a CPR number and a yellow health card.",
    )

    response = client.get("/search/", {"q": "yellow"})

    assert response.status_code == 200
    assert "Registering with the authorities" in response.text
    assert "1 result for" in response.text


def test_search_does_not_find_drafts(client, home_page):
    make_information_page(
        home_page,
        title="Embargoed announcement",
        introduction="The zeppelin arrives next spring.",
        publish=False,
    )

    response = client.get("/search/", {"q": "zeppelin"})

    assert response.status_code == 200
    assert "Embargoed announcement" not in response.text
    assert "No pages match" in response.text


def test_search_does_not_find_private_pages(client, home_page):
    page = make_information_page(
        home_page, title="Board minutes", introduction="The walrus budget for 2026."
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/search/", {"q": "walrus"})

    assert "Board minutes" not in response.text


def test_search_finds_ideas_and_events(client, idea_index, event_index):
    make_idea(idea_index, title="Kayak on the bay", summary="Paddle with a guide.")
    make_event(event_index, title="Kayak club open day", summary="Try a kayak.")

    response = client.get("/search/", {"q": "kayak"})

    assert "Kayak on the bay" in response.text
    assert "Kayak club open day" in response.text
