"""The directory's filter form reads its tag lists from the cache: a tag that is
added, renamed, merged or deleted shows (or is gone) on the next page all the
same, values are checked exactly as strictly, and a warm cache spares the
queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from community.directory_tags import CACHE_NAME
from community.filters import MemberFilter
from community.models import InterestTag, LanguageTag, ProfessionTag, Profile
from community.services.tags import tag_get_or_create, tags_merge
from config import versioned_cache
from tests.factories import make_member

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("community:directory")
IGNORED = "Some filters were not understood and were ignored"
TAG_TABLES = re.compile(r'FROM "community_(languagetag|interesttag|professiontag)"')


def tick_boxes(html: str, name: str) -> dict[str, tuple[str, bool]]:
    """``value: (label, ticked)`` of the form's tick boxes called ``name``."""
    return {
        value: (label, bool(checked))
        for value, checked, label in re.findall(
            rf'<input type="checkbox" name="{name}" value="([^"]*)" '
            rf'id="id_{name}_\d+"( checked)?> ([^<]*)</label>',
            html,
        )
    }


def professions(html: str) -> dict[str, str]:
    """``slug: name`` of the professional background menu."""
    menu = re.search(r'<select name="profession"[^>]*>(.*?)</select>', html, re.S)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', menu[1]))


def listed(html: str) -> list[str]:
    return re.findall(r'class="card__link" href="/members/\d+/">([^<]*)</a>', html)


@pytest.fixture
def page(login):
    client = login(make_member(role="newcomer", display_name="Viewer"))

    def get(params=None) -> str:
        response = client.get(DIRECTORY, params or {})
        assert response.status_code == 200
        return response.content.decode()

    get()  # the tag rows are cached from here on
    return get


def test_a_new_curated_interest_is_offered_at_once(page):
    assert "knitting" not in tick_boxes(page(), "interests")

    tag_get_or_create(InterestTag, name="Knitting", curated=True)

    assert tick_boxes(page(), "interests")["knitting"] == ("Knitting", False)


def test_a_renamed_language_shows_its_new_name_at_once(page):
    english = LanguageTag.objects.get(code="en")
    english.name = "English (any accent)"
    english.save()

    html = page({"languages": "en"})

    assert tick_boxes(html, "languages")["en"] == ("English (any accent)", True)
    assert IGNORED not in html


def test_an_interest_taken_off_the_list_is_no_longer_offered(page):
    assert "hiking" in tick_boxes(page(), "interests")

    hiking = InterestTag.objects.get(slug="hiking")
    hiking.curated = False
    hiking.save()

    html = page()
    assert "hiking" not in tick_boxes(html, "interests")
    # Still an existing tag, so still accepted, and then shown ticked.
    html = page({"interests": "hiking"})
    assert tick_boxes(html, "interests")["hiking"] == ("Hiking", True)
    assert IGNORED not in html


def test_merged_interests_are_gone_from_the_form_and_refused(page):
    make_member(
        role="host", display_name="Walker", interests=["Walking", "Chess", "Yoga"]
    )
    walking = InterestTag.objects.get(slug="walking")
    walking.curated = True
    walking.save()
    cache.clear()  # so the rows below come from the cache whatever saves did
    assert "walking" in tick_boxes(page(), "interests")

    tags_merge(into=InterestTag.objects.get(slug="hiking"), merged=[walking])

    html = page({"interests": "walking"})
    assert "walking" not in tick_boxes(html, "interests")
    assert f"{IGNORED}: Likes any of." in html
    assert "Walker" in listed(page({"interests": "hiking"}))


def test_a_deleted_professional_background_is_refused(page):
    tag_get_or_create(ProfessionTag, name="Astronomy")
    cache.clear()
    assert "astronomy" in professions(page({"profession": "astronomy"}))

    ProfessionTag.objects.get(slug="astronomy").delete()

    html = page({"profession": "astronomy"})
    assert "astronomy" not in professions(html)
    assert f"{IGNORED}: Professional background." in html


def test_a_new_professional_background_is_offered_and_accepted_at_once(page):
    make_member(role="host", display_name="Stargazer", professions=["Astronomy"])

    html = page({"profession": "astronomy"})

    assert professions(html)["astronomy"] == "Astronomy"
    assert listed(html) == ["Stargazer"]


def test_an_interest_a_member_typed_in_can_be_chosen_and_shows_ticked(page):
    make_member(
        role="host", display_name="Rider", interests=["Unicycling", "Chess", "Yoga"]
    )
    slug = InterestTag.objects.get(name="Unicycling").slug

    html = page({"interests": [slug, "hiking"]})

    boxes = tick_boxes(html, "interests")
    assert boxes[slug] == ("Unicycling", True)
    assert boxes["hiking"] == ("Hiking", True)
    assert listed(html) == ["Rider"]


def test_one_unknown_language_among_known_ones_is_refused(page):
    html = page({"languages": ["en", "de", "xx"]})

    assert f"{IGNORED}: Speaks any of." in html
    assert not any(ticked for _label, ticked in tick_boxes(html, "languages").values())


def test_a_warm_cache_spares_the_tag_queries(page):
    params = {"languages": ["en", "de"], "interests": ["hiking"], "profession": ""}
    page(params)
    with CaptureQueriesContext(connection) as warm:
        page(params)
    versioned_cache.renew(CACHE_NAME)
    with CaptureQueriesContext(connection) as cold:
        page(params)

    def tag_queries(captured):
        return [q for q in captured.captured_queries if TAG_TABLES.search(q["sql"])]

    assert tag_queries(warm) == []
    assert len(tag_queries(cold)) == 1  # the rows, read once for the form and list
    assert len(warm.captured_queries) == len(cold.captured_queries) - 1


def _filter_set(viewer: Profile, query: str) -> MemberFilter:
    return MemberFilter(QueryDict(query), queryset=Profile.objects.all(), viewer=viewer)


def test_each_viewer_keeps_their_own_role_choices_and_filters():
    host = make_member(role="host", display_name="Host in Aarhus")
    newcomer = make_member(
        role="newcomer", display_name="Newcomer in Odense", municipality="Odense"
    )
    for_host = _filter_set(host, "role=all&radius=10")
    for_newcomer = _filter_set(newcomer, "role=all&radius=10")

    assert [value for value, *_ in for_host.choices()["role"]][:2] == [
        "newcomer",
        "host",
    ]
    assert [value for value, *_ in for_newcomer.choices()["role"]][:2] == [
        "host",
        "newcomer",
    ]
    assert list(for_host.form.fields["role"].choices)[0][0] == "newcomer"
    assert list(for_newcomer.form.fields["role"].choices)[0][0] == "host"
    # The distance is measured from each viewer's own home.
    assert [p.display_name for p in for_host.qs] == ["Host in Aarhus"]
    assert [p.display_name for p in for_newcomer.qs] == ["Newcomer in Odense"]


def test_labels_follow_the_language_of_each_page():
    viewer = make_member(role="newcomer")
    assert _filter_set(viewer, "").form  # the form class is built, in English
    with translation.override("da"):
        form = _filter_set(viewer, "").form
        assert str(form.fields["languages"].label) == "Taler et af disse sprog"
    assert str(form.fields["languages"].label) == "Speaks any of"


def test_renew_replaces_the_version_again_once_committed(
    django_capture_on_commit_callbacks,
):
    before = versioned_cache.version("test-thing")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        versioned_cache.renew("test-thing")
    renewed = versioned_cache.version("test-thing")
    for callback in callbacks:
        callback()

    assert renewed != before
    assert versioned_cache.version("test-thing") not in (before, renewed)
