"""The dashboard's charts: round axis steps, bars scaled to them, empty and
all-zero data, long labels, and labels that are never markup."""

from django.template.loader import render_to_string
from django.utils import translation

from community.coordination.charts import (
    Point,
    bar_chart,
    column_chart,
    nice_ticks,
    truncate,
)


def points(*values, prefix="Item"):
    return [Point(label=f"{prefix} {n}", value=v) for n, v in enumerate(values)]


def test_axis_steps_are_round_and_reach_the_largest_value():
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(13) == [0, 5, 10, 15]
    assert nice_ticks(48) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(101) == [0, 50, 100, 150]
    assert nice_ticks(1) == [0, 1]
    for maximum in (1, 2, 9, 11, 99, 250, 1234):
        ticks = nice_ticks(maximum)
        step = ticks[1]
        assert ticks[-1] >= maximum and ticks[-2] < maximum
        assert str(step).strip("0") in ("1", "2", "5")
        assert 2 <= len(ticks) <= 7


def test_an_empty_axis_still_has_a_scale():
    assert nice_ticks(0) == [0, 1]


def test_columns_are_scaled_to_the_axis_left_to_right():
    chart = column_chart(points(10, 5, 0))
    tallest, half, nothing = chart.bars
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8, 10]
    plot_height = chart.bottom - chart.top
    assert tallest.height == plot_height and tallest.y == chart.top
    assert half.height == plot_height / 2
    assert nothing.height == 0 and nothing.y == chart.bottom
    assert tallest.x + tallest.width < half.x < half.x + half.width < nothing.x
    assert chart.left <= tallest.x and nothing.x + nothing.width <= chart.right
    # Every value is written above its column.
    assert half.value_y < half.y
    assert chart.total == 15 and chart.highest is tallest


def test_tick_lines_sit_where_their_values_are():
    chart = column_chart(points(8, 3))
    zero, *_middle, top = chart.ticks
    assert zero.y1 == chart.bottom and top.y1 == chart.top
    assert top.value == 8 and chart.bars[0].y == top.y1


def test_no_data_and_all_zero_data_are_drawn_without_dividing_by_zero():
    empty = column_chart([])
    assert empty.is_empty and empty.total == 0 and empty.highest is None
    zeros = column_chart(points(0, 0, 0))
    assert not zeros.is_empty and zeros.all_zero
    assert [tick.value for tick in zeros.ticks] == [0, 1]
    assert all(bar.height == 0 for bar in zeros.bars)
    assert bar_chart([]).is_empty
    assert all(bar.width == 0 for bar in bar_chart(points(0, 0)).bars)


def test_negative_values_count_as_nothing():
    chart = column_chart(points(-3, 4))
    assert chart.bars[0].value == 0 and chart.bars[0].height == 0
    assert chart.total == 4


def test_lying_bars_stack_downwards_and_the_drawing_grows_with_them():
    two, four = bar_chart(points(6, 3)), bar_chart(points(6, 3, 1, 0))
    assert four.height > two.height
    first, second = two.bars
    assert first.y < second.y
    assert first.width == two.right - two.left  # 6 is the top of the 0–6 axis
    assert second.width == first.width / 2
    assert first.value_x > first.x + first.width


def test_long_labels_are_shortened_in_the_drawing_only():
    title = "Welcome meeting in English for newcomers and their families, December"
    (bar,) = bar_chart([Point(label=title, value=4)]).bars
    assert bar.label == title
    assert bar.short.endswith("…") and len(bar.short) <= 34
    assert title.startswith(bar.short[:-1])
    assert truncate("Short", 10) == "Short"
    assert truncate("  spaced \n out  ", 20) == "spaced out"
    assert truncate("abcdefghij", 5) == "abcd…"


def _render(chart, **context):
    return render_to_string(
        "community/admin/chart.html",
        {
            "chart": chart,
            "key": "test",
            "title": "Test chart",
            "summary": "What is counted.",
            "column": "What",
            "unit": "How many",
        }
        | context,
    )


def test_labels_are_text_never_markup():
    label = '<script>alert("hi")</script> Fish & Chips'
    html = _render(column_chart([Point(label=label, value=3, short=label)]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "Fish &amp; Chips" in html
    html = _render(bar_chart([Point(label=label, value=3, sub="<b>soon</b>")]))
    assert "<script>" not in html and "<b>" not in html


def test_the_drawing_is_an_image_with_a_title_a_description_and_a_table():
    html = _render(column_chart([Point("March 2026", 12), Point("April 2026", 30)]))
    assert 'role="img"' in html
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in html
    assert '<title id="chart-test-title">Test chart</title>' in html
    assert "42 in all; the most: April 2026, with 30." in html
    assert (
        '<th scope="row">March 2026</th><td class="dash-chart__count">12</td>' in html
    )
    assert "Nothing to show yet" in _render(column_chart([]))
    assert "Every value is 0 so far." in _render(column_chart([Point("May", 0)]))


def test_coordinates_are_not_localised():
    # Danish writes 12,5 for 12.5: an SVG would break.
    with translation.override("da"):
        html = _render(column_chart(points(3, 7, 1)))
    assert 'y="' in html
    for attribute in html.split('="')[1:]:
        value = attribute.split('"')[0]
        assert not (value.replace(",", "").isdigit() and "," in value)
