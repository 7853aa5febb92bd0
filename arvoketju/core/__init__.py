"""Small shared helpers that belong to no single domain (dates, identifiers, text)."""
