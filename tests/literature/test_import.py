import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from literature.importer import ImportFileError, parse
from literature.models import LiteraturePage, LiteratureTag
from tests.factories import UserFactory, editor
from tests.literature.factories import build_library

pytestmark = pytest.mark.django_db

# A Zotero RIS export of three of the seed entries (Zotero writes fields in this form).
ZOTERO_RIS = """TY  - JOUR
TI  - {hamre}
AU  - Hamre, Bridget K.
AU  - Pianta, Robert C.
T2  - Child Development
DA  - 2005///
PY  - 2005
DO  - 10.1111/j.1467-8624.2005.00889.x
KW  - Grundskolan
KW  - Lärmiljö
KW  - Classroom quality
ER  -

TY  - BOOK
TI  - Visible learning: a synthesis of over 800 meta-analyses relating to achievement
AU  - Hattie, John
PY  - 2009
PB  - Routledge
KW  - Gymnasieskolan
ER  -

TY  - THES
TI  - {mollas}
AU  - Möllås, Gunvie
PY  - 2009
KW  - Upper secondary school
KW  - Forskning
ER  -
""".format(
    hamre="Can instructional and emotional support in the first-grade classroom make a "
    "difference for children at risk of school failure?",
    mollas="Detta ideliga mötande: en studie av hur kommunikation och samspel konstituerar "
    "gymnasieelevers skolpraktik",
).replace("ER  -\n", "ER  - \n")  # Zotero ends each record with "ER  - "

BROKEN_RIS = ZOTERO_RIS.replace("PY  - 2009\nPB  - Routledge", "PB  - Routledge").replace(
    "TY  - THES", "this line is garbage\nTY  - THES"
)


def upload(client, text, name="zotero.ris"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse("literature_import"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


@pytest.fixture
def importing_editor(client, site_tree):
    from django.contrib.auth.models import Group

    index, entries, tags, _ = build_library(site_tree)
    # The seed entries would be duplicates; start from an empty library to import into.
    for entry in entries:
        entry.delete()
    user = editor("importer")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    client.force_login(user)
    return index


def test_zotero_ris_imports_as_drafts_with_tags_and_duplicates_on_second_import(
    client, importing_editor
):
    response = upload(client, ZOTERO_RIS)
    assert response.status_code == 200
    assert "3 nya, 0 dubbletter, 0 ogiltiga" in response.content.decode()
    assert LiteraturePage.objects.count() == 0  # a preview creates nothing

    response = client.post(reverse("literature_import"), {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    pages = LiteraturePage.objects.order_by("title")
    assert pages.count() == 3
    assert not any(page.live for page in pages)
    hamre = pages.get(year=2005)
    assert hamre.authors_list == ["Hamre, Bridget K.", "Pianta, Robert C."]
    assert hamre.source == "Child Development"
    assert hamre.latest_revision is not None
    tags = {item.tag.name: item.tag.taxonomy for item in hamre.tagged_items.all()}
    assert tags == {"Grundskolan": "skolform", "Lärmiljö": "tema", "Classroom quality": "oklassad"}
    # English keywords find the tag by its English label.
    mollas = pages.get(year=2009, publication_type="thesis")
    assert {item.tag.name for item in mollas.tagged_items.all()} == {"Gymnasieskolan", "Forskning"}
    # Drafts are not public.
    assert "Visible learning" not in client.get("/litteratur/").content.decode()
    # The draft opens in the editor.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[hamre.pk])).status_code == 200

    response = upload(client, ZOTERO_RIS)
    html = response.content.decode()
    assert "0 nya, 3 dubbletter, 0 ogiltiga" in html
    client.post(reverse("literature_import"), {"confirm": "1"})
    assert LiteraturePage.objects.count() == 3


def test_seed_entries_are_duplicates_by_doi_and_by_title_and_year(site_tree):
    build_library(site_tree)
    records = parse(ZOTERO_RIS)
    assert [record.status for record in records] == ["duplicate", "duplicate", "duplicate"]
    assert "DOI" in records[0].reason


def test_a_broken_file_imports_nothing_until_the_editor_skips_the_broken_records(
    client, importing_editor
):
    response = upload(client, BROKEN_RIS)
    html = response.content.decode()
    assert "1 nya, 0 dubbletter, 2 ogiltiga" in html
    assert "saknar giltigt år" in html
    assert "Rad 21 ligger utanför alla poster: this line is garbage" in html

    response = client.post(reverse("literature_import"), {"confirm": "1"}, follow=True)
    assert "Inget importerades" in response.content.decode()
    assert LiteraturePage.objects.count() == 0

    client.post(reverse("literature_import"), {"confirm": "1", "skip_invalid": "1"})
    assert LiteraturePage.objects.count() == 1


BIBTEX = """@article{hamre2005,
  title = {Can instructional and emotional support in the first-grade classroom},
  author = {Hamre, Bridget K. and Pianta, Robert C.},
  journal = {Child Development},
  year = {2005},
  keywords = {Grundskolan, Studiestöd}
}

@book{broken,
  title = {Half a record,
  year = 2001

@book{hattie2009,
  title = {Visible Learning},
  author = {Hattie, John},
  year = {2009},
  publisher = {Routledge}
}
"""


def test_bibtex_with_a_broken_record_reports_it_by_number(client, importing_editor):
    response = upload(client, BIBTEX, "export.bib")
    html = response.content.decode()
    assert "ogiltiga" in html
    assert "inte giltig BibTeX" in html
    assert response.status_code == 200
    client.post(reverse("literature_import"), {"confirm": "1"})
    assert LiteraturePage.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "inte en textfil"),
        ("TY  - JOUR\nTI  - Latin-1 åäö\nER  - \n".encode("latin-1"), "inte UTF-8"),
        (b"<html><script>alert(1)</script></html>", "varken RIS"),
        (b"", "tom"),
        (b"TY  - JOUR\nTI  - Utan slut\nAU  - A, B\nPY  - 2001\n", "slutar inte med"),
        (b"@book{x, title={T}, year={2001}}\n", "saknar författare"),
        (b"TY  - JOUR\nTI  - " + b"A" * 10_000 + b"\nER  - \n", "saknar"),
    ],
)
def test_hostile_and_malformed_files_give_a_clear_error_and_create_nothing(
    client, importing_editor, content, message
):
    response = upload(client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    client.post(reverse("literature_import"), {"confirm": "1", "skip_invalid": "1"})
    assert LiteraturePage.objects.count() == 0


def test_parse_rejects_unknown_formats():
    with pytest.raises(ImportFileError):
        parse("just some text")


def test_a_large_file_imports_in_one_go(client, importing_editor):
    records = "".join(
        f"TY  - JOUR\nTI  - Studie nummer {number}\nAU  - Forskare, A.\nPY  - 2010\n"
        f"KW  - Gymnasieskolan\nER  - \n\n"
        for number in range(2000)
    )
    response = upload(client, records)
    assert "2000 nya" in response.content.decode()
    client.post(reverse("literature_import"), {"confirm": "1"})
    assert LiteraturePage.objects.filter(live=False).count() == 2000
    assert LiteratureTag.objects.get(slug="gymnasieskolan").tagged_items.count() == 2000


def test_a_project_lead_cannot_import_or_edit_literature(client, site_tree):
    from wagtail.models import GroupPagePermission

    index, entries, _, _ = build_library(site_tree)
    lead = editor("projektledare")
    # A project lead may edit elsewhere in the tree (their case studies), not the library.
    group = lead.groups.first()
    from django.contrib.auth.models import Permission

    GroupPagePermission.objects.create(
        group=group,
        page=site_tree.home_en,
        permission=Permission.objects.get(codename="change_page"),
    )
    client.force_login(lead)
    assert client.get(reverse("literature_import")).status_code in (302, 403)
    response = client.post(
        reverse("literature_import"), {"file": SimpleUploadedFile("a.ris", ZOTERO_RIS.encode())}
    )
    assert response.status_code in (302, 403)
    assert LiteraturePage.objects.count() == 5
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entries[0].pk]))
    assert edit.status_code in (302, 403)
    assert client.get(reverse("literature_tag_merge")).status_code in (302, 403)
    assert client.get(reverse("literature_tags:list")).status_code in (302, 403)


def test_anonymous_visitors_are_sent_to_the_login(client, site_tree):
    response = client.get(reverse("literature_import"))
    assert response.status_code == 302
    assert UserFactory._meta.model.objects.count() == 0
