"""Settings shared by every environment; everything that varies comes from the environment."""

import datetime
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

import django.conf.locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def mailer_from_url(url):
    """A MAILERS entry (Django 6.1) from ``smtp://user:password@host:587?tls=1`` or
    ``smtps://…`` (SSL from the start); user and password percent-encoded."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL must look like smtp://user:password@host:587?tls=1")
    tls = parse_qs(parts.query).get("tls", ["0"])[0].lower() in ("1", "true", "yes")
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": tls,
            "timeout": 10,
        },
    }


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "website",
    "careers",
    "careers.streaming",
    "careers.survey",
    "institutions",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.api.v2",
    "rest_framework",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.StripNullCharactersMiddleware",
    "website.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "website.admin_access.ReportsGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "website.middleware.PublicCacheMiddleware",
    "website.middleware.AdminChooserScriptMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "website.urls"
# Form widgets use the project's templates too (see templates/wagtailadmin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The working set (pages, search rows) is in memory, where a random read costs about
    # what a sequential one does: PostgreSQL's default (4) makes the planner scan the whole
    # search-row table for a broad word instead of reading its matches through the index
    # (docs/search.md). 1.1 is the usual setting for SSDs. Behind PgBouncer in transaction
    # mode, set it on the database instead (ALTER DATABASE … SET random_page_cost = 1.1);
    # "?options=…" in DATABASE_URL replaces this.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")

if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            # Answers as "not cached" while Redis is down or hangs, instead of failing the
            # page (0.5 s socket timeouts, then skipped for a few seconds: website/cache.py).
            "BACKEND": "website.cache.ResilientRedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
    # Sessions live in PostgreSQL and are read through the cache: a logged-in editor stays
    # logged in when Redis restarts or loses its memory.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The menus, site settings and sitemap are cached across requests in this cache, which
# every process must share (website/pagecache.py): off without CACHE_URL.
PAGE_FRAGMENT_CACHE = "default" if os.environ.get("CACHE_URL") else None

# Elasticsearch (optional; docs/search.md). Elasticsearch 9 starts with TLS and
# authentication on: give the cluster's CA certificate and an API key.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "huong-nghiep-")
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "1"))  # search, suggest
ELASTICSEARCH_REBUILD_TIMEOUT = float(os.environ.get("ELASTICSEARCH_REBUILD_TIMEOUT", "120"))

# Login throttling (website.security): django-axes counts failures per account and per address.
AUTHENTICATION_BACKENDS = [
    "website.security.ThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each one locks on its own
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures only: no log of every login's address
AXES_LOCKOUT_CALLABLE = "website.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "website.security.client_ip"
# Proxies whose X-Forwarded-For is believed (the reverse proxy in front of gunicorn).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
PASSWORD_RESET_LIMIT = 5  # requests an hour, per address and per e-mail address
# Survey answers an hour from one address (a school's whole grade may share one address).
SURVEY_ANSWER_LIMIT = int(os.environ.get("SURVEY_ANSWER_LIMIT", "400"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: language, time zone, and dd/mm/yyyy dates (see website/formats/vi).
LANGUAGE_CODE = "vi"
# Pages may also be published in minority languages (Wagtail locales): a Xơ Đăng or Ba Na
# page sits beside the Vietnamese one at /sed/… or /bdq/…, while every Vietnamese address,
# the interface and the admin stay Vietnamese (website/urls.py: no /vi/ prefix). Django's
# LANG_INFO lacks these ISO 639-3 codes: they are described here, and each has an (empty)
# catalog in site/locale/ so that Django recognises it in a URL; untranslated interface
# text falls back to Vietnamese.
LANGUAGES = [("vi", "Tiếng Việt"), ("sed", "Xơ Đăng"), ("bdq", "Ba Na")]
EXTRA_LANG_INFO = {
    "sed": {"bidi": False, "code": "sed", "name": "Sedang", "name_local": "Xơ Đăng"},
    "bdq": {"bidi": False, "code": "bdq", "name": "Bahnar", "name_local": "Ba Na"},
}
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["website.formats"]
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_admin"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# E-mail (password reset, moderation notices) through Django 6.1's MAILERS, from EMAIL_URL.
# Without it: printed to the console here; production sends nothing and turns password
# reset off (settings/production.py), so the form never says "sent" when nothing is.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "huongnghiep@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {
    "default": mailer_from_url(EMAIL_URL)
    if EMAIL_URL
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}

# Security headers on every response, from the first page on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by website.middleware.PermissionsPolicyMiddleware: no page uses these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# manage.py load_demo creates accounts with published passwords: development and tests only.
ALLOW_DEMO_CONTENT = False
# Public pages are cached by proxies for this many seconds (no per-user state on them).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# Wagtail
WAGTAIL_SITE_NAME = "Hướng nghiệp"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# ASCII page slugs: /nghe-nghiep/dien-cong-nghiep/, not percent-encoded Vietnamese.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES[:1]  # the admin is in Vietnamese only
WAGTAILADMIN_USER_LOGIN_FORM = "website.forms.LoginForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from an outside host break the CSP
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls from the admin to outside hosts (CSP, privacy)
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "webp": "webp"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx", "ods", "pptx", "odp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        # Wagtail's HTTP backend (PURGE to the Varnish of deploy/), after the commit.
        "BACKEND": "website.frontendcache.CommittedHTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
