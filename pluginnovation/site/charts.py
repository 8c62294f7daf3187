"""Small bar charts drawn on the server as SVG, each with its numbers as a table.

Readers download no chart library and nothing is drawn by JavaScript: a view hands a
`BarChart` to `components/bar_chart.html`, which writes the SVG (with width and height, so
nothing shifts while the page loads) and a table of the same numbers for screen readers and
for anyone who wants the figures.

- `ColumnChart`: upright columns along a scale, such as works per year; only the first and
  the last label are written under the columns, the table holds them all.
- `BarChart`: one labelled bar per row, such as case studies per region.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    # Where choosing this bar leads (a filter), if anywhere.
    url: str = ""


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    x: float
    y: float
    width: float
    height: float
    text_x: float = 0
    text_y: float = 0
    label_y: float = 0


@dataclass
class BarChart:
    """Horizontal bars, one row each: the label above its bar, the value at the bar's end."""

    title: str
    bars: list
    # The table's column headings: what the rows are ("År", "Region"), what is counted ("Verk").
    label_heading: str
    unit: str
    # A stable part of the element ids (several charts may share a page).
    name: str
    bar_area: int = 300
    label_height: int = 15
    bar_height: int = 14
    gap: int = 8
    kind: str = field(default="bars", init=False)

    @property
    def maximum(self):
        return max((bar.value for bar in self.bars), default=0)

    @property
    def width(self):
        return self.bar_area + 48

    @property
    def row_height(self):
        return self.label_height + self.bar_height + self.gap

    @property
    def height(self):
        return max(len(self.bars), 1) * self.row_height

    def drawn(self):
        scale = self.bar_area / self.maximum if self.maximum else 0
        for number, bar in enumerate(self.bars):
            top = number * self.row_height
            length = round(bar.value * scale, 1)
            bar_top = top + self.label_height
            yield DrawnBar(
                bar=bar,
                x=0,
                y=bar_top,
                width=max(length, 1 if bar.value else 0),
                height=self.bar_height,
                text_x=round(length + 6, 1),
                text_y=round(bar_top + self.bar_height - 3, 1),
                label_y=top + self.label_height - 4,
            )

    @property
    def summary(self):
        """One sentence for the SVG's accessible name: the title and the largest value."""
        if not self.bars:
            return self.title
        top = max(self.bars, key=lambda bar: bar.value)
        return f"{self.title}: {top.label} {top.value}"

    def __bool__(self):
        return any(bar.value for bar in self.bars)


@dataclass
class ColumnChart(BarChart):
    """Upright columns in order (years), small enough for a facet panel."""

    width_per_column: int = 0
    chart_width: int = 240
    chart_height: int = 64
    label_height: int = 16
    kind: str = field(default="columns", init=False)

    @property
    def width(self):
        return self.chart_width

    @property
    def height(self):
        return self.chart_height + self.label_height

    def drawn(self):
        count = max(len(self.bars), 1)
        step = self.chart_width / count
        scale = self.chart_height / self.maximum if self.maximum else 0
        for number, bar in enumerate(self.bars):
            height = round(bar.value * scale, 1)
            if bar.value and height < 1:
                height = 1
            yield DrawnBar(
                bar=bar,
                x=round(number * step + step * 0.1, 1),
                y=round(self.chart_height - height, 1),
                width=round(max(step * 0.8, 1), 1),
                height=height,
            )

    @property
    def first_label(self):
        return self.bars[0].label if self.bars else ""

    @property
    def last_label(self):
        return self.bars[-1].label if self.bars else ""


def counts_in_order(counts, order, labels=None, urls=None):
    """Bars for `order` (keys), labelled by `labels[key]` (default: the key), zero if absent."""
    labels = labels or {}
    urls = urls or {}
    return [Bar(str(labels.get(key, key)), counts.get(key, 0), urls.get(key, "")) for key in order]


def years_filled(counts):
    """Every year from the first to the last in `counts` ({year: count}), gaps as zero."""
    years = [year for year in counts if year is not None]
    if not years:
        return []
    return [Bar(str(year), counts.get(year, 0)) for year in range(min(years), max(years) + 1)]
