"""StreamField blocks shared by every content type, one template per block."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
        # Layout, not content: "Nivå 2" in a search excerpt helps nobody.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=pgettext_lazy("block field", "Title"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "blocks/fact_box_block.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    text = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": _("Choose a page or give an address, not both.")}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=pgettext_lazy("block field", "Title"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("List of links")
        template = "blocks/link_list_block.html"


class TimelinePeriodBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=pgettext_lazy("timeline", "Name"), max_length=80)
    start_year = blocks.IntegerBlock(
        label=pgettext_lazy("timeline", "From (year)"), min_value=1900, max_value=2100
    )
    end_year = blocks.IntegerBlock(
        label=pgettext_lazy("timeline", "To (year)"), min_value=1900, max_value=2100
    )
    description = blocks.TextBlock(
        label=pgettext_lazy("timeline", "Description"),
        required=False,
        help_text=pgettext_lazy(
            "timeline", "Who took part and what was done: regions, municipalities, projects."
        ),
    )

    class Meta:
        icon = "date"
        label = pgettext_lazy("timeline", "Period")

    def clean(self, value):
        value = super().clean(value)
        if value["end_year"] < value["start_year"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_year": pgettext_lazy("timeline", "The period cannot end before it starts.")
                }
            )
        return value


class TimelineBlock(blocks.StructBlock):
    """Periods drawn along the years (an SVG), and told as a list that screen readers read."""

    title = blocks.CharBlock(label=pgettext_lazy("block field", "Title"))
    periods = blocks.ListBlock(
        TimelinePeriodBlock(), label=pgettext_lazy("timeline", "Periods"), min_num=1
    )

    class Meta:
        icon = "history"
        label = pgettext_lazy("timeline", "Timeline")
        template = "blocks/timeline_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["drawing"] = timeline_drawing(value["periods"])
        return context


TIMELINE_WIDTH, TIMELINE_ROW, TIMELINE_AXIS = 640, 34, 22


def timeline_drawing(periods):
    """Where each period's bar and each year's tick go, in SVG units."""
    first = min(period["start_year"] for period in periods)
    last = max(period["end_year"] for period in periods)
    span = max(last - first, 1)

    def x(year):
        return round((year - first) / span * (TIMELINE_WIDTH - 2), 1) + 1

    rows = []
    for number, period in enumerate(periods):
        left, right = x(period["start_year"]), x(period["end_year"])
        rows.append(
            {
                "x": left,
                "y": number * TIMELINE_ROW,
                "width": max(round(right - left, 1), 4),
                "text_y": number * TIMELINE_ROW + 19,
                "period": period,
            }
        )
    height = len(rows) * TIMELINE_ROW + TIMELINE_AXIS
    ticks = [
        {
            "x": x(year),
            "year": year,
            "anchor": "start" if year == first else "end" if year == last else "middle",
        }
        for year in range(first, last + 1)
    ]
    return {
        "width": TIMELINE_WIDTH,
        "height": height,
        "axis_y": height - 6,
        "rows": rows,
        "ticks": ticks,
    }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    fact_box = FactBoxBlock()
    table = TableBlock(label=_("Table"))
    links = LinkListBlock()

    class Meta:
        label = _("Body")


class StandardBodyBlock(BodyBlock):
    """A standard page's body (About, say): the shared blocks and a timeline."""

    timeline = TimelineBlock()
