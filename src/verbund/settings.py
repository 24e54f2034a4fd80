"""Settings for verbund, read from the environment (see docs/configuration.md).

Every knob is a ``VERBUND_*`` variable so that one process image serves the demo,
tests and production; nothing here needs editing for a deployment.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"VERBUND_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use VERBUND_SECRET_KEY, else a key generated once into var/ (never committed)."""
    configured = env("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
# HTTPS-only cookies, redirects and HSTS are on unless explicitly switched off (the local demo).
HTTPS = env_bool("HTTPS", not DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "verbund.core",
    "verbund.networks",
    "verbund.courses",
    "verbund.needs",
    "verbund.advice",
    "verbund.exams",
    "verbund.events",
    "verbund.economy",
    "verbund.apprenticeship",
    "verbund.mobility",
    "verbund.funding",
    "verbund.api",
]

MIDDLEWARE = [
    "verbund.core.observability.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "verbund.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "verbund.core.nul_bytes.NulByteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "verbund.core.middleware.OddInputMiddleware",
]

ROOT_URLCONF = "verbund.urls"
WSGI_APPLICATION = "verbund.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "verbund.core.context_processors.layout",
            ],
            "string_if_invalid": env("TEMPLATE_STRING_IF_INVALID", ""),
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'verbund.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the index updater and several gunicorn workers read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A connection broken by a database restart is replaced at the next request's start.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
        if env("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one username from one address lock that account
# there for 15 minutes; after 30 from one address across usernames (password spraying)
# that address may try only accounts that signed in from it within 90 days
# (verbund.core.services.login_limits).
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_IP_FAILURE_LIMIT = int(env("LOGIN_IP_FAILURE_LIMIT", "30"))
LOGIN_KNOWN_DAYS = int(env("LOGIN_KNOWN_DAYS", "90"))
AXES_FAILURE_LIMIT = "verbund.core.services.login_limits.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
# Per account and address only: a third party cannot lock a whole organization out
# (the address-wide spraying limit stops unknown accounts only, see login_limits).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(env("PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English")), ("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Media through the storage API: "local" (MEDIA_ROOT; shared with several servers) or
# "s3://bucket" (S3-compatible object storage via django-storages; VERBUND_S3_* below).
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_STORAGE.removeprefix("s3://"),
                "endpoint_url": env("S3_ENDPOINT_URL") or None,
                "access_key": env("S3_ACCESS_KEY") or None,
                "secret_key": env("S3_SECRET_KEY") or None,
                "default_acl": None,
                "querystring_auth": True,
            },
        }
        if MEDIA_STORAGE.startswith("s3://")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env_bool("PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Source maps are never requested by users; compressing them doubles collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "swf",
    "flv",
    "woff",
    "woff2",
    "3gp",
    "3gpp",
    "asf",
    "avi",
    "m4v",
    "mov",
    "mp4",
    "mpeg",
    "mpg",
    "webm",
    "wmv",
    "map",
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_MB", "50")) * 1024 * 1024

# Mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "verbund <noreply@verbund.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: long jobs (solver runs, imports, reindexing, reports, mass mail) go to
# the database queue and run in `verbund worker` (the demo starts one beside gunicorn), so
# no long job ever runs inside a web request. VERBUND_TASKS_BACKEND=immediate runs a task
# at once in the calling process: only the tests and the demo data loader use that.
TASKS_IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASKS = (
    TASKS_IMMEDIATE
    if env("TASKS_BACKEND") == "immediate"
    else {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
)

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SSL_REDIRECT", True)
# Load balancers and Prometheus probe the servers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Personal links never reach a log: every handler masks token-shaped path segments
# (verbund.core.log_masking); runserver's access log gets the same filter, and
# "django" logs through the root handler instead of Django's unfiltered default one.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "verbund.core.log_masking.TokenMaskingFilter"}},
    # VERBUND_LOG_FORMAT=json: one JSON object per line with time, level, request/user/job id.
    "formatters": {
        "json": {"()": "verbund.core.observability.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "text"),
            "filters": ["mask_tokens"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": [], "level": env("LOG_LEVEL", "WARNING")},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
# /metrics (Prometheus) answers only with "Authorization: Bearer <token>"; empty: off.
METRICS_TOKEN = env("METRICS_TOKEN")
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from verbund.core.observability.errors import init_error_reporting

    init_error_reporting(SENTRY_DSN, env("SENTRY_ENVIRONMENT", "production"))

# Where derived data lives (the course search index): beside the database, rebuildable.
INDEX_DIR = Path(env("INDEX_DIR", str(VAR_DIR / "index")))
# Days an offer without a future run stays findable after its last run started.
COURSES_GRACE_DAYS = int(env("COURSES_GRACE_DAYS", "30"))
# Days the course change log is kept for replicas (verbund housekeeping prunes below them).
COURSES_CHANGELOG_RETENTION_DAYS = int(env("COURSES_CHANGELOG_RETENTION_DAYS", "7"))
