"""Settings for factcheck, read from the environment.

Development needs nothing set: SQLite in the project root and a throwaway secret key.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", "1")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

# ninja (the JSON API) is not an installed app: importing it at django.setup() would load pydantic and
# the API stack into every process, `manage.py analyze` included. The URLconf imports it when a request
# first needs it; its docs page's templates and Swagger UI files are found from where it is installed,
# without importing it.
NINJA_DIR = Path(find_spec("ninja").submodule_search_locations[0])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "claims",
]

MIDDLEWARE = [
    "claims.middleware.PrivacyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "claims.middleware.VaryOnHtmxMiddleware",
    "claims.inflow.live.DeskPollMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.desk.context_processors.desk_badges",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

# SQLite in the project root is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# SQLite: readers never wait for a writer (write-ahead log), a writer waits up to 5 s for another
# instead of failing at once, and a transaction takes the write lock when it begins (IMMEDIATE), so two
# writers queue rather than one failing with "database is locked" half-way through.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 5,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with permission sets cached between requests (claims/auth_backends.py); ModelBackend
    # itself stays listed so that sessions it signed in stay valid (it is asked only when ours says no).
    "claims.auth_backends.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): five failures for a username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
# Only behind proxies is X-Forwarded-For believed (its last DJANGO_PROXY_COUNT hops are ours); otherwise
# a client could name any address in it and never be locked out.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves static files; outside debugging they are compressed with hashed names, cached for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Public pages are cached here, and every process that serves them must share one cache: a page cached
# by one gunicorn worker has to go stale when the task worker or another web worker saves a verdict.
# Redis when REDIS_URL is set; otherwise the database (`manage.py createcachetable`, which `make migrate`
# runs). This process's memory only when asked for (FACTCHECK_CACHE=memory) or while debugging with
# nothing set, where the test suite runs: it is right only for a single process.
CACHE_BACKENDS = {
    "redis": {
        "BACKEND": "claims.cache_backends.SharedClientRedisCache",  # Django's, one client per pool
        "LOCATION": os.environ.get("REDIS_URL"),
    },
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},  # pages of 5-30 kB each: at most about 150 MB
    },
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CACHE_BACKEND = os.environ.get("FACTCHECK_CACHE") or (
    "redis" if os.environ.get("REDIS_URL") else "memory" if DEBUG else "database"
)
if CACHE_BACKEND not in CACHE_BACKENDS or (CACHE_BACKEND == "redis" and not os.environ.get("REDIS_URL")):
    raise ImproperlyConfigured("FACTCHECK_CACHE must be redis (with REDIS_URL set), database or memory.")
CACHES = {"default": CACHE_BACKENDS[CACHE_BACKEND]}

# Content Security Policy with a fresh nonce per request: no inline script or style, no eval.
# htmx is configured to match in templates/includes/htmx_config.html.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, all switched off (claims/middleware.py writes the header): feature → the
# origins allowed to use it, none.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Background work (article analysis, URL fetching) runs through Django's Tasks framework on a
# database-backed queue, so queued work survives a restart; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Where the public site says it lives; ClaimReview URLs and feeds use it.
SITE_NAME = os.environ.get("FACTCHECK_SITE_NAME", "factcheck")
SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The analysis refuses articles larger than this (bytes).
ANALYSIS_MAX_BYTES = int(os.environ.get("FACTCHECK_MAX_ARTICLE_BYTES", str(2 * 1024 * 1024)))
# Each step of an ingest's analysis (reading the article; comparing it with the stored ones) runs in a
# child process with this much time and memory beyond the worker's own; past either it stops with a
# message for the editor (claims/budgets.py).
ANALYSIS_TIME_LIMIT_SECONDS = float(os.environ.get("FACTCHECK_ANALYSIS_SECONDS", "120"))
ANALYSIS_MEMORY_LIMIT_BYTES = int(os.environ.get("FACTCHECK_ANALYSIS_MEMORY_MB", "1024")) * 1024 * 1024
# Contradictions stored per ingested article, the most severe first; the article page says how many
# more were possible.
MAX_CONTRADICTIONS_PER_ARTICLE = int(os.environ.get("FACTCHECK_MAX_CONTRADICTIONS_PER_ARTICLE", "50"))

# One handler for everything, the root's. Django's own "django" logger has its default console handler
# taken away and passes its lines up to the root: with both, each of them (the reloader's banner) was
# printed twice.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": [], "level": "INFO" if DEBUG else "WARNING"}},
}

# The admin lives at a configurable path so that it is not where scanners look first.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Fetching URLs for ingest and evidence: limits, and no private addresses (tests switch that on).
FETCH_TIMEOUT_SECONDS = float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", "10"))
FETCH_MAX_BYTES = int(os.environ.get("FACTCHECK_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
FETCH_MAX_REDIRECTS = 3
FETCH_ALLOW_PRIVATE_ADDRESSES = env_flag("FACTCHECK_FETCH_ALLOW_PRIVATE", "0")

# Uploads and pasted articles above this are refused with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

# --- reader site (issue 5) ---
# The sitemap framework for /sitemap.xml. The read-only JSON API's docs page serves Swagger UI from our
# static files instead of a CDN (ninja's own files, see NINJA_DIR above).

# Production: HTTPS behind a proxy that sets X-Forwarded-Proto (see README, "Serving").
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # an editor's working day
# Sessions stay in the database and are read through the shared cache (write-through): a signed-in request
# does not query its session on every page, and a logout or a flush drops both copies.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- inflow: watched feeds, readers' tips, a desk that stays current (issue 15, claims/inflow/) ---
FEEDS_MAX_BYTES = int(os.environ.get("FACTCHECK_FEED_MAX_BYTES", str(2 * 1024 * 1024)))
FEEDS_MAX_ITEMS_PER_POLL = 50  # a feed listing more is read from the top
FEEDS_PER_ROUND = 20  # feeds one poller claims at a time
FEEDS_LEASE_SECONDS = 300  # a poller that dies mid-round frees its feeds after this
FEEDS_POLL_LOOP_SECONDS = 30  # how often `manage.py poll_feeds` looks for due feeds
TIPS_PER_HOUR = 5  # per client address
TIPS_RETENTION_DAYS = int(os.environ.get("FACTCHECK_TIPS_RETENTION_DAYS", "180"))
DESK_POLL_SECONDS = float(os.environ.get("FACTCHECK_DESK_POLL_SECONDS", "10"))
DESK_PRESENCE_SECONDS = 60  # "editor2 is looking at this claim" lasts this long without a heartbeat
# E-mail to readers who left an address: the console while debugging unless EMAIL_HOST is set; in
# production always SMTP (to EMAIL_HOST, else the machine's own mail server on localhost:25).
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "factcheck <noreply@localhost>")
# Django 6.1's MAILERS (EMAIL_BACKEND and friends are deprecated).
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587" if os.environ.get("EMAIL_HOST") else "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_flag("EMAIL_USE_TLS", "1" if os.environ.get("EMAIL_HOST") else "0"),
            "timeout": 10,
        },
    }
    if os.environ.get("EMAIL_HOST") or not DEBUG
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
