"""The role users and restricted facts of the authorisation matrix, shared with the export and history tests."""

from arvoketju.accounts.tests.conftest import centria, restricted_facts, uef, users  # noqa: F401
