"""Many simultaneous edits of the same record through the real server: every write either lands or
gets a conflict, and none is lost (on the engine the suite runs on: SQLite or PostgreSQL)."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from arvoketju.testing.server import running_server

WRITERS = 16
ROUNDS = 5


def call(base, method, path, token, body=None):
    request = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept-Language": "en"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_simultaneous_edits_land_or_conflict_and_none_is_lost(tmp_path):
    with running_server(tmp_path, admin_password="a-long-test-password-123") as base:
        env = {**os.environ, "DATABASE_URL": base.database_url, "ARVOKETJU_DATA_DIR": str(tmp_path)}
        token = subprocess.run(
            [sys.executable, "-m", "arvoketju", "token", "create", "admin", "--scope", "read", "--scope", "write"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status, start = call(base, "GET", "/api/v1/organisations/centria", token)
        assert status == 200
        outcomes = []

        def writer(number, version):
            return call(
                base,
                "PATCH",
                "/api/v1/organisations/centria",
                token,
                {"version": version, "description": f"writer {number}"},
            )

        for _round in range(ROUNDS):
            _status, current = call(base, "GET", "/api/v1/organisations/centria", token)
            with ThreadPoolExecutor(WRITERS) as pool:
                results = list(pool.map(writer, range(WRITERS), [current["version"]] * WRITERS))
            outcomes += results
            assert {status for status, _ in results} <= {200, 409}, results
            assert sum(status == 200 for status, _ in results) == 1  # one write per version wins

        _status, end = call(base, "GET", "/api/v1/organisations/centria", token)
        successes = [body for status, body in outcomes if status == 200]
        assert end["version"] - start["version"] == len(successes) == ROUNDS
        assert end["description"] == successes[-1]["description"]
        conflicts = [body for status, body in outcomes if status == 409]
        assert all("changed by someone else" in body["errors"][0] for body in conflicts)
