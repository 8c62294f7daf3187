import datetime

import factory
import wagtail_factories

from news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuellt"
    slug = "aktuellt"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    lead = "En ingress."
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage
