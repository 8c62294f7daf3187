import pytest
from wagtail.models import PageViewRestriction

from knowledge.models import KnowledgeIndexPage, SuccessFactorPage
from pluginnovation.site.models import StandardPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class Builder:
    def __init__(self, tree):
        self.tree = tree
        self.knowledge_sv = publish(
            tree.home_sv, KnowledgeIndexPage(title="Kunskap", slug="kunskap")
        )

    def standard(self, title, lead="", parent=None, **fields):
        return publish(parent or self.tree.home_sv, StandardPage(title=title, lead=lead, **fields))

    def factor(self, title, introduction, **fields):
        return publish(
            self.knowledge_sv,
            SuccessFactorPage(title=title, introduction=introduction, **fields),
        )

    def translate(self, page, **fields):
        return self.tree.translate(page, **fields)

    def make_private(self, page):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-lösen"
        )
        return page


@pytest.fixture
def build(site_tree):
    return Builder(site_tree)
