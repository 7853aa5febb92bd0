"""Imports started from the web: the uploaded file kept between the check and the apply, and large
imports applied in a background thread whose progress the page polls.

Progress lives in Django's cache (the default in-process cache serves ``arvoketju serve``, one
process with threads), never in the database: the import holds its transaction until the end, and
a progress row written beside it would wait for that lock on SQLite.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from arvoketju.provenance.services import Actor

from .services import ImportResult, import_file

logger = logging.getLogger(__name__)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
JOB_SECONDS = 6 * 3600


def upload_folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_store(*, data: bytes, filename: str, kind: str, user, rows: int = 0) -> str:
    """Keep an uploaded file until it is applied; returns its token."""
    token = secrets.token_urlsafe(18)
    folder = upload_folder()
    (folder / f"{token}.data").write_bytes(data)
    meta = {"filename": Path(filename or "upload").name[:200], "kind": kind, "user": user.pk, "rows": rows}
    (folder / f"{token}.json").write_text(json.dumps(meta))
    return token


def upload_read(*, token: str, user) -> tuple[bytes, dict] | None:
    """The stored file and its details, for the user who uploaded it; None when unknown or gone."""
    if not TOKEN.match(token or ""):
        return None
    folder = upload_folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        data = (folder / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != user.pk:
        return None
    return data, meta


def upload_discard(token: str):
    if TOKEN.match(token or ""):
        for suffix in (".data", ".json"):
            (upload_folder() / f"{token}{suffix}").unlink(missing_ok=True)


def result_summary(result: ImportResult) -> dict:
    """What the pages show of a result (JSON-ready, so it can wait in the cache)."""
    return {
        "summary": result.summary(),
        "applied": result.applied,
        "ok": result.ok,
        "counts": dict(result.counts),
        "problems": [str(p) for p in result.problems[:500]],
        "problem_count": len(result.problems),
        "uncertain": len(result.uncertain),
    }


def job_status(job: str, *, user) -> dict | None:
    status = cache.get(f"arvoketju-import-{job}") if TOKEN.match(job or "") else None
    if status is None or status.get("user") != user.pk:
        return None
    return status


def job_run(*, job: str, token: str, user, decisions: dict, request_id: str = ""):
    """Apply a stored upload, recording progress under ``job``; the file is discarded once applied."""
    key = f"arvoketju-import-{job}"
    status = {"user": user.pk, "state": "running", "phase": "checking", "done": 0, "total": 0}
    cache.set(key, status, JOB_SECONDS)

    def progress(phase, done, total):
        cache.set(key, {**status, "phase": phase, "done": done, "total": total}, JOB_SECONDS)

    try:
        stored = upload_read(token=token, user=user)
        if stored is None:
            cache.set(key, {**status, "state": "failed", "summary": _("the uploaded file is gone; upload it again")})
            return
        data, meta = stored
        result = import_file(
            kind=meta["kind"],
            data=data,
            filename=meta["filename"],
            actor=Actor.for_user(user, request_id=request_id),
            decisions=decisions,
            progress=progress,
        )
        if result.applied:
            upload_discard(token)
        cache.set(key, {**status, "state": "done", **result_summary(result)}, JOB_SECONDS)
    except Exception as exc:  # reported on the page; the import's transaction was rolled back
        logger.exception("import job %s failed", job)
        cache.set(key, {**status, "state": "failed", "summary": str(exc)}, JOB_SECONDS)


def _in_thread(*, language: str, **kwargs):
    try:
        with translation.override(language):
            job_run(**kwargs)
    finally:
        connection.close()  # the thread's own database connection


def job_start(*, token: str, user, decisions: dict, request_id: str = "") -> str:
    """Start applying a stored upload in a background thread; returns the job id to poll."""
    job = secrets.token_urlsafe(12)
    cache.set(
        f"arvoketju-import-{job}",
        {"user": user.pk, "state": "running", "phase": "starting", "done": 0, "total": 0},
        JOB_SECONDS,
    )
    thread = threading.Thread(
        target=_in_thread,
        kwargs={
            "job": job,
            "token": token,
            "user": user,
            "decisions": decisions,
            "request_id": request_id,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
        daemon=True,
        name=f"import-{job}",
    )
    thread.start()
    return job
