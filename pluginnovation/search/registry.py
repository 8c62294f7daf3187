"""The content types a reader can filter search results by.

Each kind names its model by label and is resolved lazily through django.apps, so this
site-wide package never imports a content app and a kind whose app has not landed is skipped.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ContentKind:
    key: str
    label: str
    plural: str
    model: str
    # Field values a page must have to be of this kind (one model can hold several kinds).
    filters: dict = field(default_factory=dict)

    def model_class(self):
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None

    def matches(self, page):
        return page._meta.label == self.model and all(
            getattr(page, name, None) == value for name, value in self.filters.items()
        )


KINDS = [
    ContentKind(
        "article", _("Article"), _("Articles"), "knowledge.ArticlePage", {"kind": "article"}
    ),
    ContentKind(
        "research_summary",
        _("Research summary"),
        _("Research summaries"),
        "knowledge.ArticlePage",
        {"kind": "research_summary"},
    ),
    ContentKind(
        "success_factor", _("Success factor"), _("Success factors"), "knowledge.SuccessFactorPage"
    ),
    ContentKind("case_study", _("Case study"), _("Case studies"), "casestudies.CaseStudyPage"),
    ContentKind("literature", _("Literature"), _("Literature"), "literature.LiteraturePage"),
    ContentKind("news", _("News"), _("News"), "news.NewsPage"),
]
OTHER_LABEL = _("Page")
# The search tab of the pages of no listed kind (about, accessibility, the indexes), so the tab
# counts add up to "All"; "other" is its key in the address (`?type=other`).
OTHER_KEY = "other"
OTHER_PLURAL = _("Other pages")


def available_kinds():
    """The kinds whose model exists in this installation, in display order."""
    return [kind for kind in KINDS if kind.model_class() is not None]


def kind_of(page):
    """The key of the kind a (specific) page belongs to, or "" for other pages."""
    for kind in KINDS:
        if kind.matches(page):
            return kind.key
    return ""


def label_for(key):
    for kind in KINDS:
        if kind.key == key:
            return kind.label
    return OTHER_LABEL
