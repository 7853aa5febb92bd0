"""Accounts: roles (member, organisation representative, editor, administrator) and API tokens."""
