"""Fresh, empty databases of the engine under test, for CLI tests that run real commands."""

from __future__ import annotations

import contextlib
import os
import uuid

import dj_database_url
from django.conf import settings


@contextlib.contextmanager
def fresh_database_url(tmp_path):
    """Yield a ``DATABASE_URL`` for a new empty database on the same engine the suite runs on
    (an SQLite file, or a new PostgreSQL database that is dropped afterwards)."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        yield f"sqlite:///{tmp_path / ('db-' + uuid.uuid4().hex[:8] + '.sqlite3')}"
        return
    import psycopg

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = "arvoketju_cli_" + uuid.uuid4().hex[:10]
    admin = dict(
        host=base["HOST"] or "127.0.0.1",
        port=base["PORT"] or 5432,
        user=base["USER"] or None,
        password=base["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = base["USER"] + (f":{base['PASSWORD']}" if base["PASSWORD"] else "") + "@" if base["USER"] else ""
        yield f"postgres://{auth}{admin['host']}:{admin['port']}/{name}"
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
