"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import BASE_DIR, database_config, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DATABASES = {
    "default": database_config(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_CREATE_ADMIN = True
# A newcomer's `make run` logs in with the demo password alone; TWO_FACTOR_REQUIRED=true tries
# the production behaviour locally (README, "Two-factor authentication").
TWO_FACTOR_REQUIRED = env("TWO_FACTOR_REQUIRED", "false").lower() == "true"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# On disk, as in production: `make run`, `manage.py shell` and the scheduler are separate
# processes, and an edit made in one must reach pages cached by another. A restart (new code
# or templates) starts a fresh content version (pluginnovation/caching/apps.py).
CACHES = {
    "default": {
        "BACKEND": "pluginnovation.caching.files.FileCache",
        "LOCATION": env("CACHE_DIR", str(BASE_DIR / ".cache")),
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }
}
FRESH_CONTENT_VERSION_ON_START = True
