import datetime

import factory
import wagtail_factories

from knowledge.models import ArticlePage, KnowledgeIndexPage, SuccessFactorPage


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kunskap"
    slug = "kunskap"
    introduction = "Det vi vet om studieavbrott."

    class Meta:
        model = KnowledgeIndexPage


class SuccessFactorPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Framgångsfaktor {n}")
    slug = factory.Sequence(lambda n: f"faktor-{n}")
    introduction = "Så fungerar faktorn."

    class Meta:
        model = SuccessFactorPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    kind = "article"
    lead = "En ingress."
    publication_date = factory.Sequence(
        lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
    )

    class Meta:
        model = ArticlePage
