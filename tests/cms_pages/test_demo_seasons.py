"""The demo events differ by season (the picnic moves indoors in winter, the
sailing afternoon becomes a visit to the clubhouse): whichever season the demo
is seeded in, every text of it has its Danish translation."""

from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import Locale

from cms_pages.demo import content, seed_demo_content
from cms_pages.demo.translate import translate_demo_content
from cms_pages.models import EventPage
from tests.cms_pages.test_seed_demo import _untranslated_segments

pytestmark = pytest.mark.django_db


def _season_not_now() -> date:
    today = timezone.localdate()
    if today.month in content.WINTER_MONTHS:
        return date(today.year, 7, 1)
    return date(today.year + 1, 1, 15)


def test_the_demo_events_of_the_other_season_are_translated_too(monkeypatch):
    other_season = _season_not_now()
    monkeypatch.setattr("cms_pages.demo.seed.timezone.localdate", lambda: other_season)
    seed_demo_content()

    report = translate_demo_content()

    danish = Locale.objects.get(language_code="da")
    assert report.created["Danish pages"] >= 20
    assert _untranslated_segments(danish) == []
    assert EventPage.objects.filter(locale=danish).count() == (
        EventPage.objects.filter(locale=Locale.get_default()).count()
    )
