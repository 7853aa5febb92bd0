"""Property-based fuzzing of the whole REST API against its own OpenAPI document, through a real
server with the battery dataset: no generated request — valid or not, signed in with a write token
or anonymous — may get a server error.

This run is bounded (``MAX_EXAMPLES`` per operation); ``docs/api.md`` gives the longer command-line
run with the ``schemathesis`` CLI.
"""

import os
import subprocess
import sys

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from arvoketju.testing.server import running_server

MAX_EXAMPLES = int(os.environ.get("ARVOKETJU_API_FUZZ_EXAMPLES", "12"))


@pytest.fixture(scope="module")
def served_api(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("api-fuzz")
    with running_server(tmp_path, admin_password="a-long-test-password-123") as base:
        env = {**os.environ, "DATABASE_URL": base.database_url, "ARVOKETJU_DATA_DIR": str(tmp_path)}
        token = subprocess.run(
            [sys.executable, "-m", "arvoketju", "token", "create", "admin", "--scope", "read", "--scope", "write"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        yield base, token


def test_no_request_gets_a_server_error(served_api):
    base, token = served_api
    schema = schemathesis.openapi.from_url(base + "/api/v1/openapi.json")
    callers = (("write token", {"Authorization": f"Bearer {token}"}), ("anonymous", {}))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the OpenAPI document lost its operations"

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            phases=(Phase.explicit, Phase.generate),  # no shrinking: a failure is reported as found, quickly
        )
        def never_a_server_error(case):
            for caller, headers in callers:
                response = case.call(base_url=base, headers=headers, timeout=30)
                assert response.status_code < 500, (
                    f"{caller}: {case.method} {case.formatted_path} {case.query or ''} → {response.status_code}"
                )

        never_a_server_error()
