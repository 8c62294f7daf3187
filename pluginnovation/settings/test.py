"""The test suite: SQLite in memory by default, PostgreSQL when DATABASE_URL is set (CI)."""

from .base import *  # noqa: F403
from .base import database_config, env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": database_config(env("DATABASE_URL", "sqlite://:memory:"))}
DATABASES["default"]["CONN_MAX_AGE"] = 0
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }
}
# Tests that are not about two-factor authentication log editors in with a password alone;
# tests/security turns it on where it is the subject.
TWO_FACTOR_REQUIRED = False
