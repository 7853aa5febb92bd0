"""Deployment checks (``arvoketju check --deploy``): what a shared deployment is missing."""

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register

SECRET = Warning(
    "ARVOKETJU_SECRET_KEY is not set: the secret key comes from a file in the data folder",
    hint="set ARVOKETJU_SECRET_KEY from your secret store",
    id="arvoketju.W001",
)
HTTPS = Warning(
    "ARVOKETJU_HTTPS is not set: cookies are not marked secure, no HSTS, no HTTPS redirect",
    hint="serve behind HTTPS and set ARVOKETJU_HTTPS=1 (and ARVOKETJU_PROXY_SSL_HEADER=1 behind a proxy)",
    id="arvoketju.W002",
)
HOSTS = Warning(
    "ARVOKETJU_ALLOWED_HOSTS names only this machine",
    hint="set ARVOKETJU_ALLOWED_HOSTS to the public host name",
    id="arvoketju.W003",
)
SQLITE = Warning(
    "the database is SQLite: fine for one user, use PostgreSQL (DATABASE_URL) for a shared deployment",
    id="arvoketju.W004",
)
EMAIL = Warning(
    "e-mail goes to the console: update links and reminders will not reach anyone",
    hint="set ARVOKETJU_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and ARVOKETJU_EMAIL_HOST …",
    id="arvoketju.W005",
)


@register(Tags.security, deploy=True)
def deployment_checks(app_configs, **kwargs):
    problems = []
    if not os.environ.get("ARVOKETJU_SECRET_KEY"):
        problems.append(SECRET)
    if not getattr(settings, "ARVOKETJU_HTTPS", False):
        problems.append(HTTPS)
    if set(settings.ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
        problems.append(HOSTS)
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(SQLITE)
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(EMAIL)
    return problems
