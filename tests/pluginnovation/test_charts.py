"""The charts drawn on the server: bars in proportion, every value in the table."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from pluginnovation.site.charts import Bar, BarChart, ColumnChart, counts_in_order, years_filled


def chart(bars, kind=BarChart):
    return kind(title="Per region", bars=bars, label_heading="Region", unit="Antal", name="t")


def test_bars_are_in_proportion_and_the_longest_fills_the_area():
    drawn = list(chart([Bar("A", 10), Bar("B", 5), Bar("C", 0)]).drawn())
    assert [bar.width for bar in drawn] == [300, 150, 0]
    # Rows do not overlap: each bar starts below the previous one.
    assert drawn[0].y + drawn[0].height < drawn[1].y < drawn[2].y


def test_a_small_value_stays_visible_and_nothing_is_drawn_without_values():
    drawn = list(chart([Bar("A", 1000), Bar("B", 1)]).drawn())
    assert drawn[1].width == 1
    assert not chart([Bar("A", 0), Bar("B", 0)])
    assert not chart([])


def test_columns_stand_on_one_baseline_and_the_tallest_fills_the_height():
    columns = chart([Bar("2001", 4), Bar("2002", 2), Bar("2003", 0)], ColumnChart)
    drawn = list(columns.drawn())
    assert [column.height for column in drawn] == [64, 32, 0]
    assert {column.y + column.height for column in drawn} == {64}
    assert drawn[0].x < drawn[1].x < drawn[2].x < columns.width
    assert (columns.first_label, columns.last_label) == ("2001", "2003")


def test_the_accessible_summary_names_the_largest_value():
    assert chart([Bar("Skåne", 3), Bar("Jämtland", 7)]).summary == "Per region: Jämtland 7"


def test_years_between_the_first_and_the_last_are_counted_even_when_empty():
    assert years_filled({2003: 1, 2006: 2}) == [
        Bar("2003", 1),
        Bar("2004", 0),
        Bar("2005", 0),
        Bar("2006", 2),
    ]
    assert years_filled({}) == []


def test_counts_follow_the_given_order_with_labels_and_links():
    bars = counts_in_order({"b": 2}, ["a", "b"], labels={"a": "Ett"}, urls={"b": "?x=b"})
    assert bars == [Bar("Ett", 0), Bar("b", 2, "?x=b")]


def test_coordinates_are_written_with_a_decimal_point_in_swedish_too():
    # Three columns of 80 px: the second starts at 80 + 8.0 = 88.0 and is 21.3 px tall.
    columns = chart([Bar("2001", 3), Bar("2002", 1), Bar("2003", 0)], ColumnChart)
    columns.chart_width = 240
    with translation.override("sv"):
        html = render_to_string("components/bar_chart.html", {"chart": columns})
    numbers = re.findall(r' (?:x|y|width|height)="([^"]*)"', html)
    assert "21.3" in numbers and "88.0" in numbers
    assert not [number for number in numbers if "," in number]
