import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pluginnovation.settings.production")

from django.core.wsgi import get_wsgi_application

from pluginnovation.caching.cache import PageCacheApplication

# The page cache answers its hits around Django's handler, as WhiteNoise can wrap it.
application = PageCacheApplication(get_wsgi_application())
