"""Settings shared by every environment, safe for production as they stand.

Anything that differs per deployment is read from the environment; `dev.py` and `test.py`
loosen only what a developer's machine needs.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production; "
            "see 'Production configuration' in README.md."
        )
    return value


def database_config(url):
    """Persistent connections, checked before reuse.

    Without the health check a PostgreSQL restart leaves every worker holding a dead
    connection and answering 5xx until it is recycled.
    """
    config = dj_database_url.parse(
        url, conn_max_age=int(env("CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # A database that does not answer must not hold a request (or /healthz) for long.
        config.setdefault("OPTIONS", {})["connect_timeout"] = 2
    return config


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
# No insecure fallbacks: production.py refuses to start without these.
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pluginnovation.site",
    "pluginnovation.caching",
    "pluginnovation.search",
    "pluginnovation.openweb",
    "pluginnovation.accounts",
    "pluginnovation.editorial",
    "pluginnovation.devtools",
    "knowledge",
    "casestudies",
    "literature",
    "news",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # First, like Django's cache middleware: a hit is sent as stored, headers and all.
    "pluginnovation.caching.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pluginnovation.openweb.cors.ApiCorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pluginnovation.accounts.security.HostileInputMiddleware",
    "pluginnovation.accounts.security.AllowedMethodsMiddleware",
    "pluginnovation.accounts.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pluginnovation.accounts.twofactor.RequireTwoFactorMiddleware",
    "pluginnovation.accounts.permissions.AdminScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pluginnovation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's default loaders, leaving out the indentation of the site's own templates.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "pluginnovation.site.loaders.FilesystemLoader",
                        "pluginnovation.site.loaders.AppDirectoriesLoader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "pluginnovation.wsgi.application"

DATABASES = {"default": database_config(env("DATABASE_URL"))} if env("DATABASE_URL") else {}

# The page cache (pluginnovation/caching/) and the content version it is keyed on must be shared
# by every worker: Redis when REDIS_URL is set, else files on this machine.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, answering misses instead of errors while Redis is away.
            "BACKEND": "pluginnovation.caching.redis.ResilientRedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "pluginnovation",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "pluginnovation.caching.files.FileCache",
            "LOCATION": env("CACHE_DIR", str(Path(tempfile.gettempdir()) / "pluginnovation-cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
PAGE_CACHE_ALIAS = "default"  # the cache that holds pages, fragments and the version
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# How long a CDN in front may keep a public page (it is purged on publish when configured).
PAGE_CACHE_CDN_SECONDS = int(env("PAGE_CACHE_CDN_SECONDS", "60"))

# A CDN or Varnish in front is purged of a page's URLs when it is published or unpublished.
# Listings that show it follow within PAGE_CACHE_CDN_SECONDS.
if env("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
elif env("CLOUDFLARE_BEARER_TOKEN"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONE_ID", required=True),
        }
    }

AUTH_USER_MODEL = "pluginnovation.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out user and IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "pluginnovation.accounts.twofactor.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out editor may try again after 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pluginnovation.accounts.twofactor.lockout_response"
AXES_VERBOSE = False
# Two-factor authentication (TOTP): with it on, no login counts until its second factor is
# verified, for every user, superusers included (pluginnovation/accounts/twofactor.py).
TWO_FACTOR_REQUIRED = env("TWO_FACTOR_REQUIRED", "true").lower() == "true"
OTP_TOTP_ISSUER = "PlugInnovation"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish is the source language of every page and lives at "/", English under
# "/en/".
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# "Translate" creates the English page as a draft: it goes live only when a translator or editor
# publishes the translation, never with the Swedish text still in it. (wagtail-localize's own
# default copies the source's live status, publishing Swedish text under /en/ at once.)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "PlugInnovation"
# The public address (https://pluginnovation.se): `configure_site` gives it to the default Site
# at release time, and admin e-mails link to it.
SITE_URL = env("SITE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL or "https://pluginnovation.se")
# The API's `detail_url`s on the same public address as every other absolute link; without
# SITE_URL, Wagtail takes the Site of the request (None is its "not set").
WAGTAILAPI_BASE_URL = SITE_URL or None
WAGTAILIMAGES_IMAGE_MODEL = "pluginnovation.CustomImage"
# "default" serves the admin's search; "lemmas" is the site search's Swedish/English-aware index
# (pluginnovation/search), kept up to date by the same signals and rebuilt by update_index.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
    "lemmas": {"BACKEND": "pluginnovation.search.backend"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pluginnovation.accounts.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# No request from the admin or the site to anyone but us.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_ENABLED = True

# Only a local development setup may create the demo administrator.
DEMO_CREATE_ADMIN = False
# generate_content refuses to run unless this is set (the benchmark sets it).
ALLOW_SYNTHETIC_CONTENT = env("ALLOW_SYNTHETIC_CONTENT", "false").lower() == "true"

# Security: a public-sector site served over HTTPS only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 63_072_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "filters": {"one_line_warning": {"()": "pluginnovation.accounts.logfilters.OneLineWarning"}},
    "loggers": {
        # Wagtail's background tasks log every start and finish at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # A request for a host we do not serve: a 400 and one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["one_line_warning"],
            "propagate": False,
        },
    },
}

# Where browsers send reports of Content-Security-Policy violations on public pages (an
# address of your own collector; empty: no reports).
CSP_REPORT_URI = env("CSP_REPORT_URI", "")
