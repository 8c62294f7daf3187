import factory
import wagtail_factories

from literature.models import (
    LiteratureIndexPage,
    LiteraturePage,
    LiteratureTag,
    PublicationType,
    TaggedLiterature,
    Taxonomy,
)

# Seed 001: five entries and their tags, as the original site showed them.
SEED_TAGS = {
    Taxonomy.SCHOOL_LEVEL: [
        ("Grundskolan", "Compulsory school"),
        ("Gymnasieskolan", "Upper secondary school"),
        ("Introduktionsprogram", "Introductory programmes"),
        ("yrkesintroduktion", "vocational introduction"),
        ("språkintroduktion", "language introduction"),
        ("Lärlingsutbildning", "Apprenticeship education"),
        ("Studieförberedande program", "Higher education preparatory programmes"),
        ("Yrkesprogram", "Vocational programmes"),
    ],
    Taxonomy.THEME: [
        ("Samverkan", "Cooperation"),
        ("Samverkan inom skolan", "Cooperation within the school"),
        ("Mentorskapsarbete", "Mentoring"),
        ("Utveckling av rutiner i det förebyggande arbetet", "Developing preventive routines"),
        ("Undervisning/pedagogik", "Teaching/pedagogy"),
        ("Utveckling av särskilt stöd", "Developing special support"),
        ("Studieplaner och struktur", "Study plans and structure"),
        ("förhållningssätt", "approach"),
        ("bemötande", "treatment of students"),
        ("Färdighetsträning", "Skills training"),
        ("Studiestöd", "Study support"),
        ("Lärmiljö", "Learning environment"),
        ("Elevcentrerad struktur", "Student-centred structure"),
        ("Relationell pedagogik", "Relational pedagogy"),
        ("Positiva relationer", "Positive relationships"),
    ],
    Taxonomy.TARGET_GROUP: [
        ("Elever som riskerar att göra studieavbrott", "Students at risk of dropping out"),
    ],
    Taxonomy.GEOGRAPHY: [("Sverige", "Sweden"), ("Internationellt", "International")],
    Taxonomy.KIND: [
        ("Forskning", "Research"),
        ("Kunskapsöversikt", "Knowledge overview"),
        ("Litteratur", "Literature"),
    ],
}

SEED_ENTRIES = [
    {
        "title": "Detta ideliga mötande: En studie av hur kommunikation och samspel konstituerar "
        "gymnasieelevers skolpraktik",
        "authors": "Möllås, G.",
        "work_language": "sv",
        "year": 2009,
        "publication_type": PublicationType.THESIS,
        "evidence_label": "study",
        "tags": [
            "Gymnasieskolan",
            "Samverkan",
            "Samverkan inom skolan",
            "Mentorskapsarbete",
            "Utveckling av rutiner i det förebyggande arbetet",
            "Forskning",
            "Sverige",
        ],
    },
    {
        "title": "Visible Learning. A synthesis of over 800 metaanalyses relating to achievement",
        "authors": "Hattie, J.",
        "work_language": "en",
        "year": 2009,
        "publication_type": PublicationType.BOOK,
        "evidence_label": "review",
        "tags": [
            "Undervisning/pedagogik",
            "Utveckling av särskilt stöd",
            "Gymnasieskolan",
            "Studieplaner och struktur",
            "förhållningssätt",
            "bemötande",
        ],
    },
    {
        "title": "Can instructional and emotional support in the first-grade classroom make a "
        "difference for children at risk of school failure?",
        "authors": "Hamre, B. K.\nPianta, R. C.",
        "work_language": "en",
        "year": 2005,
        "publication_type": PublicationType.ARTICLE,
        "evidence_label": "study",
        "doi": "10.1111/j.1467-8624.2005.00889.x",
        "tags": [
            "Grundskolan",
            "Färdighetsträning",
            "Studiestöd",
            "Lärmiljö",
            "Elevcentrerad struktur",
            "Undervisning/pedagogik",
            "Relationell pedagogik",
            "Positiva relationer",
        ],
    },
    {
        "title": "Grunderna för gymnasiets läroplan 2003",
        "work_language": "sv",
        "authors": "Utbildningsstyrelsen i Finland",
        "year": 2003,
        "publication_type": PublicationType.POLICY,
        "evidence_label": "",
        "tags": [
            "Gymnasieskolan",
            "Studieförberedande program",
            "Yrkesprogram",
            "Lärlingsutbildning",
            "Introduktionsprogram",
            "yrkesintroduktion",
            "språkintroduktion",
            "Litteratur",
            "Sverige",
        ],
    },
    {
        "title": "Dropout prevention. Systematic Review: Reviewing the Evidence of Canadian "
        "Research",
        "work_language": "en",
        "authors": "Abrami, P. C.\nBernard, R.\nSchmid, R. M.\nJanosz, M.\nWade, A.\nGerard, C.",
        "year": 2008,
        "publication_type": PublicationType.REPORT,
        "evidence_label": "review",
        "tags": [
            "Elever som riskerar att göra studieavbrott",
            "Kunskapsöversikt",
            "Internationellt",
            "Litteratur",
        ],
    },
]


class LiteratureTagFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tagg {n}")
    slug = factory.Sequence(lambda n: f"tagg-{n}")
    name_en = factory.Sequence(lambda n: f"Tag {n}")
    taxonomy = Taxonomy.THEME

    class Meta:
        model = LiteratureTag


class LiteratureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Litteratur"
    slug = "litteratur"

    class Meta:
        model = LiteratureIndexPage


class LiteraturePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Studie {n}")
    authors = "Andersson, A."
    year = 2010
    publication_type = PublicationType.ARTICLE
    summary = "En sammanfattning."

    class Meta:
        model = LiteraturePage


def seed_tags():
    from django.utils.text import slugify

    tags = {}
    for taxonomy, labels in SEED_TAGS.items():
        for name, name_en in labels:
            tags[name] = LiteratureTag.objects.create(
                name=name, slug=slugify(name), name_en=name_en, taxonomy=taxonomy
            )
    return tags


def tag(page, *tags):
    """Tag a page (all its revisions see it on the next publish)."""
    for item in tags:
        TaggedLiterature.objects.create(content_object=page, tag=item)


def build_library(site_tree, *, translate=False):
    """The index with the five seed entries, published, tagged; with English if asked."""
    tags = seed_tags()
    index = LiteratureIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    index.refresh_from_db()
    entries = []
    for data in SEED_ENTRIES:
        fields = {key: value for key, value in data.items() if key != "tags"}
        entry = LiteraturePageFactory(parent=index, locale=site_tree.locale_sv, **fields)
        tag(entry, *(tags[name] for name in data["tags"]))
        entry.save_revision().publish()
        entry.refresh_from_db()
        entries.append(entry)
    index_en = None
    if translate:
        index_en = site_tree.translate(index, title="Literature", slug="literature")
        for entry in entries:
            site_tree.translate(entry, summary="A summary.")
    return index, entries, tags, index_en
