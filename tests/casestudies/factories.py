"""Factories for the case-study app: places, workshops and a small bilingual section."""

from dataclasses import dataclass, field

import factory
import wagtail_factories

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Municipality,
    ProjectWorkshop,
    Region,
)


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")

    class Meta:
        model = Region


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kommun {n}")
    code = factory.Sequence(lambda n: f"{n % 10000:04d}")
    region = factory.SubFactory(RegionFactory)
    latitude = 60
    longitude = 15

    class Meta:
        model = Municipality


class ProjectWorkshopFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Projektverkstad {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    round = "plugin2"

    class Meta:
        model = ProjectWorkshop


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fallstudier"
    slug = "fallstudier"
    introduction = "Vad fungerar i arbetet med att motverka studieavbrott?"
    first_round_introduction = "Under första omgången av Plug In genomfördes 10 fallstudier."

    class Meta:
        model = CaseStudyIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fallstudie {n}")
    slug = factory.Sequence(lambda n: f"fallstudie-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    round = "plugin2"
    summary = "En sammanfattning av arbetet."

    class Meta:
        model = CaseStudyPage


@dataclass
class Section:
    """A Swedish case-study index with its English translation and some places."""

    index_sv: CaseStudyIndexPage
    index_en: CaseStudyIndexPage
    regions: dict = field(default_factory=dict)
    municipalities: dict = field(default_factory=dict)

    def case(self, municipality, round="plugin2", focus="", **fields):
        page = CaseStudyPageFactory(
            parent=self.index_sv,
            municipality=self.municipalities[municipality],
            round=round,
            focus=focus,
            **fields,
        )
        page.save_revision().publish()
        return page


def build_section(site_tree):
    index_sv = CaseStudyIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    index_en = site_tree.translate(index_sv, title="Case studies", slug="case-studies")
    jamtland = RegionFactory(name="Region Jämtland Härjedalen", slug="region-jamtland-harjedalen")
    gr = RegionFactory(name="Göteborgsregionens kommunalförbund", slug="goteborgsregionen")
    section = Section(index_sv, index_en, {"jamtland": jamtland, "gr": gr})
    for key, name, code, region, lat, lon in [
        ("are", "Åre", "2321", jamtland, 63.3, 13.6),
        ("krokom", "Krokom", "2309", jamtland, 63.3, 14.5),
        ("stromsund", "Strömsund", "2313", jamtland, 63.9, 15.6),
        ("partille", "Partille", "1402", gr, 57.7, 12.1),
        ("harryda", "Härryda", "1401", gr, 57.7, 12.1),
    ]:
        section.municipalities[key] = MunicipalityFactory(
            name=name, code=code, region=region, latitude=lat, longitude=lon
        )
    return section
