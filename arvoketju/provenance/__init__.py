"""Provenance: sources, the fact base model every domain model inherits, and the change history."""
