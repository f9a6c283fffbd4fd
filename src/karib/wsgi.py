"""WSGI entry point: `gunicorn karib.wsgi` (set DJANGO_SETTINGS_MODULE=karib.settings.prod)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
application = get_wsgi_application()
