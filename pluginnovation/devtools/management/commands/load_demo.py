from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from pluginnovation.devtools.demo import LOADERS

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "plugin-demo"  # noqa: S105 - a local demo login, refused outside dev settings


class Command(BaseCommand):
    help = "Load the demo content from fixtures/ (idempotent: existing pages are left alone)."

    def handle(self, *args, **options):
        autodiscover_modules("demo")  # each content app's demo.py adds its loader

        for _order, load in sorted(LOADERS, key=lambda item: item[0]):
            self.stdout.write(f"{load.__module__}.{load.__name__}")
            load(self.stdout)

        if settings.DEMO_CREATE_ADMIN:
            self._ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def _ensure_demo_admin(self):
        users = get_user_model()
        if not users.objects.filter(username=DEMO_USERNAME).exists():
            users.objects.create_superuser(DEMO_USERNAME, "admin@example.invalid", DEMO_PASSWORD)
        self.stdout.write(
            self.style.WARNING(
                f"Admin (local only): http://127.0.0.1:8000/admin/ "
                f"user '{DEMO_USERNAME}', password '{DEMO_PASSWORD}'"
            )
        )
