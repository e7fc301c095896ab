"""Odd addresses from visitors and bots get a normal page and a sentence, never an
error page: unknown categories, impossible page numbers, empty or huge searches."""

import pytest

from tests.factories import make_event, make_idea, make_information_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
NOT_VALID = "That page number is not valid, so here is the first page."


@pytest.fixture
def ideas(idea_index):
    make_idea(idea_index, title="Picnic by the lake", tags=["outdoors"])
    make_idea(idea_index, title="ARoS art museum", tags=["culture"])
    return idea_index


def _get(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.text


# --- Category filter ------------------------------------------------------------


def test_unknown_category_shows_all_ideas_and_says_why(client, ideas):
    html = _get(client, ideas.url, {"tag": "nope"})

    assert "There is no category called “nope”, so all ideas are shown." in html
    assert "Picnic by the lake" in html
    assert "ARoS art museum" in html


def test_category_with_a_script_tag_is_shown_as_text(client, ideas):
    html = _get(client, ideas.url, {"tag": SCRIPT})

    assert SCRIPT not in html
    assert f"There is no category called “{ESCAPED_SCRIPT}”" in html
    assert "Picnic by the lake" in html


def test_very_long_unknown_category_is_shortened_in_the_message(client, ideas):
    html = _get(client, ideas.url, {"tag": "x" * 5000})

    assert "There is no category called “" + "x" * 60 + "”" in html
    assert "x" * 61 + "”" not in html


def test_children_filter_with_an_odd_value_is_ignored(client, ideas):
    html = _get(client, ideas.url, {"children": "yes please"})

    assert "Picnic by the lake" in html
    assert "ARoS art museum" in html


# --- Page numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["99999999999999999999", "-1", "0", "abc", "1.5", ""]
)
def test_impossible_page_number_on_the_idea_list_gives_the_first_page(
    client, ideas, number
):
    html = _get(client, ideas.url, {"page": number})

    assert NOT_VALID in html
    assert "Picnic by the lake" in html


def test_page_number_past_the_end_gives_the_last_page(client, idea_index):
    for number in range(13):
        make_idea(idea_index, title=f"Idea {number:02d}")

    html = _get(client, idea_index.url, {"page": "7"})

    assert "There are only 2 pages, so here is the last one." in html
    assert "Idea 12" in html


def test_page_number_past_a_single_page_is_explained_in_good_english(client, ideas):
    html = _get(client, ideas.url, {"page": "5"})

    assert "so here is the last one." in html
    assert "There is only 1 page, so here is the last one." in html


def test_repeated_page_parameter_gives_a_normal_page(client, ideas):
    response = client.get(f"{ideas.url}?page=1&page=2")

    assert response.status_code == 200
    assert "Picnic by the lake" in response.text
    assert "so here is the last one." in response.text


@pytest.mark.parametrize("number", ["99999999999999999999", "-1", "abc"])
def test_impossible_page_number_on_the_event_list_gives_the_first_page(
    client, event_index, number
):
    make_event(event_index, title="Welcome meeting")

    html = _get(client, event_index.url, {"page": number})

    assert NOT_VALID in html
    assert "Welcome meeting" in html


@pytest.mark.parametrize("number", ["99999999999999999999", "-1", "abc"])
def test_impossible_page_number_on_search_results_gives_the_first_page(
    client, home_page, number
):
    make_information_page(home_page, title="Walrus facts")

    html = _get(client, "/search/", {"q": "walrus", "page": number})

    assert NOT_VALID in html
    assert "Walrus facts" in html


# --- Search ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_search_asks_for_words(client, home_page, query):
    html = _get(client, "/search/", {"q": query})

    assert "Type one or more words to search for." in html


def test_search_page_without_a_query_shows_just_the_form(client, home_page):
    html = _get(client, "/search/", {})

    assert "Type one or more words to search for." not in html
    assert 'name="q"' in html


def test_very_long_search_is_shortened_and_says_so(client, home_page):
    make_information_page(home_page, title="Hosts", introduction="Being a host.")

    html = _get(client, "/search/", {"q": "host " * 400})

    assert "Your search was long, so only its first 200 characters were used." in html
    assert ("host " * 60) not in html


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "100% _under_ \\back\\slash",
        "host AND OR NOT NEAR(",
        'unbalanced "quote',
        "star* ^caret (paren",
        "host:title -minus +plus",
    ],
)
def test_search_with_sql_and_query_syntax_characters_is_just_words(
    client, home_page, query
):
    make_information_page(home_page, title="Being a host")

    html = _get(client, "/search/", {"q": query})

    assert "No pages match" in html or "Being a host" in html


def test_search_with_html_is_shown_as_text(client, home_page):
    html = _get(client, "/search/", {"q": SCRIPT})

    assert SCRIPT not in html
    assert ESCAPED_SCRIPT in html
    assert "No pages match" in html


def test_search_with_a_null_character_does_not_fail(client, home_page):
    html = _get(client, "/search/", {"q": "host\x00name"})

    assert "No pages match" in html


def test_unknown_category_with_a_null_character_does_not_fail(client, ideas):
    html = _get(client, ideas.url, {"tag": "out\x00doors"})

    assert "so all ideas are shown." in html


@pytest.mark.parametrize("query", ['"', "'; --", "<>&%", "***"])
def test_search_of_punctuation_only_asks_for_words(client, home_page, query):
    html = _get(client, "/search/", {"q": query})

    assert "Search for words or numbers; punctuation is ignored." in html
