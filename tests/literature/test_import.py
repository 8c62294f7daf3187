import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published

from literature import importer
from literature.importer import (
    IMPORT_ACTION,
    MAX_RECORDS,
    ImportFileError,
    create_drafts,
    parse,
)
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

# The book has lost its year; the file was cut off before the thesis record ended.
BROKEN_RIS = ZOTERO_RIS.replace("PY  - 2009\nPB  - Routledge", "PB  - Routledge").rsplit(
    "ER  -", 1
)[0]


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
    assert "1 ny, 0 dubbletter, 2 ogiltiga" in html
    assert "saknar giltigt år" in html
    assert "Posten slutar inte med" in html

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
    # Each entry goes through Wagtail's page API (about 35 ms each on SQLite), so a few
    # hundred are enough to show the whole file lands in one go.
    records = "".join(
        f"TY  - JOUR\nTI  - Studie nummer {number}\nAU  - Forskare, A.\nPY  - 2010\n"
        f"KW  - Gymnasieskolan\nER  - \n\n"
        for number in range(300)
    )
    response = upload(client, records)
    assert "300 nya" in response.content.decode()
    client.post(reverse("literature_import"), {"confirm": "1"})
    assert LiteraturePage.objects.filter(live=False).count() == 300
    assert LiteratureTag.objects.get(slug="gymnasieskolan").tagged_items.count() == 300
    assert PageLogEntry.objects.filter(action=IMPORT_ACTION).count() == 300


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


# Imports through Wagtail's page API: owner, revision, audit log and signals as for any page.


def _importer_user():
    return UserFactory._meta.model.objects.get(username="importer")


def _superuser_client(client):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_imported_entries_are_drafts_owned_by_the_importer_with_a_revision(
    client, importing_editor
):
    upload(client, ZOTERO_RIS)
    client.post(reverse("literature_import"), {"confirm": "1"})
    user = _importer_user()
    pages = list(LiteraturePage.objects.order_by("pk"))
    assert len(pages) == 3
    for page in pages:
        assert page.owner == user
        assert page.live is False
        assert page.has_unpublished_changes is True
        assert page.first_published_at is None
        assert page.last_published_at is None
        assert page.live_revision is None
        assert page.draft_title == page.title
        revision = page.latest_revision
        assert revision is not None
        assert revision.user == user
        assert page.latest_revision_created_at == revision.created_at
        assert list(Revision.page_revisions.filter(object_id=str(page.pk))) == [revision]
        # The revision is the draft the editor opens: its tags are in it.
        draft = revision.as_object()
        assert {item.tag_id for item in draft.tagged_items.all()} == {
            item.tag_id for item in page.tagged_items.all()
        }
    hamre = LiteraturePage.objects.get(year=2005)
    assert set(hamre.tags.names()) == {"Grundskolan", "Lärmiljö", "Classroom quality"}
    assert importing_editor.get_children().count() == 3


def test_each_imported_entry_has_one_import_log_entry_in_page_and_site_history(
    client, importing_editor
):
    upload(client, ZOTERO_RIS)
    client.post(reverse("literature_import"), {"confirm": "1"})
    user = _importer_user()
    pages = list(LiteraturePage.objects.order_by("pk"))
    entries = PageLogEntry.objects.filter(action=IMPORT_ACTION)
    assert sorted(entry.page_id for entry in entries) == [page.pk for page in pages]
    for entry in entries:
        assert entry.user == user
        assert entry.data == {"format": "RIS"}
        assert entry.revision_id == LiteraturePage.objects.get(pk=entry.page_id).latest_revision_id
        assert entry.content_changed
    # Besides the import, Wagtail logs each page's creation as it does for any new page.
    assert set(PageLogEntry.objects.filter(page__in=pages).values_list("action", flat=True)) == {
        "wagtail.create",
        IMPORT_ACTION,
    }

    _superuser_client(client)
    for page in pages:
        history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert history.status_code == 200
        html = history.content.decode()
        assert "Importerad från RIS av importer" in html
        assert "Skapad" in html
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert site_history.status_code == 200
    html = site_history.content.decode()
    assert html.count("Importerad från RIS av importer") == 3
    # The action can be picked in the report's filter.
    filtered = client.get(reverse("wagtailadmin_reports:site_history"), {"action": IMPORT_ACTION})
    assert filtered.status_code == 200
    assert filtered.content.decode().count("Importerad från RIS av importer") == 3


def test_the_log_says_bibtex_for_a_bibtex_import(site_tree):
    index, entries, _, _ = build_library(site_tree)
    for entry in entries:
        entry.delete()
    user = UserFactory(username="bib", first_name="Anna", last_name="Andersson")
    records = parse(BIBTEX)
    assert {record.file_format for record in records} == {"BibTeX"}
    pages = create_drafts(index, records, user=user)
    assert len(pages) == 2
    for page in pages:
        entry = PageLogEntry.objects.get(page=page, action=IMPORT_ACTION)
        assert entry.data == {"format": "BibTeX"}
        assert entry.message == "Importerad från BibTeX av Anna Andersson"
    assert {record.file_format for record in parse(ZOTERO_RIS)} == {"RIS"}


def test_import_sends_the_page_signals_for_every_entry(site_tree):
    index, entries, _, _ = build_library(site_tree)
    for entry in entries:
        entry.delete()
    user = UserFactory(username="importer")
    saved, published = [], []

    def on_save(sender, instance, created, **kwargs):
        saved.append((instance.pk, created))

    def on_publish(sender, instance, **kwargs):
        published.append(instance.pk)

    post_save.connect(on_save, sender=LiteraturePage)
    page_published.connect(on_publish)
    try:
        pages = create_drafts(index, parse(ZOTERO_RIS), user=user)
    finally:
        post_save.disconnect(on_save, sender=LiteraturePage)
        page_published.disconnect(on_publish)
    assert len(pages) == 3
    for page in pages:
        # Created by add_child, then saved again by save_revision (latest_revision etc.).
        assert (page.pk, True) in saved
        assert (page.pk, False) in saved
    assert published == []  # drafts are not published


def test_a_failure_part_way_leaves_nothing_behind(site_tree, monkeypatch):
    index, entries, _, _ = build_library(site_tree)
    for entry in entries:
        entry.delete()
    index.refresh_from_db()
    children = index.numchild
    user = UserFactory(username="importer")
    logs_before = PageLogEntry.objects.count()
    revisions_before = Revision.objects.count()
    save_revision = LiteraturePage.save_revision
    calls = []

    def failing_save_revision(self, *args, **kwargs):
        calls.append(self.title)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return save_revision(self, *args, **kwargs)

    monkeypatch.setattr(LiteraturePage, "save_revision", failing_save_revision)
    with pytest.raises(RuntimeError):
        create_drafts(index, parse(ZOTERO_RIS), user=user)
    assert len(calls) == 2
    assert LiteraturePage.objects.count() == 0
    assert PageLogEntry.objects.count() == logs_before
    assert not PageLogEntry.objects.filter(action=IMPORT_ACTION).exists()
    assert Revision.objects.count() == revisions_before
    assert not LiteratureTag.objects.filter(name="Classroom quality").exists()
    index.refresh_from_db()
    assert index.numchild == children
    assert index.get_children().count() == 0

    # The same records import cleanly once nothing fails.
    monkeypatch.setattr(LiteraturePage, "save_revision", save_revision)
    assert len(create_drafts(index, parse(ZOTERO_RIS), user=user)) == 3


def test_a_failing_log_entry_rolls_back_the_whole_import(site_tree, monkeypatch):
    index, entries, _, _ = build_library(site_tree)
    for entry in entries:
        entry.delete()
    user = UserFactory(username="importer")
    logs_before = PageLogEntry.objects.count()
    revisions_before = Revision.objects.count()
    log = importer.log
    calls = []

    def failing_log(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("log unavailable")
        return log(*args, **kwargs)

    monkeypatch.setattr(importer, "log", failing_log)
    with pytest.raises(RuntimeError):
        create_drafts(index, parse(ZOTERO_RIS), user=user)
    assert LiteraturePage.objects.count() == 0
    assert PageLogEntry.objects.count() == logs_before
    assert Revision.objects.count() == revisions_before


def test_a_record_with_an_unusable_url_is_invalid_rather_than_failing_the_import():
    records = parse(
        "TY  - JOUR\nTI  - En studie\nAU  - Forskare, A.\nPY  - 2010\nUR  - www.example\nER  - \n"
    )
    assert records[0].status == "invalid"
    assert "www.example" in records[0].reason


def test_tags_are_looked_up_once_and_each_entry_costs_a_bounded_number_of_queries(site_tree):
    index, entries, _, _ = build_library(site_tree)
    for entry in entries:
        entry.delete()
    user = UserFactory(username="importer")

    def ris(count, offset=0):
        return "".join(
            f"TY  - JOUR\nTI  - Studie {offset + number}\nAU  - Forskare, A.\nPY  - 2010\n"
            f"KW  - Gymnasieskolan\nKW  - Classroom quality\nER  - \n\n"
            for number in range(count)
        )

    with CaptureQueriesContext(connection) as ten:
        create_drafts(index, parse(ris(10)), user=user)
    with CaptureQueriesContext(connection) as twenty:
        create_drafts(index, parse(ris(20, offset=100)), user=user)

    def tag_reads(context):
        return [
            query["sql"]
            for query in context.captured_queries
            if query["sql"].startswith("SELECT") and '"literature_literaturetag"' in query["sql"]
        ]

    # All tags once per import, whatever the number of records; "Classroom quality" is
    # created by the first import only.
    assert len(tag_reads(ten)) == len(tag_reads(twenty)) == 1
    assert LiteratureTag.objects.filter(name="Classroom quality").count() == 1
    # What each further entry costs: Wagtail's own page, revision, log, search index and
    # reference index work (about 70 queries), nothing that grows with the library.
    per_entry = (len(twenty) - len(ten)) / 10
    assert per_entry <= 80, per_entry


def test_a_file_over_the_limit_is_refused_with_the_limit_named():
    records = "".join(
        f"TY  - BOOK\nTI  - Bok {number}\nPY  - 2010\nER  - \n\n"
        for number in range(MAX_RECORDS + 1)
    )
    with pytest.raises(ImportFileError) as refused:
        parse(records)
    assert str(MAX_RECORDS) in str(refused.value)
