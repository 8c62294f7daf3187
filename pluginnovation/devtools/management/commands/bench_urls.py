import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page

from pluginnovation.site.taxonomy import success_factors

# Typical selections of each listing (filters, pages out of range, feeds, exports), by model.
BENCH_PATHS = {
    "knowledge.knowledgeindexpage": [
        "?kind=research_summary",
        "?kind=article&page=2",
        "?page=999999",
    ],
    "knowledge.successfactorpage": ["?page=2", "?page=999999"],
    "casestudies.casestudyindexpage": [
        "?round=plugin2",
        "?focus=kia&round=plugin",
        "?region=region-jamtland-harjedalen",
        "?page=3",
        "feed/",
        "feed/?focus=prevention",
    ],
    "literature.literatureindexpage": [
        "",
        "?tag=gymnasieskolan",
        "?tag=gymnasieskolan&tag=forskning&sort=title",
        "?evidence=review&year_from=2000",
        "feed/",
        "export/ris/?tag=sverige",
    ],
    "news.newsindexpage": ["?year=2018", "?page=2", "?page=999999", "feed/"],
}


def bench_paths(page):
    paths = list(BENCH_PATHS.get(page._meta.label_lower, []))
    if page._meta.label_lower == "knowledge.knowledgeindexpage":
        # A success factor's slug in this language: the first the listing offers.
        factor = success_factors(page.locale_id).first()
        if factor:
            paths.append(f"?factor={factor.slug}&kind=article")
    return paths


class Command(BaseCommand):
    help = (
        "Print, as JSON, the pages `make bench` measures: both home pages, one live page of "
        "every page type per language, each listing's typical selections (filters, feeds) and the "
        "site-wide routes that exist (search, the sitemap index and its first section)."
    )

    def handle(self, *args, **options):
        pages = []
        seen = set()
        for page in (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .specific()
            .order_by("-numchild", "path")
        ):
            key = (type(page), page.locale_id)
            if key in seen:
                continue
            seen.add(key)
            url = page.get_url()
            name = f"{type(page)._meta.verbose_name} ({page.locale.language_code})"
            pages.append((name, url))
            # Filters and feeds are measured in Swedish, the source language; the English
            # pages run the same code.
            if page.locale.language_code == settings.LANGUAGE_CODE:
                for suffix in bench_paths(page):
                    pages.append((f"{name} {suffix}", url + suffix))
        for language in ("sv", "en"):
            with translation.override(language):
                for route, query in (
                    ("search", "?q=studieavbrott"),
                    ("search", "?q=mentorskapet+eleverna"),
                    ("search", "?q=studieavbrotten&type=news"),
                    ("search", "?q=children+studying"),
                    ("search_suggestions", "?q=stud"),
                ):
                    try:
                        pages.append((f"{route}{query} ({language})", reverse(route) + query))
                    except NoReverseMatch:
                        continue
        # The sitemap is one for both languages: its index and its first section.
        pages.append(("sitemap index", reverse("sitemap")))
        pages.append(("sitemap section 1", reverse("sitemap_section", args=(1,))))
        # One row per address: the sitemap is the same in both languages, and so on.
        unique = list({path: (name, path) for name, path in reversed(pages)}.values())[::-1]
        self.stdout.write(json.dumps(unique))
