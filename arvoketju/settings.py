"""Django settings for arvoketju.

Everything that differs between a laptop and a shared deployment comes from the environment:
``DATABASE_URL`` (default: an SQLite file in the user's data folder), ``ARVOKETJU_SECRET_KEY``,
``ARVOKETJU_DEBUG``, ``ARVOKETJU_ALLOWED_HOSTS``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from platformdirs import user_data_dir

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("ARVOKETJU_DATA_DIR") or user_data_dir("arvoketju", appauthor=False))
DATASETS_DIR = Path(os.environ.get("ARVOKETJU_DATASETS_DIR") or REPO_DIR / "datasets")


def _secret_key() -> str:
    """Secret from the environment; otherwise one generated once per installation and kept on disk."""
    if os.environ.get("ARVOKETJU_SECRET_KEY"):
        return os.environ["ARVOKETJU_SECRET_KEY"]
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ARVOKETJU_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ARVOKETJU_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]

INSTALLED_APPS = [
    "arvoketju.cli",  # first, so its `check` and `serve` commands take precedence
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, not a CDN
    "arvoketju.provenance",
    "arvoketju.places",
    "arvoketju.actors",
    "arvoketju.taxonomy",
    "arvoketju.collaboration",
    "arvoketju.capabilities",
    "arvoketju.industry",
    "arvoketju.workforce",
    "arvoketju.outcomes",
    "arvoketju.accounts",
    "arvoketju.search",
    "arvoketju.analytics",
    "arvoketju.reports",
    "arvoketju.stewardship",
    "arvoketju.api",
    "arvoketju.web",
    "arvoketju.imports",
    "arvoketju.partners",
    "axes",  # login throttling
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "arvoketju.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "arvoketju.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "arvoketju.accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "arvoketju.accounts.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in after repeated failures
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ARVOKETJU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("ARVOKETJU_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "arvoketju.urls"
WSGI_APPLICATION = "arvoketju.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "arvoketju.web.context_processors.language_neutral_path",
                "arvoketju.web.navigation.main_navigation",
            ],
        },
    },
]


def default_database_url() -> str:
    """The embedded default: an SQLite file in the user's data folder."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return "sqlite:///" + str(DATA_DIR / "arvoketju.sqlite3")


DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or default_database_url())}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN,
        # so concurrent writers queue (busy timeout) instead of failing on lock upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ARVOKETJU_TEST_SQLITE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Secure defaults. Behind HTTPS set ARVOKETJU_HTTPS=1 (cookies only over HTTPS, HSTS, redirect);
# `arvoketju check --deploy` lists what a shared deployment still lacks.
ARVOKETJU_HTTPS = os.environ.get("ARVOKETJU_HTTPS") == "1"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = ARVOKETJU_HTTPS
CSRF_COOKIE_SECURE = ARVOKETJU_HTTPS
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ARVOKETJU_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SECURE_SSL_REDIRECT = ARVOKETJU_HTTPS
SECURE_HSTS_SECONDS = 31536000 if ARVOKETJU_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = ARVOKETJU_HTTPS
if os.environ.get("ARVOKETJU_PROXY_SSL_HEADER") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sites allowed to embed the read-only public pages in an iframe, e.g. "https://www.example.fi"
ARVOKETJU_EMBED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("ARVOKETJU_EMBED_ORIGINS", "").split(",")
    if origin.strip().startswith(("https://", "http://")) and not any(c in origin for c in " ;'\"")
]
EMAIL_BACKEND = os.environ.get("ARVOKETJU_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ARVOKETJU_FROM_EMAIL", "arvoketju@localhost")
# SMTP when ARVOKETJU_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
EMAIL_HOST = os.environ.get("ARVOKETJU_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ARVOKETJU_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ARVOKETJU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ARVOKETJU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("ARVOKETJU_EMAIL_TLS") == "1"

# Stewardship: update links, surveys, freshness (docs/update-links-and-surveys.md)
ARVOKETJU_BASE_URL = os.environ.get("ARVOKETJU_BASE_URL", "http://127.0.0.1:8000")
ARVOKETJU_LINK_DAYS = int(os.environ.get("ARVOKETJU_LINK_DAYS", "30"))
ARVOKETJU_STALE_AFTER_DAYS = int(os.environ.get("ARVOKETJU_STALE_AFTER_DAYS", "365"))
ARVOKETJU_LINK_MAX_SUBMISSIONS = int(os.environ.get("ARVOKETJU_LINK_MAX_SUBMISSIONS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ARVOKETJU_LOG_LEVEL", "WARNING")},
}

# Bulk imports (`arvoketju import`, the admin's import page): limits on what one file may hold.
ARVOKETJU_IMPORT_MAX_BYTES = int(os.environ.get("ARVOKETJU_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
ARVOKETJU_IMPORT_MAX_ROWS = int(os.environ.get("ARVOKETJU_IMPORT_MAX_ROWS", 50_000))
ARVOKETJU_IMPORT_MAX_COLUMNS = 100
ARVOKETJU_IMPORT_MAX_CELL_CHARS = 20_000
ARVOKETJU_IMPORT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # an XLSX file expanded (zip-bomb guard)
ARVOKETJU_IMPORT_MAX_ZIP_RATIO = 200
ARVOKETJU_IMPORT_MAX_ZIP_MEMBERS = 1000
ARVOKETJU_DECK_MAX_CARDS = int(os.environ.get("ARVOKETJU_DECK_MAX_CARDS", "200"))  # per web download; the CLI has none
ARVOKETJU_IMPORT_BACKGROUND_ROWS = 500  # the admin applies larger files in a background thread with progress
