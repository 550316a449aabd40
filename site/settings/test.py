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
