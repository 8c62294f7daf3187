"""The caches follow the database only once a change is committed.

A reader who asks while an editor's transaction is still open sees, and may cache, the old
state; the version must move on after the commit, not at the save, or that old state would be
served until some later edit. These tests hold a real transaction open in another thread (its
own database connection) while readers ask, so they need a database where readers are not
blocked by an open write: PostgreSQL, as in CI and production.
"""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from tests.factories import uncached_client
from tests.knowledge.factories import ArticlePageFactory, KnowledgeIndexPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]

SECRET = "Hemlig innehållsmening"


@pytest.fixture
def article(site_tree):
    index = KnowledgeIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    return ArticlePageFactory(
        parent=index, title="Mentorskap i praktiken", slug="mentorskap", lead=SECRET
    )


def change_in_open_transaction(change):
    """Run `change()` in a transaction in another thread and keep it open until released.

    Returns (opened, release, finished): wait for `opened`, read, then `release.set()` and
    `finished.join()` to commit.
    """
    opened, release = threading.Event(), threading.Event()
    errors = []

    def work():
        try:
            with transaction.atomic():
                change()
                opened.set()
                release.wait(timeout=30)
        except Exception as error:  # noqa: BLE001 - reported in the test thread
            errors.append(error)
            opened.set()
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    assert opened.wait(timeout=30)
    return release, thread, errors


def readers():
    return {"anonymous": Client(), "with a cookie": uncached_client()}


def read_everything(article):
    for client in readers().values():
        for path in ("/kunskap/", article.url, "/"):
            client.get(path)
            client.get(path)


@pytest.mark.parametrize(
    "restrict",
    [
        pytest.param(
            lambda page: PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
            ),
            id="password",
        ),
        pytest.param(
            lambda page: PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            ),
            id="login",
        ),
        pytest.param(
            lambda page: PageViewRestriction.objects.create(
                page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
            ),
            id="login on the parent",
        ),
    ],
)
def test_a_restriction_added_in_a_transaction_holds_once_committed(article, restrict):
    read_everything(article)
    release, thread, errors = change_in_open_transaction(
        lambda: restrict(Page.objects.get(pk=article.pk))
    )
    # Readers in the window see the old, public state and fill every cache with it.
    for client in readers().values():
        assert SECRET in client.get(article.url).content.decode()
        assert "Mentorskap i praktiken" in client.get("/kunskap/").content.decode()
    release.set()
    thread.join()
    assert not errors

    for name, client in readers().items():
        response = client.get(article.url)
        assert SECRET not in response.content.decode(), name
        assert response.status_code in (200, 302), name  # a password form, or to the login
        assert "Mentorskap i praktiken" not in client.get("/kunskap/").content.decode(), name


def test_unpublishing_in_a_transaction_holds_once_committed(article):
    read_everything(article)
    release, thread, errors = change_in_open_transaction(
        lambda: Page.objects.get(pk=article.pk).specific.unpublish()
    )
    for client in readers().values():
        assert client.get(article.url).status_code == 200
    release.set()
    thread.join()
    assert not errors

    for name, client in readers().items():
        assert client.get(article.url).status_code == 404, name
        assert "Mentorskap i praktiken" not in client.get("/kunskap/").content.decode(), name


def test_a_change_rolled_back_changes_nothing(article):
    read_everything(article)

    def restrict_then_fail():
        PageViewRestriction.objects.create(
            page=Page.objects.get(pk=article.pk), restriction_type=PageViewRestriction.LOGIN
        )
        raise RuntimeError("the editor's request failed")

    release, thread, errors = change_in_open_transaction(restrict_then_fail)
    release.set()
    thread.join()
    assert len(errors) == 1
    for client in readers().values():
        assert SECRET in client.get(article.url).content.decode()
