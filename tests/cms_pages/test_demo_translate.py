"""The demo's Danish is made the way an editor's is (cms_pages/demo/translate.py),
also for a site seeded before list items had their own ids."""

import pytest
from wagtail.models import Locale

from cms_pages.demo.translate import list_items_in_block_format, translate_object
from tests.factories import make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish(home_page, idea_index):
    locale = Locale.objects.get(language_code="da")
    translate_object(home_page, locale, MEMORY)
    translate_object(idea_index, locale, MEMORY)
    return locale


MEMORY = {
    "velkomst-home": "hjem",
    "Activity ideas": "Aktivitetsidéer",
    "activity-ideas": "aktivitetsideer",
    "Things to do together.": "Ting I kan lave sammen.",
    "Picnic": "Picnic",
    "picnic": "picnic",
    "Something a host and a newcomer can do together.": "Noget at lave sammen.",
    "How to do it": "Sådan gør I",
    "Bring a blanket.": "Tag et tæppe med.",
}


def test_steps_stored_without_ids_are_translated_after_the_page_is_upgraded(
    idea_index, danish
):
    # Steps as seeded before: a plain list, which wagtail-localize skips.
    idea = make_idea(
        idea_index,
        title="Picnic",
        slug="picnic",
        body=[
            {
                "type": "steps",
                "value": {"title": "How to do it", "steps": ["Bring a blanket."]},
            }
        ],
    )

    list_items_in_block_format(idea)
    missing = translate_object(idea, danish, MEMORY)

    assert missing == []
    translation = idea.get_translation(danish)
    steps = next(
        block.value for block in translation.body if block.block_type == "steps"
    )
    assert list(steps["steps"]) == ["Tag et tæppe med."]
    assert translation.live


def test_an_english_text_the_memory_does_not_know_stays_english(idea_index, danish):
    idea = make_idea(idea_index, title="Picnic", slug="picnic", summary="Sun!")

    missing = translate_object(idea, danish, MEMORY)

    assert missing == ["Sun!"]
    assert idea.get_translation(danish).summary == "Sun!"
