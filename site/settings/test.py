import uuid

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default, as without CACHE_URL: query counts in tests include the menus and
# settings; tests/website/test_pagecache.py turns it on.
PAGE_FRAGMENT_CACHE = None
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOW_DEMO_CONTENT = True

# Elasticsearch only where a test asks for it (tests/search/conftest.py reads this), in
# indexes of this run's own prefix, removed at the end of the run; refusals raise.
ELASTICSEARCH_TEST_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}-"
ELASTICSEARCH_RAISE_ERRORS = True
