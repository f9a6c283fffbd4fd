"""WSGI entry point: `gunicorn karib.wsgi` (set DJANGO_SETTINGS_MODULE=karib.settings.prod).

The URL configuration is loaded here, when a gunicorn worker starts, not on its first request:
it imports every view, the API and the tone engine (whose lexicons compile about a thousand
patterns), which made a fresh worker's first request take about a second of CPU (3.6 s under
the load test's start, workers recycled by `max_requests` included).
"""

import os

from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 -- imports every URL module now
connections.close_all()  # warming needs no database; leave none open
