"""The documentation fails the suite when it falls behind the code."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
COMMANDS = sorted(p.stem for p in (REPO / "arvoketju").glob("*/management/commands/[a-z]*.py"))


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = (REPO / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert re.search(r"^make test$", (REPO / ".ci/run").read_text(), re.M)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert f"arvoketju {command}" in (REPO / "docs/cli.md").read_text()


@pytest.mark.django_db
def test_every_api_endpoint_is_documented(client):
    documented = (REPO / "docs/api.md").read_text()
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        short = path.removeprefix("/api/v1")
        for method in operations:
            assert f"`{method.upper()} {short}" in documented, f"{method.upper()} {short} is not in docs/api.md"


def test_every_linked_document_exists():
    for doc in [REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", doc.read_text()):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
