"""Test helpers shared by every app: factories of common facts, database URLs for CLI tests."""
