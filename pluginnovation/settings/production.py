"""Production: everything deployment-specific comes from the environment (see README.md)."""

from .base import *  # noqa: F403
from .base import database_config, env, env_list

SECRET_KEY = env("SECRET_KEY", required=True)
env("ALLOWED_HOSTS", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASES = {"default": database_config(env("DATABASE_URL", required=True))}
