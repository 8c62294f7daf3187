import contextlib
import os
import shutil

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI") == "true"
CHROMIUM = "/usr/bin/chromium"


def pytest_sessionstart(session):
    # CI promises PostgreSQL and Chromium; a run that quietly fell back would prove nothing.
    if IN_CI:
        engine = settings.DATABASES["default"]["ENGINE"]
        if engine != "django.db.backends.postgresql":
            raise pytest.UsageError(f"CI must run on PostgreSQL, not {engine}")
        if not shutil.which(CHROMIUM):
            raise pytest.UsageError(f"CI must have Chromium at {CHROMIUM}")


@pytest.fixture
def site_tree(db):
    """Swedish and English home pages, as the site has them (see tests/factories.py)."""
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def database_vendor():
    return connection.vendor


@pytest.fixture(autouse=True)
def _empty_caches():
    """The page cache lives outside the database, which each test rolls back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def committed():
    """`with committed(): …`: the block is one editor's transaction, committed at its end.

    Tests run inside one transaction that is never committed, and the caches move on only
    after a commit (`transaction.on_commit`); what the test changed before the block counts
    as committed earlier.
    """
    from tests.factories import commit_pending

    @contextlib.contextmanager
    def transaction():
        commit_pending()
        yield
        commit_pending()

    return transaction
