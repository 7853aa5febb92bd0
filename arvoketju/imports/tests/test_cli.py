"""``arvoketju import`` as a user runs it: real processes on fresh databases, including a kill mid-import."""

import os
import signal
import subprocess
import sys
import time

import pytest

from arvoketju.testing.databases import fresh_database_url

from .conftest import as_csv

pytestmark = pytest.mark.django_db


def env_for(database_url, tmp_path):
    return {**os.environ, "DATABASE_URL": database_url, "ARVOKETJU_LANGUAGE": "en", "ARVOKETJU_DATA_DIR": str(tmp_path)}


def run(database_url, tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "arvoketju", *args],
        env=env_for(database_url, tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_import_dry_run_errors_decisions_and_reimport(tmp_path):
    good = tmp_path / "orgs.csv"
    good.write_bytes(
        as_csv(
            [
                {"name": "Akkutesti Oy", "type": "company", "business_id": "0737546-2"},
                {"name": "Akkutesti", "type": "company"},
            ]
        )
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(as_csv([{"name": "A Oy", "type": "company"}] * 15 + [{"name": "B Oy", "business_id": "0737546-5"}]))
    with fresh_database_url(tmp_path) as db:
        assert run(db, tmp_path, "migrate", "-v0").returncode == 0
        first = run(db, tmp_path, "import", "organisations", str(good), "--dry-run")
        assert first.returncode == 0, first.stderr
        assert "row 2: created Akkutesti Oy (akkutesti-oy)" in first.stdout
        assert "dry run of 2 row(s), nothing written: would be 2 created" in first.stdout
        refused = run(db, tmp_path, "import", "organisations", str(bad))
        assert refused.returncode != 0
        assert "row 17, business_id: check digit should be 2, not 5" in refused.stderr
        assert "row 3, name: names the same organisation as row 2" in refused.stderr
        assert refused.stderr.strip().splitlines()[-1] == "CommandError: 16 problem(s); nothing was imported"
        assert run(db, tmp_path, "import", "organisations", str(good)).returncode == 0
        update = tmp_path / "update.csv"
        update.write_bytes(as_csv([{"name": "Akkutesti Ab", "description": "x"}]))
        waiting = run(db, tmp_path, "import", "organisations", str(update))
        assert waiting.returncode != 0 and "--match 2=akkutesti-oy" in waiting.stdout and "--new 2" in waiting.stdout
        decided = run(db, tmp_path, "import", "organisations", str(update), "--match", "2=akkutesti-oy")
        assert decided.returncode == 0 and "updated: 1" in decided.stdout, decided.stderr
        again = run(db, tmp_path, "import", "organisations", str(good))
        assert again.returncode == 0 and "created: 0, updated: 0, unchanged: 2" in again.stdout
        missing = run(db, tmp_path, "import", "organisations", str(tmp_path / "none.csv"))
        assert missing.returncode != 0 and "no such file" in missing.stderr


def test_killing_a_large_import_midway_leaves_the_database_unchanged(tmp_path):
    rows = [{"name": f"Tappotesti {i} Oy", "type": "company", "description": "iso tiedosto"} for i in range(20_000)]
    big = tmp_path / "big.csv"
    big.write_bytes(as_csv(rows))
    with fresh_database_url(tmp_path) as db:
        assert run(db, tmp_path, "migrate", "-v0").returncode == 0
        small = tmp_path / "small.csv"
        small.write_bytes(as_csv([{"name": "Ennen Oy", "type": "company"}]))
        assert run(db, tmp_path, "import", "organisations", str(small)).returncode == 0
        assert run(db, tmp_path, "export", str(tmp_path / "before.json")).returncode == 0
        process = subprocess.Popen(
            [sys.executable, "-m", "arvoketju", "import", "organisations", str(big)],
            env=env_for(db, tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen, deadline = [], time.monotonic() + 500
        try:
            for line in process.stderr:
                seen.append(line.strip())
                if line.startswith("writing: ") and int(line.split()[1].split("/")[0]) >= 2000:
                    break
                assert time.monotonic() < deadline, seen
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        assert "checking: 20000/20000 rows (100%)" in seen and "writing: 2000/20000 rows (10%)" in seen, seen
        assert run(db, tmp_path, "export", str(tmp_path / "after.json")).returncode == 0
        assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()
