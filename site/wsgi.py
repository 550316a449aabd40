import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# Build the URL resolver while the worker starts, not on its first request or publish (a
# publish reverses the page's URL to purge it): that imports the admin's URLconf and every
# viewset's, 60–70 % of a fresh process's first publish (docs/benchmarks.md).
get_resolver().reverse_dict  # noqa: B018 - the property builds and caches it
