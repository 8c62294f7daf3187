import datetime
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from pluginnovation.accounts.roles import EDITORS, TRANSLATORS
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory, UserFactory, commit_pending

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def logged_in(group_name, language="sv"):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def publish_form(page, **changes):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
        "review_interval_months": 12,
    }
    data.update(changes)
    return nested_form_data(data)


class TestEditors:
    def test_editor_creates_and_publishes(self, site_tree):
        client = logged_in(EDITORS)
        form = publish_form(
            StandardPage(title="Ny sida", slug="ny-sida", lead="Ingress"), **{"action-publish": "1"}
        )
        response = client.post(
            f"/admin/pages/add/pluginnovation/standardpage/{site_tree.home_sv.pk}/", form
        )
        assert response.status_code == 302
        assert StandardPage.objects.get(slug="ny-sida").live

    def test_editor_manages_navigation(self, site_tree):
        client = logged_in(EDITORS)
        response = client.get("/admin/snippets/pluginnovation/sitenavigation/")
        assert response.status_code == 200


class TestTranslators:
    def test_translator_cannot_publish_a_swedish_page(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
        client = logged_in(TRANSLATORS)
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            publish_form(page, title="Kapat", **{"action-publish": "1"}),
        )
        page.refresh_from_db()
        assert page.title == "Om oss"  # the live page is untouched
        assert response.status_code in (200, 302, 403)
        assert Client().get("/om/").content.decode().count("Kapat") == 0

    def test_translator_can_edit_a_swedish_draft(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
        client = logged_in(TRANSLATORS)
        response = client.post(f"/admin/pages/{page.pk}/edit/", publish_form(page, title="Utkast"))
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().title == "Utkast"
        assert page.title == "Om oss"

    def test_translator_publishes_in_the_english_tree(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
        english = site_tree.translate(page, title="About", slug="about")
        client = logged_in(TRANSLATORS)
        response = client.post(
            f"/admin/pages/{english.pk}/edit/",
            publish_form(english, title="About us", **{"action-publish": "1"}),
        )
        assert response.status_code == 302
        english.refresh_from_db()
        assert english.title == "About us"

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/pages/{pk}/move/",
            "/admin/pages/{pk}/copy/",
            "/admin/pages/{pk}/delete/",
            "/admin/pages/{pk}/unpublish/",
        ],
    )
    def test_translator_cannot_restructure_swedish_pages(self, site_tree, url):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
        client = logged_in(TRANSLATORS)
        client.post(
            url.format(pk=page.pk),
            {
                "new_parent_page": site_tree.home_sv.pk,
                "new_title": "Kopia",
                "new_slug": "kopia",
                "publish_copies": "on",
            },
        )
        page.refresh_from_db()
        assert page.live
        assert Page.objects.filter(slug="om").count() == 1
        assert not Page.objects.filter(slug="kopia").exists()
        assert page.get_parent().pk == site_tree.home_sv.pk


class TestDashboard:
    def test_missing_translation_is_listed(self, site_tree):
        StandardPageFactory(parent=site_tree.home_sv, title="Bara på svenska", slug="bara")
        body = dashboard(logged_in(EDITORS))
        assert "Svenska sidor utan engelsk version" in body
        assert "Bara på svenska" in body

    def test_changed_source_flags_the_translation_until_it_is_updated(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
        english = site_tree.translate(page, title="About us", slug="about")
        editors = logged_in(EDITORS)
        assert "About us" not in dashboard(editors)

        page.lead = "En ny ingress."
        page.save_revision().publish()
        body = dashboard(editors)
        assert "Översättningar vars svenska original har ändrats" in body
        assert "About us" in body

        translator = logged_in(TRANSLATORS, language="en")
        response = translator.get(f"/admin/pages/{english.pk}/edit/")
        assert "has changed since this translation was last published" in response.content.decode()
        translator.post(
            f"/admin/pages/{english.pk}/edit/",
            publish_form(english, lead="A new lead.", **{"action-publish": "1"}),
        )
        assert "About us" not in dashboard(editors)

    def test_overdue_review_is_listed(self, site_tree):
        StandardPageFactory(
            parent=site_tree.home_sv,
            title="Gammal sida",
            slug="gammal",
            last_reviewed=timezone.localdate() - datetime.timedelta(days=400),
            review_interval_months=12,
        )
        StandardPageFactory(
            parent=site_tree.home_sv,
            title="Färsk sida",
            slug="farsk",
            last_reviewed=timezone.localdate(),
        )
        panel = dashboard(logged_in(EDITORS)).split("Sidor som ska ses över")[1]
        panel = panel.split("Trasiga länkar")[0]
        assert "Gammal sida" in panel
        assert "Färsk sida" not in panel

    def test_broken_links_are_listed_and_reported(self, site_tree):
        target = StandardPageFactory(parent=site_tree.home_sv, title="Mål", slug="mal")
        StandardPageFactory(
            parent=site_tree.home_sv,
            title="Länkande sida",
            slug="lankar",
            body=[("paragraph", f'<p><a linktype="page" id="{target.pk}">målet</a></p>')],
        )
        assert "Länkande sida" not in dashboard(logged_in(EDITORS)).split("Trasiga länkar")[1]
        target.unpublish()
        body = dashboard(logged_in(EDITORS))
        panel = body.split("Trasiga länkar")[1].split("</table>")[0]
        assert "Länkande sida" in panel
        # The target is named by its title, not by its number.
        assert "avpublicerad sida ”Mål”" in panel
        assert str(target.pk) not in panel.split("Länkande sida")[1]
        out = StringIO()
        call_command("report_broken_links", stdout=out)
        report = out.getvalue()
        # The linking page by its title and public address, not its place in the page tree.
        assert "Länkande sida\thttp://testserver/lankar/\tavpublicerad sida ”Mål”" in report
        assert "/hem/" not in report
        assert "1 broken link(s)." in report

    def test_a_deleted_targets_title_is_taken_from_the_history(self, site_tree):
        from wagtail.actions.delete_page import DeletePageAction

        target = StandardPageFactory(parent=site_tree.home_sv, title="Gammal sida", slug="gammal")
        linking = StandardPageFactory(
            parent=site_tree.home_sv,
            title="Länkande sida",
            slug="lankar",
            body=[("paragraph", f'<p><a linktype="page" id="{target.pk}">det gamla</a></p>')],
        )
        DeletePageAction(target, user=UserFactory(is_superuser=True)).execute()
        # Wagtail forgets the links to a deleted page until the linking page is saved again.
        linking.save_revision().publish()
        out = StringIO()
        call_command("report_broken_links", stdout=out)
        assert "Länkande sida\thttp://testserver/lankar/\traderad sida ”Gammal sida”" in (
            out.getvalue()
        )
        panel = dashboard(logged_in(EDITORS)).split("Trasiga länkar")[1].split("</table>")[0]
        assert "raderad sida ”Gammal sida”" in panel


class TestScheduledPublishing:
    def test_page_goes_live_when_the_scheduler_runs_after_its_time(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Senare", slug="senare")
        page.unpublish()
        go_live = timezone.now() + datetime.timedelta(hours=1)
        page.go_live_at = go_live
        page.save_revision().publish()  # with a future go_live_at this only schedules
        page.refresh_from_db()
        assert not page.live

        call_command("run_scheduler", "--once", stdout=StringIO())
        page.refresh_from_db()
        assert not page.live  # not yet

        later = go_live + datetime.timedelta(minutes=5)
        with mock.patch("django.utils.timezone.now", return_value=later):
            call_command("run_scheduler", "--once", stdout=StringIO())
        page.refresh_from_db()
        assert page.live
        assert Client().get("/senare/").status_code == 200

    def test_page_expires_when_the_scheduler_runs(self, site_tree):
        page = StandardPageFactory(parent=site_tree.home_sv, title="Tillfällig", slug="tillfallig")
        page.expire_at = timezone.now() + datetime.timedelta(hours=1)
        page.save()
        with mock.patch(
            "django.utils.timezone.now", return_value=page.expire_at + datetime.timedelta(minutes=1)
        ):
            call_command("run_scheduler", "--once", stdout=StringIO())
        page.refresh_from_db()
        assert not page.live
        assert Client().get("/tillfallig/").status_code == 404


def test_restoring_an_old_revision_brings_back_the_old_content(site_tree, admin_client):
    page = StandardPageFactory(parent=site_tree.home_sv, title="Version ett", slug="sida")
    old = page.save_revision()
    old.publish()
    page.title = "Version två"
    page.save_revision().publish()
    commit_pending()
    assert "Version två" in Client().get("/sida/").content.decode()

    response = admin_client.get(f"/admin/pages/{page.pk}/revisions/{old.pk}/revert/")
    assert response.status_code == 200
    assert 'value="Version ett"' in response.content.decode()

    # Publishing what the revert view loaded is what "restore" does.
    page.refresh_from_db()
    admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        publish_form(page, title="Version ett", **{"action-publish": "1"}),
    )
    commit_pending()
    assert "Version ett" in Client().get("/sida/").content.decode()
    compare = admin_client.get(f"/admin/pages/{page.pk}/revisions/compare/{old.pk}...latest/")
    assert compare.status_code == 200


@pytest.mark.parametrize(
    ("language", "label"), [("sv", "Ingress"), ("en", "Lead")], ids=["swedish", "english"]
)
def test_admin_labels_follow_the_editors_language(site_tree, language, label):
    client = logged_in(EDITORS, language=language)
    response = client.get(f"/admin/pages/add/pluginnovation/standardpage/{site_tree.home_sv.pk}/")
    assert f">\n            {label}" in response.content.decode() or f">{label}" in (
        response.content.decode()
    )


class TestExternalTranslation:
    """An editor starts a translation; an outside translator works on its PO file."""

    def test_po_file_round_trip_publishes_the_translators_text(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        import polib
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail_localize.models import Translation

        page = StandardPageFactory(
            parent=site_tree.home_sv, title="Om oss", slug="om", lead="Vi arbetar mot avbrott."
        )
        editor = logged_in(EDITORS)
        response = editor.post(
            f"/admin/localize/submit/page/{page.pk}/",
            {"locales": [site_tree.locale_en.pk]},
        )
        assert response.status_code == 302
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=site_tree.locale_en
        )

        translator = logged_in(TRANSLATORS)
        download = translator.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
        assert download.status_code == 200
        po = polib.pofile(download.content.decode())
        english = {"Om oss": "About us", "Vi arbetar mot avbrott.": "We work against dropout."}
        assert set(english) <= {entry.msgid for entry in po}
        for entry in po:
            entry.msgstr = english.get(entry.msgid, entry.msgid)
        upload = SimpleUploadedFile("om-en.po", str(po).encode(), "text/x-gettext-translation")
        response = translator.post(
            f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}
        )
        assert response.status_code == 302

        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(user=None, publish=True)
        english_page = page.get_translation(site_tree.locale_en)
        body = Client().get(english_page.url).content.decode()
        assert "About us" in body
        assert "We work against dropout." in body

    def test_a_po_file_for_another_page_is_refused(self, site_tree):
        import polib
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail_localize.models import Translation

        first = StandardPageFactory(parent=site_tree.home_sv, title="Ett", slug="ett")
        second = StandardPageFactory(parent=site_tree.home_sv, title="Två", slug="tva")
        editor = logged_in(EDITORS)
        for page in (first, second):
            editor.post(
                f"/admin/localize/submit/page/{page.pk}/", {"locales": [site_tree.locale_en.pk]}
            )
        one, two = (
            Translation.objects.get(source__object_id=page.translation_key)
            for page in (first, second)
        )
        translator = logged_in(TRANSLATORS)
        po = polib.pofile(
            translator.get(f"/admin/localize/translate/{one.pk}/pofile/download/").content.decode()
        )
        for entry in po:
            entry.msgstr = "Wrong page"
        upload = SimpleUploadedFile("ett-en.po", str(po).encode())
        translator.post(f"/admin/localize/translate/{two.pk}/pofile/upload/", {"file": upload})
        english = second.get_translation(site_tree.locale_en)
        assert "Wrong page" not in str(english.get_latest_revision_as_object().title)
