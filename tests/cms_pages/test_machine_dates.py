"""``<time datetime>`` values the HTML standard accepts: to the second, with
the offset of the site's time zone (cms_pages/templatetags/machine_dates.py)."""

import re
from datetime import UTC, date, datetime, timedelta

from django.template import Context, Template
from django.utils import timezone

from tests.factories import make_event, make_event_index

DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def render(value) -> str:
    template = Template("{% load machine_dates %}{{ value|machine_datetime }}")
    return template.render(Context({"value": value}))


def test_a_moment_is_given_to_the_second_in_the_sites_time_zone():
    moment = datetime(2026, 12, 4, 16, 0, 0, 123456, tzinfo=UTC)
    assert render(moment) == "2026-12-04T17:00:00+01:00"  # Europe/Copenhagen


def test_a_day_and_nothing_else():
    assert render(date(2026, 12, 4)) == "2026-12-04"
    assert render(None) == ""
    assert render("not a date") == ""


def test_event_pages_give_valid_datetime_values(client, home_page):
    index = make_event_index(home_page)
    start = timezone.now().replace(microsecond=654321) + timedelta(days=3)
    event = make_event(index, start=start)
    for url in (index.url, event.url):
        values = re.findall(r'<time[^>]* datetime="([^"]+)"', client.get(url).text)
        assert values
        assert all(DATETIME.match(value) for value in values), values
