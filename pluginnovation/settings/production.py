"""Production: everything deployment-specific comes from the environment (see README.md)."""

from urllib.parse import unquote, urlsplit

from .base import *  # noqa: F403
from .base import SITE_URL, database_config, env, env_list

SECRET_KEY = env("SECRET_KEY", required=True)
env("ALLOWED_HOSTS", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASES = {"default": database_config(env("DATABASE_URL", required=True))}
# Forms posted to the public address pass the CSRF origin check without a second variable.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or ([SITE_URL] if SITE_URL else [])


def email_config(url):
    """Django's e-mail settings from one address.

    smtp://user:password@host:587 (STARTTLS), smtps://…:465 (TLS from the start),
    smtp+insecure://host:25 (a relay on a private network), console:// (print, for trials).
    """
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps", "smtp+insecure"} or not parts.hostname:
        raise ValueError("EMAIL_URL must be smtp://, smtps://, smtp+insecure:// or console://")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or {"smtps": 465, "smtp": 587}.get(parts.scheme, 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_TIMEOUT": 10,
    }


if env("EMAIL_URL"):
    globals().update(email_config(env("EMAIL_URL")))
# Review and workflow e-mails come from the site's own domain, not webmaster@localhost.
_site_host = urlsplit(SITE_URL).hostname if SITE_URL else None
DEFAULT_FROM_EMAIL = (
    env("DEFAULT_FROM_EMAIL")
    or (f"PlugInnovation <noreply@{_site_host}>" if _site_host else None)
    or "webmaster@localhost"
)
SERVER_EMAIL = env("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
