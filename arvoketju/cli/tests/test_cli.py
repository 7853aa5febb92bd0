"""The ``arvoketju`` command as a user runs it: real processes, real (fresh) databases."""

import json
import os
import subprocess
import sys

import pytest

from arvoketju.testing.databases import fresh_database_url

pytestmark = pytest.mark.django_db


def run(database_url, *args, check=True, tmp_path=None):
    env = {**os.environ, "DATABASE_URL": database_url, "ARVOKETJU_LANGUAGE": "en"}
    if tmp_path is not None:
        env["ARVOKETJU_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "arvoketju", *args], env=env, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"arvoketju {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def test_export_load_export_round_trips_identically(tmp_path):
    with fresh_database_url(tmp_path) as first_db, fresh_database_url(tmp_path) as second_db:
        run(first_db, "migrate", "-v0")
        run(first_db, "seed", "battery-fi")
        run(first_db, "export", str(tmp_path / "one.json"))
        run(second_db, "migrate", "-v0")
        loaded = run(second_db, "load", str(tmp_path / "one.json"))
        assert "loaded" in loaded.stdout
        run(second_db, "export", str(tmp_path / "two.json"))
        one, two = (tmp_path / "one.json").read_bytes(), (tmp_path / "two.json").read_bytes()
        assert one == two
        backup = json.loads(one)
        assert backup["format"] == "arvoketju-backup"
        assert {o["model"] for o in backup["objects"]} >= {"actors.organisation", "collaboration.project"}
        # loading into a database that is not empty is refused with a one-line reason
        refused = run(second_db, "load", str(tmp_path / "one.json"), check=False)
        assert refused.returncode != 0
        assert "not empty" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_failures_exit_non_zero_with_a_one_line_reason(tmp_path):
    with fresh_database_url(tmp_path) as db:
        run(db, "migrate", "-v0")
        for args, reason in [
            (("seed", "no-such-dataset"), "unknown dataset 'no-such-dataset'"),
            (("load", str(tmp_path / "missing.json")), "no such file"),
            (("geo", "load", str(tmp_path / "missing.geojson")), "no such file"),
            (("taxonomy", "load", str(tmp_path / "missing.yaml")), "no such file"),
        ]:
            result = run(db, *args, check=False)
            assert result.returncode != 0, args
            assert reason in result.stderr, (args, result.stderr)
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_unreachable_database_is_reported_in_one_line(tmp_path):
    result = run("postgres://nobody@127.0.0.1:1/none", "seed", "battery-fi", check=False)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("arvoketju: error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_reports_data_quality(tmp_path):
    with fresh_database_url(tmp_path) as db:
        run(db, "migrate", "-v0")
        run(db, "seed", "battery-fi")
        result = run(db, "check")
        assert "data-quality finding(s)" in result.stdout
        strict = run(db, "check", "--strict", check=False)
        findings = int(result.stdout.strip().splitlines()[-1].split()[0])
        assert (strict.returncode != 0) == (findings > 0)
